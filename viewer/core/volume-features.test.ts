import { describe, expect, it } from 'vitest';
import { readVolumeFeatures } from './volume-features';

const square = [[115.85, 28.69], [115.851, 28.69], [115.851, 28.691], [115.85, 28.691], [115.85, 28.69]];

describe('readVolumeFeatures', () => {
  it('reads polygons with their heights, a flat surface when the top is missing, and the feature fill', () => {
    const { pieces, featureCount, skippedFeatureCount } = readVolumeFeatures(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'envelope', properties: { baseM: 0, topM: '54', name: '限高' }, geometry: { type: 'Polygon', coordinates: [square] } },
          { type: 'Feature', id: 'plane', properties: { baseM: 54, fill: 'rgba(255,0,0,0.2)' }, geometry: { type: 'Polygon', coordinates: [square] } },
        ],
      },
      null,
    );
    expect(featureCount).toBe(2);
    expect(skippedFeatureCount).toBe(0);
    expect(pieces[0]).toMatchObject({ featureId: 'envelope', baseM: 0, topM: 54, name: '限高', fill: null });
    expect(pieces[0].rings[0]).toHaveLength(4); // the closing position dropped
    expect(pieces[1]).toMatchObject({ featureId: 'plane', baseM: 54, topM: 54, fill: 'rgba(255,0,0,0.2)' });
  });

  it('splits MultiPolygons, honours option property names, and skips broken features', () => {
    const { pieces, skippedFeatureCount } = readVolumeFeatures(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'm', properties: { low: 3, high: 9 }, geometry: { type: 'MultiPolygon', coordinates: [[square], [square]] } },
          { type: 'Feature', id: 'line', properties: {}, geometry: { type: 'LineString', coordinates: square } },
          { type: 'Feature', id: 'nan', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [Number.NaN, 1], [1, 1], [0, 0]]] } },
          { type: 'Feature', id: 'two', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] } },
        ],
      },
      { baseProperty: 'low', topProperty: 'high' },
    );
    expect(pieces.map((piece) => [piece.featureId, piece.baseM, piece.topM])).toEqual([
      ['m', 3, 9],
      ['m', 3, 9],
    ]);
    expect(skippedFeatureCount).toBe(3);
  });
});
