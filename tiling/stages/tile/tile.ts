/**
 * The `tile` stage: BuiltModel → a tree of tiles with ADD refinement by element size.
 *
 * Notes — the rule
 * 1. A set of elements that fits the budgets, or a single element, becomes a leaf: all of it is content,
 *    geometricError 0. Budgets: ≤ maxTrianglesPerTile *stored* triangles (baked triangles + each instance
 *    group's mesh once + instanced copies × instancedTriangleWeight: what the tile's bytes cost), ≤
 *    maxDrawnTrianglesPerTile drawn triangles (every instanced copy: what the GPU draws) and ≤ maxFeaturesPerTile.
 * 2. Otherwise the elements are sorted by size (diagonal of their ENU AABB, largest first) and the tile's content
 *    takes the largest ones while the budget holds. Elements tied in size with the first one left out are moved
 *    out of the content too, so every content element is strictly larger than anything below it.
 * 3. The rest is split in two at the median of the AABB centres along the longest axis of those centres
 *    (kd-tree), recursively. A tile left without content (all tied, e.g. 10 000 identical rail fastenings) is
 *    dissolved: its children hang from its parent, which is then a plain spatial split of same-size elements.
 * 4. geometricError = the largest diagonal among the elements below the tile (what is missing on screen when the
 *    tile is drawn but not refined); leaves 0. Rule 2 makes it strictly smaller than every content diagonal of
 *    the tile, and a child's error is below the child's smallest content diagonal ≤ the parent's error, so errors
 *    strictly decrease root → leaves. Element diagonals are clamped to ≥ 1 mm so a tile with descendants never
 *    has error 0. tileset.geometricError = diagonal of the root box (nothing drawn = the whole model missing).
 * 5. Each box is the ENU AABB (tile frame = ENU: glTF (x, y, z) → tile (x, −z, y)) of the tile's content and of
 *    its children's boxes, padded by boxPaddingM for float32/quantisation rounding.
 * Numbers: the synthetic 3 slabs + 200 boxes (12 triangles each) with budgets of 600 triangles / 60 features
 * and instancedTriangleWeight 1 give a root of 3 slabs + 43 largest boxes (the 4 group meshes count 12 each).
 * Counting an instance group once per tile instead of per copy (until 2026-11-30: copies at weight 0.25, 100 k
 * budget) is what keeps repeated furniture from being stored in every tile: the Janesville restaurant (9.4 M
 * triangles placed, 9.1 M of them 340 chairs) went from 41 tiles / 8.36 MB, the chair mesh repeated in 38 of
 * them, to 1 tile / 1.5 MB; the San Martino–Tufara railway (23 M placed, 97 k unique) from 85 tiles / 5.42 MB
 * to 3 tiles / 1.95 MB. Both stay under the 10 M drawn-triangle budget per tile.
 * An octree (8 children per split) was not used: it leaves many near-empty tiles for elongated models (roads,
 * railways), whereas a median kd split keeps tiles balanced.
 */
import type { StageContext } from '@tiling/stage-context';
import { type BoundsEnu, diagonalM, emptyBoundsEnu, unionBoundsEnu } from '@tiling/stages/build/bake-geometry';
import type { BuiltFeature, BuiltModel } from '@tiling/stages/build/built-model';
import { withDefaults } from '@tiling/with-defaults';
import { InputError } from '@kernel/errors';

/** Options of the `tile` stage; see {@link TILE_DEFAULTS}. */
export interface TileOptions {
  /**
   * Stored-triangle budget per tile content, ≥ 1: baked triangles, plus each instance group's mesh once per tile,
   * plus instanced copies weighted by `instancedTriangleWeight` (what the tile's bytes and decoding cost).
   */
  maxTrianglesPerTile?: number;
  /**
   * GPU-byte budget per tile content, ≥ 1: stored vertices × 14 B (16-bit quantised position 8 B with padding,
   * octahedral normal 4 B, feature ID 2 B) + stored triangles × 6 B (16-bit indices). What the tile costs in GPU
   * memory; the download (meshopt) is ≈ 3–5× smaller.
   */
  maxGpuBytesPerTile?: number;
  /** Drawn-triangle budget per tile content (every instanced copy counted), ≥ 1: what the GPU draws for it. */
  maxDrawnTrianglesPerTile?: number;
  /** Feature budget per tile content (rows of the tile's property table), 1..65 535. */
  maxFeaturesPerTile?: number;
  /** Padding added on each side of every bounding box, metres (covers float32 and quantisation rounding). */
  boxPaddingM?: number;
  /**
   * Weight of each instanced copy's triangles in the stored-triangle budget, 0..1 (the group's mesh itself is
   * always counted once per tile): an instanced copy costs one transform, not its triangles, so counting copies
   * would cut repeated-geometry models into many tiles that each repeat the mesh.
   */
  instancedTriangleWeight?: number;
}

/**
 * Most features one tile may hold: feature IDs are written as UNSIGNED_SHORT (0..65535) vertex attributes.
 * @see EXT_mesh_features (featureId attribute component types)
 */
export const MAX_FEATURES_PER_TILE = 65_535;

/** Defaults of {@link TileOptions}. */
export const TILE_DEFAULTS = {
  maxTrianglesPerTile: 100_000,
  maxGpuBytesPerTile: 2_000_000,
  maxDrawnTrianglesPerTile: 10_000_000,
  maxFeaturesPerTile: 4_000,
  boxPaddingM: 0.005,
  instancedTriangleWeight: 0,
} satisfies Required<TileOptions>;

/** One tile of the tree. */
export interface TileNode {
  /** Path from the root, e.g. `0`, `0-1`, `0-1-0`; also the content file name. */
  id: string;
  /** Depth, root = 0. */
  level: number;
  /** Features drawn by this tile (BuiltFeature.featureId, ascending); empty = no content. */
  featureIds: number[];
  /** Triangles of this tile's content, as placed. */
  triangles: number;
  /** AABB of content and children, ENU metres at the anchor (= the tile frame under root.transform). */
  boundsEnu: BoundsEnu;
  /** 3D Tiles `boundingVolume.box`: centre then three half-axis vectors, tile frame (ENU), metres. */
  box: number[];
  /** Box of this tile's own content only (the full-content child of a LOD proxy uses it); = box without content. */
  contentBox: number[];
  /** Metres; 0 for leaves, strictly decreasing root → leaves. */
  geometricError: number;
  children: TileNode[];
}

/** Counts of the tile tree, for report.json. */
export interface TileStats {
  tiles: number;
  /** Tiles that have content (a GLB). */
  contentTiles: number;
  /** Depth of the deepest tile, root = 0. */
  maxLevel: number;
}

/** The output of `tile`: the built model and its tile tree. */
export interface TiledModel {
  built: BuiltModel;
  root: TileNode;
  /** tileset.json `geometricError`, metres: diagonal of the root box. */
  tilesetGeometricError: number;
  stats: TileStats;
  /** The budgets the tree was cut by (for report.json). */
  budget: { maxTrianglesPerTile: number; maxGpuBytesPerTile: number; maxFeaturesPerTile: number };
}

const MIN_DIAGONAL_M = 0.001;

/** GPU bytes per stored vertex / triangle / instance; see {@link TileOptions.maxGpuBytesPerTile}. */
const GPU_BYTES_PER_VERTEX = 14;
const GPU_BYTES_PER_TRIANGLE = 6;
/** One instance: translation, rotation and scale as float32 + a feature ID. */
const GPU_BYTES_PER_INSTANCE = 44;

/** What one instance group's mesh costs a tile the first time the tile uses it. */
interface GroupCost {
  triangles: number;
  vertices: number;
}

interface Draft {
  content: BuiltFeature[];
  /** Largest clamped diagonal among descendants, metres; 0 for leaves. */
  errorM: number;
  children: Draft[];
}

function sizeOf(f: BuiltFeature): number {
  return Math.max(MIN_DIAGONAL_M, f.diagonalM);
}

function centreOf(f: BuiltFeature, axis: number): number {
  return (f.boundsEnu.min[axis] + f.boundsEnu.max[axis]) / 2;
}

/** Splits features in two at the median centre along the longest axis of their centres. */
function splitSpatially(features: BuiltFeature[]): [BuiltFeature[], BuiltFeature[]] {
  // A loop, not Math.max(...array): spreading 150 000 values overflowed the call stack (issue #8).
  const spans = [0, 1, 2].map((axis) => {
    let min = Infinity;
    let max = -Infinity;
    for (const f of features) {
      const c = centreOf(f, axis);
      if (c < min) min = c;
      if (c > max) max = c;
    }
    return max - min;
  });
  const axis = spans.indexOf(Math.max(...spans));
  const sorted = spans[axis] > 0 ? [...features].sort((a, b) => centreOf(a, axis) - centreOf(b, axis)) : features;
  const half = Math.ceil(sorted.length / 2);
  return [sorted.slice(0, half), sorted.slice(half)];
}

/**
 * Running stored/drawn triangle load of a set of features: baked triangles, each instance group's mesh once,
 * instanced copies at `instancedTriangleWeight`; drawn counts every copy.
 */
class TileLoad {
  stored = 0;
  gpuBytes = 0;
  drawn = 0;
  count = 0;
  private readonly groups = new Set<number>();
  constructor(
    private readonly groups_: readonly GroupCost[],
    private readonly opts: Required<TileOptions>,
  ) {}

  /** Stored triangles, GPU bytes and drawn triangles that `f` would add to the set. */
  costOf(f: BuiltFeature): { stored: number; gpuBytes: number; drawn: number } {
    let stored = f.triangles - f.instancedTriangles * (1 - this.opts.instancedTriangleWeight);
    let vertices = 0;
    for (const part of f.parts) vertices += part.positions.length / 3;
    let gpuBytes = vertices * GPU_BYTES_PER_VERTEX + (f.triangles - f.instancedTriangles) * GPU_BYTES_PER_TRIANGLE;
    gpuBytes += f.instances.length * GPU_BYTES_PER_INSTANCE;
    let newGroups: Set<number> | undefined;
    for (const use of f.instances) {
      if (this.groups.has(use.groupIndex) || newGroups?.has(use.groupIndex)) continue;
      (newGroups ??= new Set()).add(use.groupIndex);
      const group = this.groups_[use.groupIndex];
      stored += group.triangles;
      gpuBytes += group.vertices * GPU_BYTES_PER_VERTEX + group.triangles * GPU_BYTES_PER_TRIANGLE;
    }
    return { stored, gpuBytes, drawn: f.triangles };
  }

  /** True when `f` still fits the budgets (adds it then). */
  tryAdd(f: BuiltFeature): boolean {
    const cost = this.costOf(f);
    if (
      this.count > 0 &&
      (this.stored + cost.stored > this.opts.maxTrianglesPerTile ||
        this.gpuBytes + cost.gpuBytes > this.opts.maxGpuBytesPerTile ||
        this.drawn + cost.drawn > this.opts.maxDrawnTrianglesPerTile ||
        this.count + 1 > this.opts.maxFeaturesPerTile)
    ) {
      return false;
    }
    this.add(f, cost);
    return true;
  }

  add(f: BuiltFeature, cost = this.costOf(f)): void {
    this.stored += cost.stored;
    this.gpuBytes += cost.gpuBytes;
    this.drawn += cost.drawn;
    this.count++;
    for (const use of f.instances) this.groups.add(use.groupIndex);
  }

  fits(): boolean {
    return (
      this.stored <= this.opts.maxTrianglesPerTile &&
      this.gpuBytes <= this.opts.maxGpuBytesPerTile &&
      this.drawn <= this.opts.maxDrawnTrianglesPerTile &&
      this.count <= this.opts.maxFeaturesPerTile
    );
  }
}

function subdivide(features: BuiltFeature[], groupCosts: readonly GroupCost[], opts: Required<TileOptions>): Draft {
  const all = new TileLoad(groupCosts, opts);
  for (const f of features) all.add(f);
  if (features.length <= 1 || all.fits()) {
    return { content: features, errorM: 0, children: [] };
  }
  const bySize = [...features].sort((a, b) => sizeOf(b) - sizeOf(a) || a.featureId - b.featureId);
  const load = new TileLoad(groupCosts, opts);
  let taken = 0;
  // The first (largest) element is always taken when it fits alone; a single over-budget element is its own leaf.
  while (taken < bySize.length && load.tryAdd(bySize[taken])) taken++;
  if (taken === 1 && !load.fits()) taken = 0;
  while (taken > 0 && taken < bySize.length && sizeOf(bySize[taken - 1]) <= sizeOf(bySize[taken])) taken--;
  const rest = bySize.slice(taken);
  const children: Draft[] = [];
  for (const part of splitSpatially(rest)) {
    if (part.length === 0) continue;
    const child = subdivide(part, groupCosts, opts);
    // Rule 3: a content-less child is dissolved into this tile.
    if (child.content.length === 0) children.push(...child.children);
    else children.push(child);
  }
  return { content: bySize.slice(0, taken), errorM: sizeOf(rest[0]), children };
}

function boxFromBounds(bounds: BoundsEnu, paddingM: number): number[] {
  const c = [0, 1, 2].map((i) => (bounds.min[i] + bounds.max[i]) / 2);
  const h = [0, 1, 2].map((i) => (bounds.max[i] - bounds.min[i]) / 2 + paddingM);
  return [c[0], c[1], c[2], h[0], 0, 0, 0, h[1], 0, 0, 0, h[2]];
}

function finalize(draft: Draft, id: string, level: number, opts: Required<TileOptions>): TileNode {
  const children = draft.children.map((child, i) => finalize(child, `${id}-${i}`, level + 1, opts));
  let contentBounds = emptyBoundsEnu();
  for (const f of draft.content) contentBounds = unionBoundsEnu(contentBounds, f.boundsEnu);
  let bounds = contentBounds;
  for (const child of children) bounds = unionBoundsEnu(bounds, child.boundsEnu);
  return {
    id,
    level,
    featureIds: draft.content.map((f) => f.featureId).sort((a, b) => a - b),
    triangles: draft.content.reduce((s, f) => s + f.triangles, 0),
    boundsEnu: bounds,
    box: boxFromBounds(bounds, opts.boxPaddingM),
    contentBox: boxFromBounds(draft.content.length > 0 ? contentBounds : bounds, opts.boxPaddingM),
    geometricError: draft.errorM,
    children,
  };
}

function countTiles(node: TileNode, stats: TileStats): TileStats {
  stats.tiles++;
  if (node.featureIds.length > 0) stats.contentTiles++;
  stats.maxLevel = Math.max(stats.maxLevel, node.level);
  for (const child of node.children) countTiles(child, stats);
  return stats;
}

/**
 * Subdivides the built model into a tile tree with ADD refinement: big elements in upper tiles, small ones
 * deeper, within the per-tile budgets.
 * @returns the tree; every feature appears in exactly one tile's content
 * @throws {InputError} when the model has no features or the budgets are out of range
 * @example const tiled = await tile(built, { maxTrianglesPerTile: 50_000 }, ctx);
 * @see 3D Tiles 1.1 §Tiles: geometric error, refinement (ADD), bounding volumes (box)
 */
export async function tile(built: BuiltModel, options: TileOptions, ctx: StageContext): Promise<TiledModel> {
  const opts = withDefaults(TILE_DEFAULTS, options);
  if (!(opts.maxTrianglesPerTile >= 1)) {
    throw new InputError(`tile: maxTrianglesPerTile must be ≥ 1, got ${opts.maxTrianglesPerTile}`);
  }
  if (!(opts.maxFeaturesPerTile >= 1 && opts.maxFeaturesPerTile <= MAX_FEATURES_PER_TILE)) {
    throw new InputError(`tile: maxFeaturesPerTile must be in 1..${MAX_FEATURES_PER_TILE}, got ${opts.maxFeaturesPerTile}`);
  }
  if (built.features.length === 0) {
    throw new InputError(`tile: ${built.fileName} has no element with triangles; nothing to tile`);
  }
  if (!(opts.maxDrawnTrianglesPerTile >= 1)) {
    throw new InputError(`tile: maxDrawnTrianglesPerTile must be ≥ 1, got ${opts.maxDrawnTrianglesPerTile}`);
  }
  if (!(opts.maxGpuBytesPerTile >= 1)) {
    throw new InputError(`tile: maxGpuBytesPerTile must be ≥ 1, got ${opts.maxGpuBytesPerTile}`);
  }
  const groupCosts = built.instanceGroups.map((g) => ({ triangles: g.triangles, vertices: g.vertices }));
  const root = finalize(subdivide(built.features, groupCosts, opts), '0', 0, opts);
  const stats = countTiles(root, { tiles: 0, contentTiles: 0, maxLevel: 0 });
  const tilesetGeometricError = Math.max(diagonalM(root.boundsEnu), root.geometricError);
  ctx.logger.info(
    `tile: ${stats.tiles} tiles (${stats.contentTiles} with content), depth ${stats.maxLevel}, ` +
      `root geometricError ${root.geometricError.toFixed(3)} m`,
  );
  const budget = {
    maxTrianglesPerTile: opts.maxTrianglesPerTile,
    maxGpuBytesPerTile: opts.maxGpuBytesPerTile,
    maxFeaturesPerTile: opts.maxFeaturesPerTile,
  };
  return { built, root, tilesetGeometricError, stats, budget };
}
