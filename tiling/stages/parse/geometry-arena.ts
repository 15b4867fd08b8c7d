/**
 * Typed-array arena for streamed meshes: many small meshes are views into a few large buffers.
 *
 * Notes — why: a Worker's `postMessage` with one transfer-list entry per mesh array grew faster than linearly
 * with the number of buffers (a generated 50 MB IFC with 72 000 walls = 216 000 buffers: the parse stage took 30 s
 * through the worker against 8.4 s in-process; 120 MB took 78 s, 300 MB never finished). With the arena the
 * transfer list holds a few dozen chunk buffers whatever the model size, and per-mesh allocations (each a separate
 * ArrayBuffer with its own header and GC bookkeeping) become slices of 16 MB chunks.
 * The tail of each chunk that the next mesh did not fit in is wasted (≤ the largest mesh, typically a few KB).
 */

/** Elements per chunk (4 Mi elements = 16 MiB for float32/uint32); a larger mesh gets a chunk of its own size. */
const CHUNK_ELEMENTS = 4 * 1024 * 1024;

class ChunkedAllocator<T extends Float32Array | Uint32Array> {
  private current: T | null = null;
  private used = 0;
  readonly chunks: T[] = [];
  constructor(private readonly create: (length: number) => T) {}

  alloc(length: number): T {
    if (!this.current || this.used + length > this.current.length) {
      this.current = this.create(Math.max(CHUNK_ELEMENTS, length));
      this.chunks.push(this.current);
      this.used = 0;
    }
    const view = this.current.subarray(this.used, this.used + length) as T;
    this.used += length;
    return view;
  }
}

/** Allocates float32 and uint32 views out of shared chunks; see the module Notes. */
export class GeometryArena {
  private readonly floats = new ChunkedAllocator((n) => new Float32Array(n));
  private readonly uints = new ChunkedAllocator((n) => new Uint32Array(n));

  /** A zeroed float32 view of `length` elements. */
  allocFloat32(length: number): Float32Array {
    return this.floats.alloc(length);
  }

  /** A zeroed uint32 view of `length` elements. */
  allocUint32(length: number): Uint32Array {
    return this.uints.alloc(length);
  }

  /** Bytes reserved by the arena's chunks. */
  get reservedBytes(): number {
    return [...this.floats.chunks, ...this.uints.chunks].reduce((sum, c) => sum + c.byteLength, 0);
  }
}

/**
 * The distinct ArrayBuffers behind a set of typed arrays: the transfer list for `postMessage` (a buffer listed
 * twice is an error, and one entry per view would undo the arena's purpose).
 */
export function distinctBuffers(arrays: Iterable<ArrayBufferView>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}
