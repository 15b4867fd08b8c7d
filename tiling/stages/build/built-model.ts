/**
 * The output of the `build` stage and the contract with `tile` and `write`: one feature per IfcElement with
 * triangles, geometry in the tile content frame (glTF Y-up ENU: east, up, −north; metres) relative to
 * `originContent`, and instance groups for repeated geometry.
 */
import type { Georeference } from '@tiling/stages/georef/georeference';
import type { IfcElement, MeshGeometry, SpatialNode } from '@tiling/stages/parse/parsed-model';
import type { Matrix4 } from '@tiling/math/matrix4';
import type { BakedMesh, BoundsEnu } from './bake-geometry';

/** Linear RGBA, each 0..1. */
export type ColorRgba = [number, number, number, number];

/** Baked triangles of one feature in one color. */
export interface BakedPart extends BakedMesh {
  color: ColorRgba;
}

/** One use of an {@link InstanceGroup}'s mesh by a feature. */
export interface InstanceUse {
  /** Index into {@link BuiltModel.instanceGroups}. */
  groupIndex: number;
  /**
   * Column-major 4×4, float64, a similarity: group mesh (re-centred) → content frame relative to the origin,
   * divided by {@link BuiltModel.instanceScale} (the full transform is `diag(instanceScale) · meshToContent`).
   */
  meshToContent: Matrix4;
}

/** Repeated geometry drawn once and placed many times: one repeated geometry, or a repeated element's parts. */
export interface InstanceGroup {
  /** The (first) geometry's expressId; names the glTF mesh. */
  geometryExpressId: number;
  /** One mesh per colour in the group's local frame, re-centred on the group's AABB centre (metres). */
  parts: { color: ColorRgba; mesh: MeshGeometry }[];
  /** Triangles of one copy. */
  triangles: number;
  /** Vertices of one copy (all parts). */
  vertices: number;
  /** Number of uses model-wide. */
  uses: number;
}

/** One element that has triangles: one feature of the output. */
export interface BuiltFeature {
  /** Position in {@link BuiltModel.features}: order of ParsedModel.elements, elements without triangles removed. */
  featureId: number;
  element: IfcElement;
  /** Exact AABB of all placed vertices, ENU metres at the anchor. */
  boundsEnu: BoundsEnu;
  /** Diagonal of `boundsEnu`, metres: the "size" that the `tile` stage sorts by. */
  diagonalM: number;
  /** Triangles as placed (instances counted each time). */
  triangles: number;
  /** Of `triangles`, those placed through instance groups (candidates for GPU instancing). */
  instancedTriangles: number;
  parts: BakedPart[];
  instances: InstanceUse[];
}

/** Counts of the `build` stage, for report.json. */
export interface BuildStats {
  features: number;
  /** Triangles as placed in the scene. */
  triangles: number;
  placedGeometries: number;
  /** Groups of repeated geometry found (candidates; `write` decides per tile). */
  instanceGroups: number;
  /** Placements that went into instance groups. */
  instancedPlacements: number;
}

/** The output of `build`: features in the content frame, ready for `tile` and `write`. */
export interface BuiltModel {
  fileName: string;
  projectName: string | null;
  georeference: Georeference;
  /** Local origin, metres, content frame (glTF Y-up ENU: east, up, −north) at the anchor. */
  originContent: [number, number, number];
  /**
   * Axis scale of the content frame that instances share, applied after their own transform: (1, 1, 1) unless
   * modelToEnu scales horizontally and vertically differently (a map conversion's grid scale factor, e.g. 0.9973
   * horizontal, 1 vertical), which no per-instance TRS can express. `write` puts it on the instanced node.
   */
  instanceScale: [number, number, number];
  features: BuiltFeature[];
  instanceGroups: InstanceGroup[];
  /** Every element of the model (with or without triangles), for `properties.json` and the import file. */
  elements: IfcElement[];
  spatialTree: SpatialNode | null;
  containment: Record<string, string[]>;
  /** Union of all feature bounds, ENU metres. */
  boundsEnu: BoundsEnu;
  stats: BuildStats;
}
