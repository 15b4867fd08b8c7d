/**
 * Position quantisation on a fixed metric grid, per mesh (KHR_mesh_quantization): POSITION becomes SHORT
 * (not normalized) grid indices, q = round((p − centre) / step) with step = 2 × maxErrorM, and the mesh's node
 * (or, for EXT_mesh_gpu_instancing, every instance transform) gets `translate(centre) · scale(step)`.
 *
 * Notes
 * - The bound: every coordinate of every vertex lies within `maxErrorM` of its float32 value before this pass
 *   (half a step, per axis; Euclidean ≤ √3 × that). The pipeline's default is 0.19 mm (0.38 mm steps), which
 *   with build's vertex merge (< 0.005 mm, merge-vertices.ts) keeps drawn vertices within 0.2 mm of web-ifc's
 *   (see compress-tiles.ts for what else moves vertices).
 * - Bits per mesh follow from its extent: a mesh spanning E metres needs ⌈log2(E / step + 1)⌉ bits per axis;
 *   SHORT holds 16 (±32 767 steps: 24.9 m at 0.38 mm). meshopt's delta codec drops the high bits a small mesh
 *   does not use (a 1 m chair spans ±1 300 steps: 12 bits), so one storage type serves all sizes.
 * - Wider meshes are cut when that is smaller, else kept float32 (until 2026-12 always float32; at the
 *   0.38 mm grid that hit every building's merged tile mesh but FZK-Haus's: janesville +41 % bytes, duplex
 *   +59 %). A mesh on one leaf node without instancing is planned into pieces that fit, each to get its own node
 *   (the original's TRS) and mesh: primitives that fit alone move whole; the triangles of wider ones, up to half
 *   the reach wide, are cut into slabs (sorted by centroid along the widest axis, the longest run whose vertex
 *   extent fits, then the same on the other axes); then whole primitives and the wider triangles, largest
 *   first, join the first piece they fit in, else start one. Triangles wider than the reach, primitives whose
 *   cut JSON (≈ 650 bytes per extra piece) outweighs their vertices as float32, and small leftover pieces go to
 *   one float32 piece. The plan is carried out only when it is smaller: with an encoder (compress passes
 *   meshopt's) both position streams are encoded and compared, the cut's JSON and duplicated vertices added;
 *   without, each quantised vertex is taken to save `floatBytesPerVertex`. A cut primitive keeps its material,
 *   extensions and every attribute; vertices on a cut are duplicated, and all pieces share one grid (centres on
 *   multiples of the step from the original centre), so a shared vertex lands on the same point in both (no
 *   cracks). Instanced meshes wider than the reach stay float32 (none in the samples).
 * - Float32 positions are rounded to the largest power of two ≤ the step (same bound; meshopt then drops the
 *   zeroed mantissa bits: janesville's merged mesh 991 → 601 KB as float32).
 * - Measured 2026-12 (0.38 mm grid): janesville's merged mesh (73 m × 62 m, 15 primitives, 137 k vertices) →
 *   7 pieces and a float32 one of 4.9 k vertices, 37 primitives; duplex (26.6 m, 17 primitives) → 2 pieces, 18
 *   primitives; Institute (58 m × 38 m, 14 k vertices on a millimetre lattice: float32 rounded to 2⁻¹² m costs
 *   only 0.4 bytes a vertex more there) and nanchang (32.9 m, 1.6 k vertices) stay float32; FZK-Haus fits.
 * - With ADD refinement upper-tile content stays on screen at every distance, so the grid never coarsens with
 *   tile size (seen on the San Martino–Tufara railway: a fixed 14 bits over a 2 km half-extent put root
 *   vertices 13.5 cm off).
 * - glTF-Transform's `quantize` (used until 2026-11-30) spreads every mesh over the full ±32 767 range at one
 *   bit count per document and fills the low bits by bit replication: a 1 m chair in a 40 m tile got 15 µm
 *   steps and 16 noisy bits per component.
 * - Instance transforms: world = node · T · R · S · (centre + step · q), so T′ = T + R(S ⊙ centre), S′ = S · step.
 */
import type { Accessor, Document, Mesh, Node, Primitive, Scene } from '@gltf-transform/core';
import type { InstancedMesh } from '@gltf-transform/extensions';

/** What {@link quantizePositions} did. */
export interface QuantizeStats {
  /** Meshes whose positions became SHORT grid steps (pieces of split meshes included). */
  quantizedMeshes: number;
  /** Meshes left at float32, rounded to the grid (too wide for 16 bits, and not cut: not possible or dearer). */
  floatMeshes: number;
  /** Meshes cut into pieces (see the module Notes). */
  splitMeshes: number;
  /** Primitives the cuts added (≈ draw calls; the write stage's count does not include them). */
  addedPrimitives: number;
  /** Largest bit count a quantised mesh needed per axis (≤ 16); 0 when none was quantised. */
  maxBits: number;
}

/** Options of {@link quantizePositions}. */
export interface QuantizeOptions {
  /** Split meshes too wide for 16-bit steps when that is smaller (default true); false keeps them float32. */
  split?: boolean;
  /**
   * Extra bytes a float32 position costs over a 16-bit one in the written file, for the split-or-not decision:
   * ≈ 0.8 after meshopt (measured 2026-12: janesville 0.6, duplex 1.1), 4 without (12 raw bytes against 8:
   * SHORT × 3 padded to 4-byte alignment).
   * Default 0.8. Only used without `streamBytes`.
   */
  floatBytesPerVertex?: number;
  /**
   * Encoded size of a vertex stream (e.g. meshopt's `encodeGltfBuffer(data, count, stride, 'ATTRIBUTES')`
   * length): when given, the cut-or-float32 decision compares both position streams as encoded.
   */
  streamBytes?: StreamBytes;
}

const MAX_STEPS = 32_767;
/** Triangle indices for a primitive: its index array, or 0..n−1. */
function triangleIndices(prim: Primitive): ArrayLike<number> {
  const indices = prim.getIndices();
  if (indices) return indices.getArray()!;
  const count = prim.getAttribute('POSITION')!.getCount();
  return Uint32Array.from({ length: count }, (_, i) => i);
}

function meshBounds(mesh: Mesh): { min: number[]; max: number[] } | null {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const prim of mesh.listPrimitives()) {
    const position = prim.getAttribute('POSITION');
    if (!position || !(position.getArray() instanceof Float32Array)) return null;
    const lo = position.getMin([]);
    const hi = position.getMax([]);
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], lo[k]);
      max[k] = Math.max(max[k], hi[k]);
    }
  }
  return min[0] <= max[0] ? { min, max } : null;
}

/** Rotates v by the unit quaternion (x, y, z, w). */
function rotate(q: ArrayLike<number>, v: readonly number[]): number[] {
  const [x, y, z, w] = [q[0], q[1], q[2], q[3]];
  // t = 2 · (q.xyz × v); v′ = v + w t + q.xyz × t
  const tx = 2 * (y * v[2] - z * v[1]);
  const ty = 2 * (z * v[0] - x * v[2]);
  const tz = 2 * (x * v[1] - y * v[0]);
  return [v[0] + w * tx + (y * tz - z * ty), v[1] + w * ty + (z * tx - x * tz), v[2] + w * tz + (x * ty - y * tx)];
}

/**
 * Quantises one mesh that fits (half-extent ≤ MAX_STEPS − 1 steps) and folds centre/step into its parents.
 * @param gridOrigin when given, the centre is moved onto the grid through this point (node frame), so pieces of
 *   one split mesh round a vertex they share to the same place (no cracks along the cuts)
 * @returns false (mesh untouched) when a position would fall outside ±32 767 steps
 */
function quantizeMesh(document: Document, mesh: Mesh, bounds: { min: number[]; max: number[] }, step: number, gridOrigin?: number[]): boolean {
  const buffer = document.getRoot().listBuffers()[0];
  const centre = [0, 1, 2].map((k) => {
    const mid = (bounds.min[k] + bounds.max[k]) / 2;
    return gridOrigin ? gridOrigin[k] + Math.round((mid - gridOrigin[k]) / step) * step : mid;
  });
  const quantized = new Map<Accessor, Int16Array>();
  for (const prim of mesh.listPrimitives()) {
    const position = prim.getAttribute('POSITION')!;
    if (quantized.has(position)) continue;
    const src = position.getArray() as Float32Array;
    const q = new Int16Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = Math.round((src[i] - centre[i % 3]) / step);
      if (!(Math.abs(v) <= MAX_STEPS)) return false; // (callers check the extent first; never wrap around)
      q[i] = v;
    }
    quantized.set(position, q);
  }
  for (const [position, q] of quantized) position.setArray(q).setNormalized(false);
  for (const parent of mesh.listParents()) {
    if (parent.propertyType !== 'Node') continue;
    const node = parent as Node;
    const batch = node.getExtension<InstancedMesh>('EXT_mesh_gpu_instancing');
    if (batch) {
      const translation = batch.getAttribute('TRANSLATION');
      const rotation = batch.getAttribute('ROTATION');
      const scale = batch.getAttribute('SCALE');
      const count = translation?.getCount() ?? 0;
      const t = new Float32Array(count * 3);
      const s = new Float32Array(count * 3);
      for (let i = 0; i < count; i++) {
        const si = scale ? scale.getElement(i, []) : [1, 1, 1];
        const ri = rotation ? rotation.getElement(i, []) : [0, 0, 0, 1];
        const ti = translation!.getElement(i, []);
        const offset = rotate(ri, [si[0] * centre[0], si[1] * centre[1], si[2] * centre[2]]);
        t.set([ti[0] + offset[0], ti[1] + offset[1], ti[2] + offset[2]], i * 3);
        s.set([si[0] * step, si[1] * step, si[2] * step], i * 3);
      }
      translation?.setArray(t);
      const scaleAccessor: Accessor = scale ?? document.createAccessor().setType('VEC3').setBuffer(buffer);
      batch.setAttribute('SCALE', scaleAccessor.setArray(s));
    } else {
      const t = node.getTranslation();
      const sc = node.getScale();
      // Leaf node: world = node TRS · (centre + step q) → fold into the node's own TRS (rotation kept).
      const offset = rotate(node.getRotation(), [sc[0] * centre[0], sc[1] * centre[1], sc[2] * centre[2]]);
      node
        .setTranslation([t[0] + offset[0], t[1] + offset[1], t[2] + offset[2]])
        .setScale([sc[0] * step, sc[1] * step, sc[2] * step]);
    }
  }
  return true;
}

/**
 * Rounds a float32 mesh's positions to multiples of the largest power of two ≤ `step` (node frame, metres): the
 * error stays ≤ step / 2 (see the module Notes for what it saves).
 */
function roundFloatPositions(mesh: Mesh, step: number): void {
  const grid = 2 ** Math.floor(Math.log2(step));
  const done = new Set<Accessor>();
  for (const prim of mesh.listPrimitives()) {
    const position = prim.getAttribute('POSITION');
    const src = position?.getArray();
    if (!position || !(src instanceof Float32Array) || done.has(position)) continue;
    done.add(position);
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = Math.round(src[i] / grid) * grid;
    position.setArray(out);
  }
}

/**
 * What a split moves around: a whole primitive that fits on its own (`first` = −1) or one triangle of a wider
 * primitive (`first` = its first index), with vertex bounds and a centre per item.
 */
interface ItemSet {
  prim: Int32Array;
  first: Int32Array;
  lo: Float64Array;
  hi: Float64Array;
  centre: Float64Array;
}

function collectItems(mesh: Mesh, reach: number): { items: ItemSet; tooWide: number[] } {
  const prims = mesh.listPrimitives();
  const whole = prims.map((prim) => {
    const position = prim.getAttribute('POSITION')!;
    const lo = position.getMin([]);
    const hi = position.getMax([]);
    return [0, 1, 2].every((k) => hi[k] - lo[k] <= reach) ? { lo, hi } : null;
  });
  const count = prims.reduce((n, prim, p) => n + (whole[p] ? 1 : Math.floor(triangleIndices(prim).length / 3)), 0);
  const items: ItemSet = {
    prim: new Int32Array(count),
    first: new Int32Array(count),
    lo: new Float64Array(count * 3),
    hi: new Float64Array(count * 3),
    centre: new Float64Array(count * 3),
  };
  const tooWide: number[] = [];
  let n = 0;
  prims.forEach((prim, p) => {
    const bounds = whole[p];
    if (bounds) {
      items.prim[n] = p;
      items.first[n] = -1;
      for (let k = 0; k < 3; k++) {
        items.lo[n * 3 + k] = bounds.lo[k];
        items.hi[n * 3 + k] = bounds.hi[k];
        items.centre[n * 3 + k] = (bounds.lo[k] + bounds.hi[k]) / 2;
      }
      n++;
      return;
    }
    const pos = prim.getAttribute('POSITION')!.getArray() as Float32Array;
    const ix = triangleIndices(prim);
    for (let i = 0; i + 2 < ix.length; i += 3, n++) {
      items.prim[n] = p;
      items.first[n] = i;
      let wide = false;
      for (let k = 0; k < 3; k++) {
        const a = pos[ix[i] * 3 + k], b = pos[ix[i + 1] * 3 + k], c = pos[ix[i + 2] * 3 + k];
        const lo = Math.min(a, b, c);
        const hi = Math.max(a, b, c);
        items.lo[n * 3 + k] = lo;
        items.hi[n * 3 + k] = hi;
        items.centre[n * 3 + k] = (a + b + c) / 3;
        if (hi - lo > reach) wide = true;
      }
      if (wide) tooWide.push(n);
    }
  });
  return { items, tooWide };
}

/**
 * Cuts `ids` (items, each no wider than `reach`) into groups whose vertex extent is ≤ `reach` on every axis:
 * along the widest axis (of the item centres), the longest run in centre order that fits becomes one slab,
 * then each slab is cut the same way on its remaining wide axes.
 */
function partition(set: ItemSet, ids: Int32Array, reach: number, out: Int32Array[]): void {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const cLo = [Infinity, Infinity, Infinity];
  const cHi = [-Infinity, -Infinity, -Infinity];
  for (const t of ids) {
    for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k], set.lo[t * 3 + k]);
      hi[k] = Math.max(hi[k], set.hi[t * 3 + k]);
      cLo[k] = Math.min(cLo[k], set.centre[t * 3 + k]);
      cHi[k] = Math.max(cHi[k], set.centre[t * 3 + k]);
    }
  }
  const wide = [0, 1, 2].filter((k) => hi[k] - lo[k] > reach);
  if (wide.length === 0 || ids.length <= 1) {
    out.push(ids);
    return;
  }
  const axis = wide.reduce((a, k) => (cHi[k] - cLo[k] > cHi[a] - cLo[a] ? k : a), wide[0]);
  const sorted = Int32Array.from(ids).sort((a, b) => set.centre[a * 3 + axis] - set.centre[b * 3 + axis]);
  let start = 0;
  while (start < sorted.length) {
    let min = Infinity;
    let max = -Infinity;
    let end = start;
    for (; end < sorted.length; end++) {
      const t = sorted[end];
      const nextMin = Math.min(min, set.lo[t * 3 + axis]);
      const nextMax = Math.max(max, set.hi[t * 3 + axis]);
      if (end > start && nextMax - nextMin > reach) break;
      min = nextMin;
      max = nextMax;
    }
    partition(set, sorted.subarray(start, end), reach, out);
    start = end;
  }
}

/** A new accessor holding the elements `vertices` of `source` (same type, component type, normalization). */
function subsetAccessor(document: Document, source: Accessor, vertices: Uint32Array): Accessor {
  const size = source.getElementSize();
  const src = source.getArray()!;
  const dst = new (src.constructor as new (n: number) => typeof src)(vertices.length * size);
  for (let i = 0; i < vertices.length; i++) for (let k = 0; k < size; k++) dst[i * size + k] = src[vertices[i] * size + k];
  return document
    .createAccessor(source.getName())
    .setType(source.getType())
    .setNormalized(source.getNormalized())
    .setArray(dst)
    .setBuffer(source.getBuffer());
}

/** A primitive like `prim` (material, mode, extensions, attributes) holding only triangles `firsts` of it. */
function subsetPrimitive(document: Document, prim: Primitive, firsts: number[]): Primitive {
  const ix = triangleIndices(prim);
  const remap = new Map<number, number>();
  const vertices: number[] = [];
  const indices = new Uint32Array(firsts.length * 3);
  let k = 0;
  for (const first of firsts) {
    for (let c = 0; c < 3; c++) {
      const v = ix[first + c];
      let n = remap.get(v);
      if (n === undefined) {
        n = vertices.length;
        remap.set(v, n);
        vertices.push(v);
      }
      indices[k++] = n;
    }
  }
  const piece = prim.clone();
  const order = Uint32Array.from(vertices);
  for (const semantic of prim.listSemantics()) piece.setAttribute(semantic, subsetAccessor(document, prim.getAttribute(semantic)!, order));
  const indexArray = vertices.length <= 0xffff ? Uint16Array.from(indices) : indices;
  const buffer = (prim.getIndices() ?? prim.getAttribute('POSITION')!).getBuffer();
  piece.setIndices(document.createAccessor().setType('SCALAR').setArray(indexArray).setBuffer(buffer));
  return piece;
}

/** How a mesh would be cut: pieces of items (see {@link ItemSet}), the last one float32 when `float`. */
interface SplitPlan {
  items: ItemSet;
  pieces: { ids: Int32Array; float: boolean }[];
}

/** Plans the pieces of a mesh too wide for 16-bit steps (see the module Notes); changes nothing. */
function planSplit(mesh: Mesh, reach: number, floatBytesPerVertex: number): SplitPlan {
  const prims = mesh.listPrimitives();
  const { items, tooWide } = collectItems(mesh, reach);
  const wide = new Set(tooWide);
  const all = Int32Array.from({ length: items.prim.length }, (_, i) => i);
  // Triangles (of primitives wider than the reach) up to half the reach wide are cut into slabs; then whole
  // primitives and the wider triangles, largest first, join the first piece whose bounds still fit with them
  // (a cut costs ≈ 650 bytes of JSON per piece and primitive, a piece ≈ 150), else start a piece of their own.
  const width = (i: number) => Math.max(...[0, 1, 2].map((k) => items.hi[i * 3 + k] - items.lo[i * 3 + k]));
  const groups: Int32Array[] = [];
  const small = all.filter((i) => items.first[i] >= 0 && !wide.has(i) && width(i) <= reach / 2);
  if (small.length > 0) partition(items, small, reach, groups);
  const bounds = groups.map((ids) => {
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (const i of ids) for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k], items.lo[i * 3 + k]);
      hi[k] = Math.max(hi[k], items.hi[i * 3 + k]);
    }
    return { lo, hi, ids: Array.from(ids) };
  });
  const large = Array.from(all.filter((i) => !wide.has(i) && (items.first[i] < 0 || width(i) > reach / 2)));
  for (const i of large.sort((a, b) => width(b) - width(a) || a - b)) {
    const lo = [0, 1, 2].map((k) => items.lo[i * 3 + k]);
    const hi = [0, 1, 2].map((k) => items.hi[i * 3 + k]);
    let target = bounds.find((b) => [0, 1, 2].every((k) => Math.max(b.hi[k], hi[k]) - Math.min(b.lo[k], lo[k]) <= reach));
    if (!target) bounds.push((target = { lo: [...lo], hi: [...hi], ids: [] }));
    for (let k = 0; k < 3; k++) {
      target.lo[k] = Math.min(target.lo[k], lo[k]);
      target.hi[k] = Math.max(target.hi[k], hi[k]);
    }
    target.ids.push(i);
  }
  // A primitive cut into k pieces costs ≈ 650 bytes of JSON per extra piece; when that is more than its
  // vertices cost as float32 (a wide primitive of few vertices: janesville's 921-vertex roof edge over 68 m),
  // it goes whole to the float32 piece.
  const floatIds = [...tooWide];
  const piecesOf = new Map<number, Set<number>>();
  bounds.forEach((b, j) => {
    for (const i of b.ids) if (items.first[i] >= 0) (piecesOf.get(items.prim[i]) ?? piecesOf.set(items.prim[i], new Set()).get(items.prim[i])!).add(j);
  });
  for (const i of tooWide) piecesOf.get(items.prim[i])?.add(-1);
  const floatPrims = new Set<number>();
  for (const [p, cut] of piecesOf) {
    if (650 * (cut.size - 1) > floatBytesPerVertex * prims[p].getAttribute('POSITION')!.getCount()) floatPrims.add(p);
  }
  for (const b of bounds) {
    const keep = b.ids.filter((i) => !floatPrims.has(items.prim[i]));
    floatIds.push(...b.ids.filter((i) => floatPrims.has(items.prim[i])));
    b.ids = keep;
  }
  // A piece costs ≈ 750 bytes of JSON (node, mesh, primitive, 4 accessors) before any vertex: pieces of a few
  // wide triangles left over at the edges are cheaper in the float32 piece.
  const vertices = (ids: number[]) => ids.reduce((n, i) => n + (items.first[i] < 0 ? prims[items.prim[i]].getAttribute('POSITION')!.getCount() : 3), 0);
  const live = bounds.filter((b) => b.ids.length > 0);
  const tiny = live.length > 1 ? live.filter((b) => vertices(b.ids) * floatBytesPerVertex < 750) : [];
  // Moving one small piece into a float32 piece of its own would save nothing.
  const toFloat = floatIds.length > 0 || tiny.length > 1 ? new Set(tiny) : new Set<(typeof bounds)[number]>();
  const pieces = live.filter((b) => !toFloat.has(b)).map((b) => ({ ids: Int32Array.from(b.ids), float: false }));
  floatIds.push(...[...toFloat].flatMap((b) => b.ids));
  if (floatIds.length > 0) pieces.push({ ids: Int32Array.from(floatIds), float: true });
  return { items, pieces };
}

/** Vertices of each piece of `plan` as (primitive, vertex index) lists, in the order `splitMesh` writes them. */
function pieceVertices(mesh: Mesh, plan: SplitPlan): { prim: number; vertex: number }[][] {
  const prims = mesh.listPrimitives();
  const indices = prims.map((prim) => triangleIndices(prim));
  return plan.pieces.map((piece) => {
    const out: { prim: number; vertex: number }[] = [];
    const seen = new Map<number, Set<number>>();
    for (const i of Array.from(piece.ids).sort((a, b) => a - b)) {
      const p = plan.items.prim[i];
      const first = plan.items.first[i];
      if (first < 0) {
        const count = prims[p].getAttribute('POSITION')!.getCount();
        for (let v = 0; v < count; v++) out.push({ prim: p, vertex: v });
        continue;
      }
      let set = seen.get(p);
      if (!set) seen.set(p, (set = new Set()));
      for (let c = 0; c < 3; c++) {
        const v = indices[p][first + c];
        if (!set.has(v)) {
          set.add(v);
          out.push({ prim: p, vertex: v });
        }
      }
    }
    return out;
  });
}

/** Encoded size of a vertex stream, bytes (meshopt's attribute codec, as the writer will run it). */
export type StreamBytes = (data: Uint8Array, count: number, stride: number) => number;

/**
 * Whether cutting is smaller than keeping the whole mesh float32 (rounded to the grid): the cut adds ≈ 650 bytes
 * of JSON per extra primitive (primitive, 4 accessors), ≈ 150 per extra piece (node, mesh) and ≈ 1.2 bytes
 * (normal, feature ID, index) per duplicated vertex. With `streamBytes` both position streams are encoded and
 * compared; without, every quantised vertex is taken to save `floatBytesPerVertex`.
 */
function splitPays(mesh: Mesh, plan: SplitPlan, step: number, gridOrigin: number[], floatBytesPerVertex: number, streamBytes?: StreamBytes): boolean {
  const prims = mesh.listPrimitives();
  const arrays = prims.map((prim) => prim.getAttribute('POSITION')!.getArray() as Float32Array);
  const pieces = pieceVertices(mesh, plan);
  let primitives = 0;
  let vertices = 0;
  let quantizedVertices = 0;
  plan.pieces.forEach((piece, j) => {
    primitives += new Set(Array.from(piece.ids, (i) => plan.items.prim[i])).size;
    vertices += pieces[j].length;
    if (!piece.float) quantizedVertices += pieces[j].length;
  });
  const meshVertices = arrays.reduce((n, a) => n + a.length / 3, 0);
  const overhead = 650 * (primitives - prims.length) + 150 * (plan.pieces.length - 1) + 1.2 * (vertices - meshVertices);
  if (!streamBytes) return overhead < floatBytesPerVertex * quantizedVertices;

  const grid = 2 ** Math.floor(Math.log2(step));
  const floatStream = (list: { prim: number; vertex: number }[]) => {
    const out = new Float32Array(list.length * 3);
    list.forEach(({ prim, vertex }, v) => {
      for (let k = 0; k < 3; k++) out[v * 3 + k] = Math.round(arrays[prim][vertex * 3 + k] / grid) * grid;
    });
    return streamBytes(new Uint8Array(out.buffer), list.length, 12);
  };
  const whole = prims.flatMap((_, p) => Array.from({ length: arrays[p].length / 3 }, (__, vertex) => ({ prim: p, vertex })));
  let cut = 0;
  const shorts: Int16Array[] = [];
  plan.pieces.forEach((piece, j) => {
    if (piece.float) {
      cut += floatStream(pieces[j]);
      return;
    }
    const lo = [Infinity, Infinity, Infinity];
    const hi = [-Infinity, -Infinity, -Infinity];
    for (const { prim, vertex } of pieces[j]) {
      for (let k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k], arrays[prim][vertex * 3 + k]);
        hi[k] = Math.max(hi[k], arrays[prim][vertex * 3 + k]);
      }
    }
    const centre = [0, 1, 2].map((k) => gridOrigin[k] + Math.round(((lo[k] + hi[k]) / 2 - gridOrigin[k]) / step) * step);
    const q = new Int16Array(pieces[j].length * 4);
    pieces[j].forEach(({ prim, vertex }, v) => {
      for (let k = 0; k < 3; k++) q[v * 4 + k] = Math.round((arrays[prim][vertex * 3 + k] - centre[k]) / step);
    });
    shorts.push(q);
  });
  const count = shorts.reduce((n, q) => n + q.length / 4, 0);
  const pooled = new Int16Array(count * 4);
  let offset = 0;
  for (const q of shorts) {
    pooled.set(q, offset);
    offset += q.length;
  }
  if (count > 0) cut += streamBytes(new Uint8Array(pooled.buffer), count, 8);
  return cut + overhead < floatStream(whole);
}

/**
 * Replaces `node`'s mesh by the pieces of `plan`; returns the new meshes and whether each must stay float32.
 */
function splitMesh(document: Document, node: Node, mesh: Mesh, plan: SplitPlan): { mesh: Mesh; float: boolean }[] {
  const prims = mesh.listPrimitives();
  const { items, pieces } = plan;
  const parent = node.getParentNode();
  const scenes = parent ? [] : document.getRoot().listScenes().filter((s: Scene) => s.listChildren().includes(node));
  const moved = new Set<Primitive>();
  const result: { mesh: Mesh; float: boolean }[] = [];
  for (const piece of pieces) {
    // Whole primitives move as they are; triangles of wider ones keep their order (meshopt's reorder ran).
    const byPrim = new Map<number, number[]>();
    for (const i of Array.from(piece.ids).sort((a, b) => a - b)) {
      const list = byPrim.get(items.prim[i]) ?? [];
      list.push(items.first[i]);
      byPrim.set(items.prim[i], list);
    }
    const pieceMesh = document.createMesh(mesh.getName());
    for (const [p, firsts] of [...byPrim.entries()].sort((a, b) => a[0] - b[0])) {
      if (firsts[0] === -1) {
        mesh.removePrimitive(prims[p]);
        pieceMesh.addPrimitive(prims[p]);
        moved.add(prims[p]);
      } else {
        pieceMesh.addPrimitive(subsetPrimitive(document, prims[p], firsts));
      }
    }
    const pieceNode = document
      .createNode(node.getName())
      .setTranslation(node.getTranslation())
      .setRotation(node.getRotation())
      .setScale(node.getScale())
      .setExtras({ ...node.getExtras() })
      .setMesh(pieceMesh);
    if (parent) parent.addChild(pieceNode);
    else for (const scene of scenes) scene.addChild(pieceNode);
    result.push({ mesh: pieceMesh, float: piece.float });
  }
  // The original node, mesh and the cut primitives with their accessors are no longer drawn.
  const accessors = new Set<Accessor>();
  for (const prim of prims) {
    if (moved.has(prim)) continue;
    for (const semantic of prim.listSemantics()) accessors.add(prim.getAttribute(semantic)!);
    const indices = prim.getIndices();
    if (indices) accessors.add(indices);
    prim.dispose();
  }
  mesh.dispose();
  node.dispose();
  for (const accessor of accessors) if (accessor.listParents().every((p) => p.propertyType === 'Root')) accessor.dispose();
  return result;
}

/**
 * Quantises every mesh's POSITION to SHORT grid steps of 2 × `maxErrorM` metres (modifies `document`), splitting
 * meshes too wide for 16 bits (see the module Notes).
 * Meshes must not share accessors with other meshes and must be attached to nodes without children (as
 * `write` builds them).
 * @param maxErrorM largest allowed position error per coordinate, metres (> 0): half the grid step
 * @param options see {@link QuantizeOptions}
 * @returns what was done (see {@link QuantizeStats})
 * @see KHR_mesh_quantization (SHORT positions with a node scale/offset)
 */
export function quantizePositions(document: Document, maxErrorM: number, options: QuantizeOptions = {}): QuantizeStats {
  const step = 2 * maxErrorM;
  const maxHalfSteps = MAX_STEPS - 1;
  const stats: QuantizeStats = { quantizedMeshes: 0, floatMeshes: 0, splitMeshes: 0, addedPrimitives: 0, maxBits: 0 };
  const fits = (bounds: { min: number[]; max: number[] }) =>
    [0, 1, 2].every((k) => (bounds.max[k] - bounds.min[k]) / 2 / step <= maxHalfSteps);
  const quantize = (mesh: Mesh, bounds: { min: number[]; max: number[] }, gridOrigin?: number[]) => {
    if (!quantizeMesh(document, mesh, bounds, step, gridOrigin)) {
      roundFloatPositions(mesh, step);
      stats.floatMeshes++;
      return;
    }
    const span = Math.max(...[0, 1, 2].map((k) => Math.ceil((bounds.max[k] - bounds.min[k]) / 2 / step) + (gridOrigin ? 1 : 0)));
    stats.maxBits = Math.max(stats.maxBits, Math.ceil(Math.log2(2 * span + 1)));
    stats.quantizedMeshes++;
  };
  for (const mesh of document.getRoot().listMeshes()) {
    const bounds = meshBounds(mesh);
    if (!bounds) continue;
    if (fits(bounds)) {
      quantize(mesh, bounds);
      continue;
    }
    const nodes = mesh.listParents().filter((p): p is Node => p.propertyType === 'Node');
    const splittable =
      options.split !== false &&
      nodes.length === 1 &&
      !nodes[0].getExtension('EXT_mesh_gpu_instancing') &&
      nodes[0].listChildren().length === 0 &&
      mesh.listPrimitives().every((p) => p.getMode() === 4);
    if (!splittable) {
      roundFloatPositions(mesh, step);
      stats.floatMeshes++;
      continue;
    }
    // Piece extents are compared before rounding, and a piece's centre moves by up to half a step onto the
    // shared grid: two steps of margin.
    const floatBytesPerVertex = options.floatBytesPerVertex ?? 0.8;
    const plan = planSplit(mesh, 2 * (maxHalfSteps - 2) * step, floatBytesPerVertex);
    const gridOrigin = [0, 1, 2].map((k) => (bounds.min[k] + bounds.max[k]) / 2);
    if (!splitPays(mesh, plan, step, gridOrigin, floatBytesPerVertex, options.streamBytes)) {
      roundFloatPositions(mesh, step);
      stats.floatMeshes++;
      continue;
    }
    stats.splitMeshes++;
    const before = mesh.listPrimitives().length;
    const pieces = splitMesh(document, nodes[0], mesh, plan);
    stats.addedPrimitives += pieces.reduce((n, piece) => n + piece.mesh.listPrimitives().length, 0) - before;
    for (const piece of pieces) {
      const pieceBounds = meshBounds(piece.mesh);
      if (!piece.float && pieceBounds && fits(pieceBounds)) {
        quantize(piece.mesh, pieceBounds, gridOrigin);
      } else {
        roundFloatPositions(piece.mesh, step);
        stats.floatMeshes++;
      }
    }
  }
  return stats;
}
