import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { ecefToEnu, enuToEcefAt, geodeticToEcef } from '@kernel/wgs84-ecef';
import { rectangleFootprint } from '../test-fixtures';
import { appendBuilding, emptyBuildingsMesh, PRISM_DEFAULTS } from './building-prism';

const LON = 117.85;
const LAT = 29.24;
const frame = enuToEcefAt(LON, LAT, 0);
const centre = [0, 0, 0];

/** The glTF-frame vertices of a mesh part back in ENU. */
const enuOf = (positions: number[]) => {
  const out: [number, number, number][] = [];
  for (let i = 0; i < positions.length; i += 3) out.push([positions[i], -positions[i + 2], positions[i + 1]]);
  return out;
};

describe('appendBuilding', () => {
  it('extrudes a 12 m × 8 m rectangle to 7 m with a 25° gable roof along the long side: 14 triangles', () => {
    const mesh = emptyBuildingsMesh();
    const result = appendBuilding(mesh, { id: 'a', footprint: rectangleFootprint(LON, LAT, 12, 8), heightM: 7 }, frame, centre, 0);
    expect(result).toEqual({ roof: 'gable', triangles: 14 });
    // 4 walls × 2 + 2 gable triangles; 2 slopes × 2.
    expect(mesh.walls.indices.length / 3).toBe(10);
    expect(mesh.roofs.indices.length / 3).toBe(4);
    // Ridge: 7 m + 4 m × tan 25° = 8.865 m (the ridge runs east–west, over the 8 m depth), within 1 cm.
    const up = [...enuOf(mesh.walls.positions), ...enuOf(mesh.roofs.positions)].map((p) => p[2]);
    expect(Math.min(...up)).toBeCloseTo(0, 2);
    expect(Math.max(...up)).toBeCloseTo(7 + 4 * Math.tan((PRISM_DEFAULTS.roofPitchDeg * Math.PI) / 180), 2);
    expect(mesh.boundsEnu[3] - mesh.boundsEnu[0]).toBeCloseTo(12, 1);
    expect(mesh.boundsEnu[4] - mesh.boundsEnu[1]).toBeCloseTo(8, 1);
    expect(new Set(mesh.walls.featureIds)).toEqual(new Set([0]));
  });

  it('walls face outwards and roofs upwards whatever the ring orientation', () => {
    for (const clockwise of [false, true]) {
      const ring = rectangleFootprint(LON, LAT, 10, 10)[0];
      const mesh = emptyBuildingsMesh();
      appendBuilding(mesh, { id: 'b', footprint: [clockwise ? [...ring].reverse() : ring], heightM: 5 }, frame, centre, 3, { roofPitchDeg: 0, maxRidgeRiseM: 0 });
      const walls = enuOf(mesh.walls.positions);
      const centreEnu = ecefToEnu(frame, geodeticToEcef(LON + 5 / (111_320 * Math.cos((LAT * Math.PI) / 180)), LAT + 5 / 110_574, 0));
      for (let v = 0; v < walls.length; v++) {
        // Normal (glTF) → ENU: (x, −z, y); it points away from the centre horizontally.
        const n = [mesh.walls.normals[3 * v], -mesh.walls.normals[3 * v + 2], mesh.walls.normals[3 * v + 1]];
        expect(n[0] * (walls[v][0] - centreEnu[0]) + n[1] * (walls[v][1] - centreEnu[1])).toBeGreaterThan(0);
      }
      for (let v = 0; v < mesh.roofs.normals.length; v += 3) expect(mesh.roofs.normals[v + 1]).toBeGreaterThan(0.999);
      // Every roof triangle is counter-clockwise seen from above.
      const roof = enuOf(mesh.roofs.positions);
      for (let t = 0; t < mesh.roofs.indices.length; t += 3) {
        const [a, b, c] = [roof[mesh.roofs.indices[t]], roof[mesh.roofs.indices[t + 1]], roof[mesh.roofs.indices[t + 2]]];
        expect((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])).toBeGreaterThan(0);
      }
      expect(new Set(mesh.roofs.featureIds)).toEqual(new Set([3]));
    }
  });

  it('gives an L-shaped (6-corner) footprint a flat roof: 6 walls × 2 + 4 roof triangles', () => {
    const d = 1 / 111_000;
    const l = [[0, 0], [20, 0], [20, 8], [8, 8], [8, 16], [0, 16], [0, 0]].map(([e, n]) => [LON + (e * d) / Math.cos((LAT * Math.PI) / 180), LAT + n * d]);
    const mesh = emptyBuildingsMesh();
    expect(appendBuilding(mesh, { id: 'c', footprint: [l], heightM: 6 }, frame, centre, 0)).toEqual({ roof: 'flat', triangles: 16 });
  });

  it('cuts a courtyard (天井) hole out of a flat roof and walls it', () => {
    const outer = rectangleFootprint(LON, LAT, 20, 20)[0];
    const hole = rectangleFootprint(LON + 8 / 97_000, LAT + 8 / 110_574, 4, 4)[0];
    const mesh = emptyBuildingsMesh();
    // Holes force a flat roof: 8 walls × 2 + earcut's 8 triangles for a square ring with a square hole.
    expect(appendBuilding(mesh, { id: 'd', footprint: [outer, hole], heightM: 8 }, frame, centre, 0)).toEqual({ roof: 'flat', triangles: 24 });
  });

  it('refuses bad footprints with an InputError naming the building', () => {
    const bad = (footprint: number[][][], heightM = 6) => () => appendBuilding(emptyBuildingsMesh(), { id: 'bad-1', footprint, heightM }, frame, centre, 0);
    expect(bad([[[LON, LAT], [LON + 1e-4, LAT], [LON, LAT]]])).toThrow(/bad-1: ring 0 has fewer than 3 distinct positions/);
    expect(bad([[[LON, LAT], [LON + 1e-4, LAT], [LON + 2e-4, LAT], [LON, LAT]]])).toThrow(/encloses no area/);
    expect(bad([[[LON, Number.NaN], [LON + 1e-4, LAT], [LON, LAT + 1e-4]]])).toThrow(InputError);
    expect(bad(rectangleFootprint(LON, LAT, 5, 5), 0)).toThrow(/height must be in \(0, 1000\] m, got 0/);
    expect(bad([])).toThrow(/no ring/);
  });
});
