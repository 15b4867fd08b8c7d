import { describe, expect, it } from 'vitest';
import { gcj02PositionToWgs84, gcj02ToWgs84 } from './gcj02-geometry';

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_28_7N = 111_320 * Math.cos((28.68 * Math.PI) / 180);

describe('gcj02ToWgs84', () => {
  it('moves 八一广场 (GCJ-02 115.9052, 28.6740) by 300–600 m, west and north, in Nanchang', () => {
    const [lon, lat] = gcj02PositionToWgs84([115.9052, 28.674]);
    const eastM = (lon - 115.9052) * M_PER_DEG_LON_28_7N;
    const northM = (lat - 28.674) * M_PER_DEG_LAT;
    expect(eastM).toBeLessThan(-300);
    expect(northM).toBeGreaterThan(200);
    expect(Math.hypot(eastM, northM)).toBeGreaterThan(300);
    expect(Math.hypot(eastM, northM)).toBeLessThan(700);
  });

  it('converts every vertex of a MultiPolygon and keeps its structure and a third value', () => {
    const source = {
      type: 'MultiPolygon' as const,
      coordinates: [[[[115.9, 28.6, 5], [115.91, 28.6, 5], [115.91, 28.61, 5], [115.9, 28.6, 5]]]],
    };
    const result = gcj02ToWgs84(source);
    expect(result.coordinates[0][0]).toHaveLength(4);
    expect(result.coordinates[0][0][0]).toEqual([...gcj02PositionToWgs84([115.9, 28.6]), 5]);
    expect(source.coordinates[0][0][0]).toEqual([115.9, 28.6, 5]);
  });
});
