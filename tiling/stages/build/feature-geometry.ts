/**
 * The `measure` hook of `convertIfc`: hands each built feature's triangles, in ENU metres at the tileset anchor, to
 * a caller that reduces them as they come (e.g. plan projections for BIM submission review), one feature at a time.
 *
 * Notes: the pipeline keeps no copy; each feature's array is built, passed and dropped, so the extra memory is one
 * feature's triangles (an instance contributes its group mesh under its transform, like the tiles draw it).
 */
import type { Georeference } from '@tiling/stages/georef/georeference';
import type { BakedMesh } from './bake-geometry';
import type { BuiltModel } from './built-model';

/** One feature's geometry as drawn, handed to {@link MeasureHook.onFeature}. */
export interface FeatureGeometryEnu {
  /** IFC GlobalId of the element. */
  globalId: string;
  /** IFC class as the spec spells it, e.g. `IfcSlab`. */
  ifcClass: string;
  name: string | null;
  /** Name of the containing IfcBuildingStorey, if any. */
  storey: string | null;
  /**
   * Triangles as 9 numbers each (3 vertices × east, north, up), ENU metres at the anchor, float64. Valid during
   * the call only: keep what you reduce from it, not the array.
   */
  trianglesEnu: Float64Array;
}

/** What the hook learns about the placement before the first feature (a subset of the `georef` output). */
export type MeasureGeoreference = Pick<Georeference, 'method' | 'anchor' | 'headingDeg' | 'epsg' | 'modelToEnu'>;

/**
 * Opt-in measurement hook of `convertIfc` (`ConvertOptions.measure`). With it, the spatial tree in properties.json
 * also carries each spatial element's property/quantity sets and ObjectType (parse option `spatialPropertySets`).
 */
export interface MeasureHook {
  /** Called once, after `georef` and before the first feature. */
  onGeoreference?(georeference: MeasureGeoreference): void;
  /** Called once per feature after `build`, in feature order. */
  onFeature(feature: FeatureGeometryEnu): void;
}

/**
 * Calls `hook.onFeature` for every feature of a built model with its triangles in ENU metres at the anchor.
 * @param built the `build` stage output (content frame: glTF Y-up ENU, x east, y up, z −north, minus the origin)
 * @see glTF 2.0 §Coordinate system (Y-up); 3D Tiles 1.1 §glTF transforms
 */
export function emitFeatureGeometry(built: BuiltModel, hook: MeasureHook): void {
  const [ox, oy, oz] = built.originContent;
  const [sx, sy, sz] = built.instanceScale;
  for (const feature of built.features) {
    let count = 0;
    for (const part of feature.parts) count += part.indices.length;
    for (const use of feature.instances) for (const part of built.instanceGroups[use.groupIndex].parts) count += part.mesh.indices.length;
    const out = new Float64Array(count * 3);
    let k = 0;
    const put = (mesh: Pick<BakedMesh, 'positions' | 'indices'>, m: readonly number[] | null) => {
      const p = mesh.positions;
      for (const index of mesh.indices) {
        let x = p[3 * index];
        let y = p[3 * index + 1];
        let z = p[3 * index + 2];
        if (m) {
          const tx = m[0] * x + m[4] * y + m[8] * z + m[12];
          const ty = m[1] * x + m[5] * y + m[9] * z + m[13];
          const tz = m[2] * x + m[6] * y + m[10] * z + m[14];
          x = tx * sx;
          y = ty * sy;
          z = tz * sz;
        }
        out[k++] = x + ox; // east
        out[k++] = -(z + oz); // north
        out[k++] = y + oy; // up
      }
    };
    for (const part of feature.parts) put(part, null);
    for (const use of feature.instances) for (const part of built.instanceGroups[use.groupIndex].parts) put(part.mesh, use.meshToContent);
    const { globalId, ifcClass, name, storey } = feature.element;
    hook.onFeature({ globalId, ifcClass, name, storey, trianglesEnu: out });
  }
}
