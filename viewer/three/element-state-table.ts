import { DataTexture, RGBAFormat, UnsignedByteType, NearestFilter } from 'three';

/** What the inspection view knows about one IFC element seen in a loaded tile. */
export interface ElementRecord {
  /** Index into the state texture; 0 is reserved for "no element". */
  index: number;
  globalId: string;
  ifcClass: string;
  name: string | null;
  storey: string | null;
}

/** Highlight state written into the G channel of the state texture (0 none, 128 hover, 255 selected). */
export type ElementHighlight = 'none' | 'hover' | 'selected';

const HIGHLIGHT_BYTE: Record<ElementHighlight, number> = { none: 0, hover: 128, selected: 255 };

/** Texels per row of the state texture; rows grow by doubling. */
export const STATE_TEXTURE_WIDTH = 256;
const INITIAL_ROWS = 4;

/**
 * Registry of elements (globalId → dense index) plus a GPU lookup texture holding each element's
 * visibility (R: 255 visible / 0 hidden) and highlight (G) so that materials can hide or tint whole
 * elements of merged meshes without touching geometry.
 *
 * Notes: alternatives were rebuilding index buffers per visibility change (cost grows with triangle
 * count and breaks on every tile reload) and splitting meshes per element (thousands of draw calls).
 * One texel per element costs 4 bytes and one `texSubImage2D` per change.
 */
export class ElementStateTable {
  /** Shared uniform objects: materials reference these, so swapping `.value` reaches every material. */
  readonly uniforms = {
    gantwinStateMap: { value: null as unknown as DataTexture },
  };

  private readonly byGlobalId = new Map<string, ElementRecord>();
  private readonly records: ElementRecord[] = [];
  private data: Uint8Array;
  private texture: DataTexture;

  constructor() {
    this.data = new Uint8Array(STATE_TEXTURE_WIDTH * INITIAL_ROWS * 4);
    this.texture = this.createTexture(INITIAL_ROWS);
    this.writeTexel(0, true, 'none');
    this.uniforms.gantwinStateMap.value = this.texture;
  }

  /** Number of registered elements. */
  get size(): number {
    return this.records.length;
  }

  /** Returns the record for `globalId`, registering it (visible, not highlighted) on first sight. */
  register(globalId: string, ifcClass: string, name: string | null, storey: string | null): ElementRecord {
    const known = this.byGlobalId.get(globalId);
    if (known) return known;
    const record: ElementRecord = { index: this.records.length + 1, globalId, ifcClass, name, storey };
    this.ensureCapacity(record.index + 1);
    this.byGlobalId.set(globalId, record);
    this.records.push(record);
    this.writeTexel(record.index, true, 'none');
    return record;
  }

  /** The record for `globalId`, or undefined when no loaded tile contained it. */
  get(globalId: string): ElementRecord | undefined {
    return this.byGlobalId.get(globalId);
  }

  /** The record at texture `index` (1-based), or undefined for 0 / unknown indices. */
  at(index: number): ElementRecord | undefined {
    return index >= 1 ? this.records[index - 1] : undefined;
  }

  /** All records, in registration order. */
  list(): readonly ElementRecord[] {
    return this.records;
  }

  /** Whether the element at `index` is currently visible (index 0 is always visible). */
  isVisible(index: number): boolean {
    return this.data[index * 4] !== 0;
  }

  /** Sets visibility and highlight of one element; call {@link commit} after a batch. */
  set(index: number, isVisible: boolean, highlight: ElementHighlight): void {
    this.writeTexel(index, isVisible, highlight);
  }

  /** Uploads pending changes to the GPU. */
  commit(): void {
    this.texture.needsUpdate = true;
  }

  /** Frees the GPU texture. */
  dispose(): void {
    this.texture.dispose();
  }

  private writeTexel(index: number, isVisible: boolean, highlight: ElementHighlight): void {
    const o = index * 4;
    this.data[o] = isVisible ? 255 : 0;
    this.data[o + 1] = HIGHLIGHT_BYTE[highlight];
    this.data[o + 2] = 0;
    this.data[o + 3] = 255;
  }

  private ensureCapacity(texels: number): void {
    const rows = this.data.length / 4 / STATE_TEXTURE_WIDTH;
    if (texels <= rows * STATE_TEXTURE_WIDTH) return;
    let newRows = rows;
    while (newRows * STATE_TEXTURE_WIDTH < texels) newRows *= 2;
    const grown = new Uint8Array(STATE_TEXTURE_WIDTH * newRows * 4);
    grown.set(this.data);
    this.data = grown;
    const old = this.texture;
    this.texture = this.createTexture(newRows);
    this.uniforms.gantwinStateMap.value = this.texture;
    old.dispose();
  }

  private createTexture(rows: number): DataTexture {
    const texture = new DataTexture(this.data, STATE_TEXTURE_WIDTH, rows, RGBAFormat, UnsignedByteType);
    texture.magFilter = NearestFilter;
    texture.minFilter = NearestFilter;
    texture.generateMipmaps = false;
    texture.needsUpdate = true;
    return texture;
  }
}
