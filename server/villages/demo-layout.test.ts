import { describe, expect, it } from 'vitest';
import { demoFootprintPolygon, enuOffsetToLonLat } from './demo-layout';

const ORIGIN: [number, number] = [117.86, 29.25];
const M_PER_DEG_LAT = 110_850; // meridian arc per degree near 29° N (WGS84)

describe('enuOffsetToLonLat', () => {
  it('moves north and east by the given metres', () => {
    const [lon, lat] = enuOffsetToLonLat(ORIGIN, 0, 100);
    expect(lon).toBeCloseTo(ORIGIN[0], 9);
    expect((lat - ORIGIN[1]) * M_PER_DEG_LAT).toBeCloseTo(100, 0);
    const [lonE, latE] = enuOffsetToLonLat(ORIGIN, 100, 0);
    expect((lonE - ORIGIN[0]) * 97_200).toBeCloseTo(100, -1); // ≈ 97.2 km per degree of longitude at 29.25° N
    expect(latE).toBeCloseTo(ORIGIN[1], 6);
  });
});

describe('demoFootprintPolygon', () => {
  it('closes a counter-clockwise ring of four corners around the offset', () => {
    const polygon = demoFootprintPolygon(ORIGIN, { eastM: 0, northM: 0, widthM: 20, depthM: 10, rotationDeg: 0 });
    const ring = polygon.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    let twiceArea = 0;
    for (let i = 0; i < 4; i++) twiceArea += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    expect(twiceArea).toBeGreaterThan(0);
  });
});
