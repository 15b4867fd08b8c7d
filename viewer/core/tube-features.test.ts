import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from './geojson-lines';
import { coverRangesM, featureDiameterMm, readTubeFeatures, resolveTubesOptions, tubeRadiusM } from './tube-features';

/** Degrees of latitude per metre northwards (mean Earth radius 6 371 008.8 m). */
const DEG_PER_M = 180 / (Math.PI * 6_371_008.8);

const LON = 115.89;
const LAT = 28.68;

function collection(...features: unknown[]): FeatureCollection {
  return { type: 'FeatureCollection', features } as unknown as FeatureCollection;
}

function line(id: string | undefined, coordinates: number[][], properties: unknown = {}): unknown {
  return { type: 'Feature', id, geometry: { type: 'LineString', coordinates }, properties };
}

describe('tubeRadiusM and featureDiameterMm', () => {
  it('converts a diameter in millimetres to a radius in metres', () => {
    expect(tubeRadiusM(300)).toBe(0.15);
    expect(tubeRadiusM(1200)).toBe(0.6);
    expect(tubeRadiusM(25)).toBeCloseTo(0.0125, 12);
  });

  it('reads a positive number or numeric string, else the default', () => {
    const options = resolveTubesOptions(null);
    expect(featureDiameterMm({ diameterMm: 400 }, options)).toBe(400);
    expect(featureDiameterMm({ diameterMm: ' 600 ' }, options)).toBe(600);
    for (const bad of [0, -100, '', 'DN400', null, Number.NaN, [400]]) expect(featureDiameterMm({ diameterMm: bad }, options)).toBe(300);
    expect(featureDiameterMm(null, options)).toBe(300);
    const custom = resolveTubesOptions({ diameterProperty: 'gj', defaultDiameterMm: 150 });
    expect(featureDiameterMm({ gj: 800, diameterMm: 100 }, custom)).toBe(800);
    expect(featureDiameterMm({ diameterMm: 100 }, custom)).toBe(150);
  });

  it('falls back to 300 mm and diameterMm for unusable options', () => {
    expect(resolveTubesOptions({ diameterProperty: '', defaultDiameterMm: -1 })).toEqual({ diameterProperty: 'diameterMm', defaultDiameterMm: 300 });
  });
});

describe('readTubeFeatures', () => {
  it('keeps axis heights (negative = underground), puts missing heights at 0 m and drops repeated positions', () => {
    const result = readTubeFeatures(
      collection(
        line('water-1', [[LON, LAT, -1.8], [LON + 0.001, LAT, -1.8], [LON + 0.001, LAT, -1.8], [LON + 0.002, LAT, -2.1]], { diameterMm: 600, name: 'Main' }),
        line('flat', [[LON, LAT], [LON, LAT + 0.001]]),
      ),
      resolveTubesOptions(null),
    );
    expect(result.skippedFeatureCount).toBe(0);
    expect(result.pieces).toEqual([
      {
        featureId: 'water-1',
        featureIndex: 0,
        shape: 'run',
        positions: [LON, LAT, -1.8, LON + 0.001, LAT, -1.8, LON + 0.002, LAT, -2.1],
        diameterMm: 600,
        radiusM: 0.3,
        name: 'Main',
      },
      { featureId: 'flat', featureIndex: 1, shape: 'run', positions: [LON, LAT, 0, LON, LAT + 0.001, 0], diameterMm: 300, radiusM: 0.15, name: null },
    ]);
  });

  it('names a pipe by its code when it has no name, and gives each feature its cover range', () => {
    const { pieces } = readTubeFeatures(
      collection(
        // DN400: cover = −height − 0.2 m → 1.20 m at −1.4 m, 1.50 m at −1.7 m.
        line('p1', [[LON, LAT, -1.4], [LON + 0.001, LAT, -1.7]], { diameterMm: 400, code: 'WS-0001' }),
        line('p2', [[LON, LAT, -0.1], [LON + 0.001, LAT, -0.1]], { diameterMm: 400, code: 'WS-0002', name: 'Bridge pipe' }),
      ),
      resolveTubesOptions(null),
    );
    expect(pieces.map((piece) => piece.name)).toEqual(['WS-0001', 'Bridge pipe']);
    // p2's crown is 0.1 m above the ground (cover −0.1 m): no cover range.
    expect([...coverRangesM(pieces)]).toEqual([[0, { minM: 1.2, maxM: 1.5 }]]);
  });

  it('gives every part of a MultiLineString its own piece with the feature id', () => {
    const result = readTubeFeatures(
      collection({
        type: 'Feature',
        id: 42,
        geometry: { type: 'MultiLineString', coordinates: [[[LON, LAT, -1], [LON + 0.001, LAT, -1]], [[LON, LAT + 0.001, -2], [LON, LAT + 0.002, -2]]] },
      }),
      resolveTubesOptions(null),
    );
    expect(result.pieces.map((p) => [p.featureId, p.shape, p.positions.length])).toEqual([
      ['42', 'run', 6],
      ['42', 'run', 6],
    ]);
  });

  it('splits a vertical drop (manhole) into a riser between two runs', () => {
    const eastDeg = 20 * DEG_PER_M / Math.cos((LAT * Math.PI) / 180);
    const result = readTubeFeatures(
      collection(line('sewer-3', [[LON - eastDeg, LAT, -2], [LON, LAT, -2], [LON, LAT, -6], [LON + eastDeg, LAT, -6.5]])),
      resolveTubesOptions(null),
    );
    expect(result.pieces.map((p) => [p.shape, p.positions])).toEqual([
      ['run', [LON - eastDeg, LAT, -2, LON, LAT, -2]],
      ['riser', [LON, LAT, -2, LON, LAT, -6]],
      ['run', [LON, LAT, -6, LON + eastDeg, LAT, -6.5]],
    ]);
  });

  it('draws segments steeper than 45° as risers: 1 m across, 1.1 m down is one, 0.9 m down is not', () => {
    const northDeg = DEG_PER_M; // 1 m north
    const steep = readTubeFeatures(collection(line('a', [[LON, LAT, 0], [LON, LAT + northDeg, -1.1]])), resolveTubesOptions(null));
    const gentle = readTubeFeatures(collection(line('b', [[LON, LAT, 0], [LON, LAT + northDeg, -0.9]])), resolveTubesOptions(null));
    expect(steep.pieces.map((p) => p.shape)).toEqual(['riser']);
    expect(gentle.pieces.map((p) => p.shape)).toEqual(['run']);
  });

  it('skips features with another geometry, an invalid position or fewer than two distinct positions', () => {
    const result = readTubeFeatures(
      collection(
        line('ok', [[LON, LAT], [LON + 0.001, LAT]]),
        line('nan-height', [[LON, LAT, Number.NaN], [LON + 0.001, LAT, 0]]),
        line('one-point', [[LON, LAT, 1], [LON, LAT, 1]]),
        line('out-of-range', [[LON, LAT], [190, LAT]]),
        { type: 'Feature', id: 'poly', geometry: { type: 'Polygon', coordinates: [[[LON, LAT], [LON + 1, LAT], [LON, LAT + 1], [LON, LAT]]] } },
        { type: 'Feature', id: 'bad-part', geometry: { type: 'MultiLineString', coordinates: [[[LON, LAT], [LON + 0.001, LAT]], [[LON, LAT]]] } },
        line(undefined, [[LON, LAT], [LON, LAT + 0.001]]),
      ),
      resolveTubesOptions(null),
    );
    expect(result.featureCount).toBe(7);
    expect(result.skippedFeatureCount).toBe(5);
    expect(result.unidentifiedFeatureCount).toBe(1);
    expect(result.pieces.map((p) => p.featureId)).toEqual(['ok', null]);
  });
});
