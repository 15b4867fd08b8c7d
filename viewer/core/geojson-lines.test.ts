import { describe, expect, it } from 'vitest';
import { featureCollectionToPolylines, type FeatureCollection } from './geojson-lines';

describe('featureCollectionToPolylines', () => {
  it('flattens polygon rings, multipolygons and line strings; skips points and null geometry', () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[115, 28], [116, 28], [116, 29], [115, 28]]] } },
        {
          type: 'Feature',
          geometry: {
            type: 'MultiPolygon',
            coordinates: [[[[1, 1], [2, 1], [2, 2], [1, 1]], [[1.2, 1.2], [1.5, 1.2], [1.2, 1.2]]], [[[5, 5], [6, 6], [5, 5]]]],
          },
        },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[115.8, 28.6, 12], [115.81, 28.61, 12]] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [115, 28] } },
        { type: 'Feature', geometry: null },
      ],
    };
    const lines = featureCollectionToPolylines(collection);
    expect(lines).toEqual([
      [115, 28, 116, 28, 116, 29, 115, 28],
      [1, 1, 2, 1, 2, 2, 1, 1],
      [1.2, 1.2, 1.5, 1.2, 1.2, 1.2],
      [5, 5, 6, 6, 5, 5],
      [115.8, 28.6, 115.81, 28.61],
    ]);
  });

  it('drops duplicate and non-finite positions and degenerate lines', () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 1], [1, 1], [Number.NaN, 2], [3, 3]] } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 1], [1, 1]] } },
        {
          type: 'Feature',
          geometry: { type: 'GeometryCollection', geometries: [{ type: 'MultiLineString', coordinates: [[[0, 0], [0, 1]]] }] },
        },
      ],
    };
    expect(featureCollectionToPolylines(collection)).toEqual([[1, 1, 3, 3], [0, 0, 0, 1]]);
  });
});
