/**
 * Where a model's geometry actually is, for choosing the tileset anchor (the ENU origin).
 *
 * Notes: infrastructure exports (Bentley OpenRoads EPSG:32119, ACCA EPSG:3065) put IfcMapConversion at
 * E = N = 0 and carry full map coordinates in the geometry (hundreds of km from the model origin). Anchoring
 * ENU there would put the content hundreds of km from its frame's origin; the georef stage re-anchors at the
 * model's centre when it lies farther than {@link FAR_FROM_ORIGIN_M} from the origin.
 */
import type { ParsedModel } from '../parse/parsed-model';

/** Beyond this horizontal distance (metres) from the model origin, the anchor moves to the geometry centre. */
export const FAR_FROM_ORIGIN_M = 1000;

/**
 * Centre of the bounding box of every placed geometry's own bounding-box centre, model frame (Y-up, metres).
 * Cheap: one pass over each unique mesh, then one matrix × point per placement.
 * @returns `[x, y, z]` metres, or `[0, 0, 0]` when the model has no geometry
 * @see IfcProduct.ObjectPlacement (what the placements are)
 */
export function modelCentreM(model: Pick<ParsedModel, 'geometries' | 'elementGeometries'>): [number, number, number] {
  const meshCentres = new Map<number, [number, number, number]>();
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const element of model.elementGeometries) {
    for (const placed of element.placed) {
      let c = meshCentres.get(placed.geometryExpressId);
      if (!c) {
        const mesh = model.geometries.get(placed.geometryExpressId);
        if (!mesh || mesh.positions.length === 0) continue;
        c = boxCentre(mesh.positions);
        meshCentres.set(placed.geometryExpressId, c);
      }
      const m = placed.transform;
      for (let axis = 0; axis < 3; axis++) {
        const v = m[axis] * c[0] + m[4 + axis] * c[1] + m[8 + axis] * c[2] + m[12 + axis];
        if (v < min[axis]) min[axis] = v;
        if (v > max[axis]) max[axis] = v;
      }
    }
  }
  if (min[0] === Infinity) return [0, 0, 0];
  return [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
}

/**
 * The anchor to hand to `georef`: the model origin, unless the geometry lies far from it.
 * @returns a model-frame point (Y-up, metres) or `undefined` for the origin
 */
export function chooseAnchorModelM(centreM: [number, number, number]): [number, number, number] | undefined {
  return Math.hypot(centreM[0], centreM[2]) > FAR_FROM_ORIGIN_M ? centreM : undefined;
}

function boxCentre(positions: Float32Array): [number, number, number] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    for (let axis = 0; axis < 3; axis++) {
      const v = positions[i + axis];
      if (v < lo[axis]) lo[axis] = v;
      if (v > hi[axis]) hi[axis] = v;
    }
  }
  return [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2];
}
