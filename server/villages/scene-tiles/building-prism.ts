import earcut from 'earcut';
import { ecefToEnu, geodeticToEcef } from '@kernel/wgs84-ecef';
import { InputError } from '@kernel/errors';

/**
 * Pure geometry of the village scene tiles: a building footprint (GeoJSON polygon, WGS84 lon/lat degrees) extruded
 * from the ground to its eave height, with a flat roof, or a gable roof (双坡) when the footprint is a plain
 * quadrilateral, in the tile's glTF frame.
 *
 * Frames (the same as the lifelines network tiles, server/lifelines/network-tiles/pipe-tube.ts):
 * - Tileset frame: east-north-up metres at the village origin (lon₀, lat₀, h = 0), exact through ECEF;
 *   tileset.json `root.transform` = kernel `enuToEcefAt(lon₀, lat₀, 0)`.
 * - glTF content frame: Y-up (x = east, y = up, z = −north), relative to the content centre carried by the root
 *   node's translation.
 * - Heights: ground is the WGS84 ellipsoid (h = 0), as the twin draws it (ellipsoid terrain) and as the other
 *   plates' demo data lie (lifelines: ground ≈ 0 m, pipes below it). Each vertex is placed at its own lon/lat and
 *   ellipsoidal height, so walls follow the local vertical.
 *
 * Notes
 * - Faces are flat-shaded (vertices repeated per face, one normal each), no floor (nobody sees under the ground).
 * - Roof triangulation: earcut (holes supported) in the plane of the roof's east/north coordinates; each triangle
 *   is turned to face up. A gable roof is used only for a quadrilateral without holes: the ridge joins the middles
 *   of the two shorter sides, risen by half the shorter width × tan(pitch).
 * @see https://github.com/mapbox/earcut
 */

/** A building as the builder reads it from the published document. */
export interface SceneBuilding {
  /** Building uuid: the picked feature id. */
  id: string;
  /** Outer ring then holes, `[lon, lat]` degrees, each ring closed or not. */
  footprint: number[][][];
  /** Eave height above ground, metres, > 0. */
  heightM: number;
}

/** One material's mesh under construction (walls or roofs). */
export interface PrismMesh {
  /** glTF frame positions relative to the content centre, metres, xyz per vertex. */
  positions: number[];
  /** Unit normals (glTF frame), xyz per vertex. */
  normals: number[];
  /** Feature id (row of the property table) per vertex. */
  featureIds: number[];
  /** Triangle list, counter-clockwise seen from outside. */
  indices: number[];
}

/** The meshes of a set of buildings and their extent. */
export interface BuildingsMesh {
  walls: PrismMesh;
  roofs: PrismMesh;
  /** Extent in the tileset's ENU frame: [minE, minN, minU, maxE, maxN, maxU]. */
  boundsEnu: [number, number, number, number, number, number];
}

/** Options of {@link appendBuilding}. */
export interface PrismOptions {
  /** Roof pitch of a gable roof, degrees, 0..60 (0 = always flat). */
  roofPitchDeg: number;
  /** Highest ridge rise above the eaves, metres, ≥ 0. */
  maxRidgeRiseM: number;
}

/** Defaults of {@link PrismOptions}: a 25° roof (vernacular tiled roofs of Jiangxi are 20–30°), ridges ≤ 4 m. */
export const PRISM_DEFAULTS = { roofPitchDeg: 25, maxRidgeRiseM: 4 } satisfies PrismOptions;

/** Most positions one footprint may hold (all rings), a bound on hostile documents. */
export const MAX_FOOTPRINT_POSITIONS = 2_000;

/** Smallest footprint area extruded, m² (a collinear ring on the curved Earth still encloses ≈ 1e-4 m²). */
export const MIN_FOOTPRINT_AREA_M2 = 0.01;

/** An empty pair of meshes. */
export function emptyBuildingsMesh(): BuildingsMesh {
  const mesh = (): PrismMesh => ({ positions: [], normals: [], featureIds: [], indices: [] });
  return { walls: mesh(), roofs: mesh(), boundsEnu: [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity] };
}

type Enu = [number, number, number];

/** Twice the signed area of a ring in e/n (positive = counter-clockwise seen from above). */
function signedArea2(ring: readonly Enu[]): number {
  let area = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    area += a[0] * b[1] - b[0] * a[1];
  }
  return area;
}

/**
 * A footprint ring without its closing position and repeated positions, checked.
 * @throws {InputError} naming the building when a position is not a finite lon/lat or fewer than 3 remain
 */
function cleanRing(building: SceneBuilding, ring: readonly number[][], index: number): number[][] {
  const out: number[][] = [];
  for (const position of ring) {
    const [lon, lat] = position;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new InputError(`building ${building.id}: ring ${index} holds an invalid position ${JSON.stringify(position)}`);
    }
    const last = out[out.length - 1];
    if (!last || last[0] !== lon || last[1] !== lat) out.push([lon, lat]);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) throw new InputError(`building ${building.id}: ring ${index} has fewer than 3 distinct positions`);
  return out;
}

/** The unit normal (glTF frame) of a planar polygon given in ENU, by Newell's method (robust for any planar ring). */
function faceNormalGltf(corners: readonly Enu[]): [number, number, number] {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  for (let i = 0; i < corners.length; i++) {
    const a = corners[i];
    const b = corners[(i + 1) % corners.length];
    nx += (a[1] - b[1]) * (a[2] + b[2]);
    ny += (a[2] - b[2]) * (a[0] + b[0]);
    nz += (a[0] - b[0]) * (a[1] + b[1]);
  }
  const length = Math.hypot(nx, ny, nz) || 1;
  // ENU (e, n, u) → glTF (x, y, z) = (e, u, −n), a proper rotation (winding kept).
  return [nx / length, nz / length, -ny / length];
}

/** Appends one planar face: its corners (ENU) with one normal, and its triangles (indices into `corners`). */
function pushFace(mesh: PrismMesh, corners: readonly Enu[], triangles: readonly number[], centreEnu: readonly number[], featureId: number, normal = faceNormalGltf(corners)): void {
  const base = mesh.positions.length / 3;
  for (const c of corners) {
    mesh.positions.push(c[0] - centreEnu[0], c[2] - centreEnu[2], -(c[1] - centreEnu[1]));
    mesh.normals.push(normal[0], normal[1], normal[2]);
    mesh.featureIds.push(featureId);
  }
  for (const index of triangles) mesh.indices.push(base + index);
}

function grow(bounds: BuildingsMesh['boundsEnu'], p: Enu): void {
  bounds[0] = Math.min(bounds[0], p[0]);
  bounds[1] = Math.min(bounds[1], p[1]);
  bounds[2] = Math.min(bounds[2], p[2]);
  bounds[3] = Math.max(bounds[3], p[0]);
  bounds[4] = Math.max(bounds[4], p[1]);
  bounds[5] = Math.max(bounds[5], p[2]);
}

/**
 * Appends one building to `mesh`: a wall quad per ring edge (outer ring and holes) from the ground to the eaves,
 * then the roof (gable for a quadrilateral without holes and a pitch > 0, else flat).
 * @param enuToEcef column-major 4×4 from kernel `enuToEcefAt` (the tileset root transform)
 * @param centreEnu the content centre (ENU) that positions are made relative to
 * @param featureId row of the building in the property table
 * @returns the roof kind drawn and the triangles appended
 * @throws {InputError} naming the building when the footprint is empty, too large, holds an invalid position or a
 *   ring of fewer than 3 distinct positions, or encloses no area; or when `heightM` is not in (0, 1000]
 */
export function appendBuilding(
  mesh: BuildingsMesh,
  building: SceneBuilding,
  enuToEcef: readonly number[],
  centreEnu: readonly number[],
  featureId: number,
  options: PrismOptions = PRISM_DEFAULTS,
): { roof: 'gable' | 'flat'; triangles: number } {
  const { heightM } = building;
  if (!(heightM > 0 && heightM <= 1000)) throw new InputError(`building ${building.id}: height must be in (0, 1000] m, got ${heightM}`);
  if (building.footprint.length === 0) throw new InputError(`building ${building.id}: footprint has no ring`);
  const total = building.footprint.reduce((sum, ring) => sum + ring.length, 0);
  if (total > MAX_FOOTPRINT_POSITIONS) throw new InputError(`building ${building.id}: footprint holds ${total} positions, more than ${MAX_FOOTPRINT_POSITIONS}`);
  const trianglesBefore = mesh.walls.indices.length / 3 + mesh.roofs.indices.length / 3;
  const toEnu = (lon: number, lat: number, h: number): Enu => {
    const p = ecefToEnu(enuToEcef, geodeticToEcef(lon, lat, h));
    grow(mesh.boundsEnu, p);
    return p;
  };

  // Rings as lon/lat, the outer one counter-clockwise, holes clockwise (walls then face outwards).
  const rings = building.footprint.map((ring, i) => cleanRing(building, ring, i));
  const ground = rings.map((ring) => ring.map(([lon, lat]) => toEnu(lon, lat, 0)));
  ground.forEach((ring, i) => {
    const isCcw = signedArea2(ring) > 0;
    if ((i === 0) !== isCcw) {
      ring.reverse();
      rings[i].reverse();
    }
  });
  if (!(Math.abs(signedArea2(ground[0])) / 2 >= MIN_FOOTPRINT_AREA_M2)) throw new InputError(`building ${building.id}: footprint encloses no area (< ${MIN_FOOTPRINT_AREA_M2} m²)`);
  const eaves = rings.map((ring) => ring.map(([lon, lat]) => toEnu(lon, lat, heightM)));

  for (let r = 0; r < rings.length; r++) {
    const n = rings[r].length;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      pushFace(mesh.walls, [ground[r][i], ground[r][j], eaves[r][j], eaves[r][i]], [0, 1, 2, 0, 2, 3], centreEnu, featureId);
    }
  }

  const outer = rings[0];
  if (rings.length === 1 && outer.length === 4 && options.roofPitchDeg > 0) {
    // Gable: the sides (0,1) and (2,3) are the eaves when they are the longer pair, else shift by one corner.
    const e = eaves[0];
    const side = (a: Enu, b: Enu) => Math.hypot(b[0] - a[0], b[1] - a[1]);
    const shift = side(e[0], e[1]) + side(e[2], e[3]) >= side(e[1], e[2]) + side(e[3], e[0]) ? 0 : 1;
    const k = [0, 1, 2, 3].map((i) => (i + shift) % 4);
    const widthM = (side(e[k[1]], e[k[2]]) + side(e[k[3]], e[k[0]])) / 2;
    const riseM = Math.min(options.maxRidgeRiseM, (widthM / 2) * Math.tan((options.roofPitchDeg * Math.PI) / 180));
    const mid = (a: number[], b: number[]) => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const [m1lon, m1lat] = mid(outer[k[1]], outer[k[2]]);
    const [m3lon, m3lat] = mid(outer[k[3]], outer[k[0]]);
    const ridge1 = toEnu(m1lon, m1lat, heightM + riseM);
    const ridge3 = toEnu(m3lon, m3lat, heightM + riseM);
    // Two slopes (quads) and two gable triangles on the short walls.
    pushFace(mesh.roofs, [e[k[0]], e[k[1]], ridge1, ridge3], [0, 1, 2, 0, 2, 3], centreEnu, featureId);
    pushFace(mesh.roofs, [e[k[2]], e[k[3]], ridge3, ridge1], [0, 1, 2, 0, 2, 3], centreEnu, featureId);
    pushFace(mesh.walls, [e[k[1]], e[k[2]], ridge1], [0, 1, 2], centreEnu, featureId);
    pushFace(mesh.walls, [e[k[3]], e[k[0]], ridge3], [0, 1, 2], centreEnu, featureId);
    return { roof: 'gable', triangles: mesh.walls.indices.length / 3 + mesh.roofs.indices.length / 3 - trianglesBefore };
  }

  // Flat roof: earcut over the eaves' east/north coordinates, every triangle turned to face up.
  const corners = eaves.flat();
  const flat: number[] = [];
  const holeIndices: number[] = [];
  for (const ring of eaves) {
    if (flat.length > 0) holeIndices.push(flat.length / 2);
    for (const p of ring) flat.push(p[0], p[1]);
  }
  const triangles = earcut(flat, holeIndices.length > 0 ? holeIndices : null, 2);
  const upward: number[] = [];
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [corners[triangles[t]], corners[triangles[t + 1]], corners[triangles[t + 2]]];
    const isCcw = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 0;
    upward.push(...(isCcw ? [triangles[t], triangles[t + 1], triangles[t + 2]] : [triangles[t], triangles[t + 2], triangles[t + 1]]));
  }
  // One normal for the whole roof: the outer ring's (counter-clockwise seen from above, so it faces up).
  pushFace(mesh.roofs, corners, upward, centreEnu, featureId, faceNormalGltf(eaves[0]));
  return { roof: 'flat', triangles: mesh.walls.indices.length / 3 + mesh.roofs.indices.length / 3 - trianglesBefore };
}
