import { ecefToEnu, geodeticToEcef } from '@kernel/wgs84-ecef';
import { InputError } from '@kernel/errors';

/**
 * Pure geometry of the network tiles: a pipe axis (WGS84 lon/lat degrees, height metres above the ellipsoid) as an
 * open prism ("tube") of its real diameter, in a tile's glTF frame.
 *
 * Frames (documented once here, used by the whole builder):
 * - Tileset frame: east-north-up metres at the build's origin (lon₀, lat₀, h = 0), exact (through ECEF, so the
 *   Earth's curvature is kept: 10 km from the origin the ground is ≈ 7.8 m below the ENU plane). tileset.json
 *   `root.transform` = kernel `enuToEcefAt(lon₀, lat₀, 0)` (column-major); bounding boxes are in this frame.
 * - glTF content frame: Y-up as glTF requires, x = east, y = up, z = −north (3D Tiles applies its y-up → z-up
 *   rotation to glTF content before the tile transform), relative to the tile's content centre, which the glTF root
 *   node carries as its translation (float64 JSON), so float32 vertices only hold offsets within one tile.
 * - Heights: the twin draws pipes at Z = −(cover + DN/2) with ground ≈ 0 m (server/db/schema/lifelines.ts), so a
 *   vertex's ENU `up` is its depth below ground, curvature aside.
 */

/** One pipe as the builder reads it from `lifelines_pipes`. */
export interface NetworkPipe {
  /** Segment uuid: the picked feature id (`{plate:'lifelines', layerId, featureId}`). */
  id: string;
  /** Segment code (管段编号). */
  code: string;
  /** Nominal diameter, millimetres (1..10 000). */
  diameterMm: number;
  material: string;
  /** Mean depth of the pipe axis below ground, metres (mean cover + DN / 2). */
  depthM: number;
  /** Axis positions, lon/lat degrees and height metres, flat `[lon, lat, h, lon, lat, h, …]`, ≥ 2 positions. */
  axis: readonly number[];
}

/** A tile's merged tube mesh under construction (grown by {@link appendTube}). */
export interface TubeMesh {
  /** glTF frame positions relative to the content centre, metres, xyz per vertex. */
  positions: number[];
  /** Unit normals, xyz per vertex. */
  normals: number[];
  /** Tile-local feature id (row of the property table) per vertex. */
  featureIds: number[];
  /** Triangle list, three vertex indices per triangle, counter-clockwise seen from outside. */
  indices: number[];
  /** Extent of the positions in the tileset's ENU frame (not relative): [minE, minN, minU, maxE, maxN, maxU]. */
  boundsEnu: [number, number, number, number, number, number];
}

/** An empty mesh. */
export function emptyTubeMesh(): TubeMesh {
  return { positions: [], normals: [], featureIds: [], indices: [], boundsEnu: [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity] };
}

/**
 * A pipe axis in the tileset's ENU frame.
 * @param enuToEcef column-major 4×4 from kernel `enuToEcefAt` (the tileset root transform)
 * @returns `[e, n, u]` metres per position
 * @throws {InputError} when the axis has fewer than 2 positions or a coordinate is out of range
 */
export function axisToEnu(enuToEcef: readonly number[], axis: readonly number[]): [number, number, number][] {
  if (axis.length < 6 || axis.length % 3 !== 0) throw new InputError(`pipe axis must hold ≥ 2 lon/lat/height positions, got ${axis.length} numbers`);
  const out: [number, number, number][] = [];
  for (let i = 0; i < axis.length; i += 3) out.push(ecefToEnu(enuToEcef, geodeticToEcef(axis[i], axis[i + 1], axis[i + 2])));
  return out;
}

/**
 * Appends one tube around a polyline to `mesh`: an open prism of `sides` faces per straight piece (no caps, no
 * joints: neighbouring pieces meet on the axis), smooth radial normals.
 * @param axisEnu axis positions in the tileset ENU frame, metres; repeated positions are skipped
 * @param radiusM tube radius, metres, > 0
 * @param sides faces around the axis, 3..32
 * @param centreEnu the content centre (ENU) that positions are made relative to
 * @param featureId tile-local feature id of every vertex
 * @returns the number of straight pieces drawn
 */
export function appendTube(
  mesh: TubeMesh,
  axisEnu: readonly (readonly [number, number, number])[],
  radiusM: number,
  sides: number,
  centreEnu: readonly [number, number, number],
  featureId: number,
): number {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new InputError(`tube radius must be > 0 m, got ${radiusM}`);
  if (!Number.isInteger(sides) || sides < 3 || sides > 32) throw new InputError(`tube sides must be 3..32, got ${sides}`);
  let pieces = 0;
  for (let i = 0; i + 1 < axisEnu.length; i++) {
    const a = axisEnu[i];
    const b = axisEnu[i + 1];
    const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const length = Math.hypot(d[0], d[1], d[2]);
    if (!(length > 1e-6)) continue;
    d[0] /= length;
    d[1] /= length;
    d[2] /= length;
    // u1 ⟂ d, horizontal unless the piece is vertical; u2 = u1 × d completes the ring basis.
    let u1 = [d[1], -d[0], 0];
    let n1 = Math.hypot(u1[0], u1[1]);
    if (n1 < 1e-9) {
      u1 = [1, 0, 0];
      n1 = 1;
    }
    u1 = [u1[0] / n1, u1[1] / n1, 0];
    const u2 = [u1[1] * d[2] - u1[2] * d[1], u1[2] * d[0] - u1[0] * d[2], u1[0] * d[1] - u1[1] * d[0]];
    const base = mesh.positions.length / 3;
    for (const end of [a, b]) {
      for (let k = 0; k < sides; k++) {
        const angle = (2 * Math.PI * k) / sides;
        const c = Math.cos(angle);
        const s = Math.sin(angle);
        const nx = c * u1[0] + s * u2[0];
        const ny = c * u1[1] + s * u2[1];
        const nz = c * u1[2] + s * u2[2];
        const e = end[0] + radiusM * nx;
        const n = end[1] + radiusM * ny;
        const u = end[2] + radiusM * nz;
        const bounds = mesh.boundsEnu;
        bounds[0] = Math.min(bounds[0], e);
        bounds[1] = Math.min(bounds[1], n);
        bounds[2] = Math.min(bounds[2], u);
        bounds[3] = Math.max(bounds[3], e);
        bounds[4] = Math.max(bounds[4], n);
        bounds[5] = Math.max(bounds[5], u);
        // ENU (e, n, u) → glTF (x, y, z) = (e, u, −n), a proper rotation (winding kept).
        mesh.positions.push(e - centreEnu[0], u - centreEnu[2], -(n - centreEnu[1]));
        mesh.normals.push(nx, nz, -ny);
        mesh.featureIds.push(featureId);
      }
    }
    for (let k = 0; k < sides; k++) {
      const k1 = (k + 1) % sides;
      const p0 = base + k;
      const p1 = base + k1;
      const q0 = base + sides + k;
      const q1 = base + sides + k1;
      // The ring turns clockwise about d, so (p0, q0, p1) and (p1, q0, q1) face outwards.
      mesh.indices.push(p0, q0, p1, p1, q0, q1);
    }
    pieces++;
  }
  return pieces;
}
