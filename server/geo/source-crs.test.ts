import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { resolveSourceCrs } from './source-crs';

// Reference: the meridian arc of the GRS80/CGCS2000 ellipsoid from the equator to 30°N is 3 320 113.4 m (same as WGS84 to < 1 mm).
const ARC_TO_30N_M = 3_320_113.398;

describe('resolveSourceCrs', () => {
  it('maps a point on the central meridian of EPSG:4548 (CM 117°E, no zone prefix) to 117°E, 30°N (≤ 1e-7° ≈ 1 cm)', () => {
    const [lon, lat] = resolveSourceCrs('4548').toWgs84([500_000, ARC_TO_30N_M]);
    expect(lon).toBeCloseTo(117, 7);
    expect(lat).toBeCloseTo(30, 7);
  });

  it('reads the zone prefix of EPSG:4527 (zone 39 = CM 117°E): 39 500 000 E is the central meridian', () => {
    const [lon, lat] = resolveSourceCrs('4527').toWgs84([39_500_000, ARC_TO_30N_M]);
    expect(lon).toBeCloseTo(117, 7);
    expect(lat).toBeCloseTo(30, 7);
  });

  it('takes CGCS2000 geographic (4490) as WGS84 and converts GCJ-02 with gcoord (300–600 m in Jiangxi)', () => {
    expect(resolveSourceCrs('4490').toWgs84([115.9, 28.68])).toEqual([115.9, 28.68]);
    const gcj = gcoord.transform([115.9, 28.68], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const [lon, lat] = resolveSourceCrs('gcj02').toWgs84(gcj);
    expect(Math.abs(lon - 115.9) * 97_700).toBeLessThan(1);
    expect(Math.abs(lat - 28.68) * 111_000).toBeLessThan(1);
  });

  it.each(['3857', '4555', 'abc', '', '4548.5'])('refuses %j', (declared) => expect(() => resolveSourceCrs(declared)).toThrow(InputError));
});
