/**
 * Moves the anchor of a rigid georeference (placement, IfcSite reference) from the model origin to another
 * model point, keeping every model point exactly where it was on the Earth.
 *
 * Notes: the rigid methods define the model as lying in the ENU tangent frame at the model origin. For a
 * model whose geometry sits kilometres from its origin, the tileset's ENU frame should still be at the
 * geometry (small float32 coordinates, a local "up"), so we re-express the same placement in the ENU frame
 * at the new anchor: modelToEnu' = (enuToEcef')⁻¹ · enuToEcef · modelToEnu. No approximation is added.
 */

import type { Georeference } from './georeference';
import { ecefToGeodetic, enuToEcefAt } from './ecef';
import { multiplyMatrix4 as multiply } from '@tiling/math/matrix4';
import { azimuthDegFromEnu, type Vec3 } from './model-frame';

/** Inverse of a rigid column-major 4×4 (orthonormal rotation + translation). */
function invertRigid(m: readonly number[]): number[] {
  // prettier-ignore
  const out = [
    m[0], m[4], m[8], 0,
    m[1], m[5], m[9], 0,
    m[2], m[6], m[10], 0,
    0, 0, 0, 1,
  ];
  for (let i = 0; i < 3; i++) out[12 + i] = -(out[i] * m[12] + out[4 + i] * m[13] + out[8 + i] * m[14]);
  return out;
}

/**
 * Re-anchors a rigid georeference at a model point.
 *
 * @param georeference a result whose `modelToEnu` is rigid about the model origin (placement, site reference)
 * @param anchorModelM the new anchor, model frame (Y-up) metres
 * @returns the same placement with `anchor`, `enuToEcef`, `modelToEnu` (now with a translation) and
 *   `headingDeg` (azimuth of IFC +Y in the new ENU frame) at the new anchor; unchanged when the point already
 *   is the anchor
 * @see EPSG:4978 (WGS 84 geocentric, the ECEF frame of `enuToEcef`)
 */
export function moveAnchorToModelPoint(georeference: Georeference, anchorModelM: Vec3): Georeference {
  const [x, y, z] = anchorModelM;
  const m = georeference.modelToEnu;
  const offsetM = Math.hypot(...[0, 1, 2].map((i) => m[i] * x + m[4 + i] * y + m[8 + i] * z + m[12 + i]));
  if (offsetM < 1e-9) return georeference; // already the anchor
  const modelToEcef = multiply(georeference.enuToEcef, georeference.modelToEnu);
  const anchorEcef = [0, 1, 2].map((i) => modelToEcef[i] * x + modelToEcef[4 + i] * y + modelToEcef[8 + i] * z + modelToEcef[12 + i]);
  const [lonDeg, latDeg, heightM] = ecefToGeodetic(anchorEcef);
  const enuToEcef = enuToEcefAt(lonDeg, latDeg, heightM);
  const modelToEnu = multiply(invertRigid(enuToEcef), modelToEcef);
  return {
    ...georeference,
    anchor: { lonDeg, latDeg, heightM },
    headingDeg: azimuthDegFromEnu([-modelToEnu[8], -modelToEnu[9], -modelToEnu[10]]),
    modelToEnu,
    enuToEcef,
  };
}
