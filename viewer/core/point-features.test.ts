import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from './geojson-lines';
import { readPointFeatures, resolvePointsOptions } from './point-features';

/** Sensors around Nanchang's Bayi Square (115.89° E, 28.68° N); heights in metres above the ellipsoid. */
const SENSORS = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', id: 'gas-01', geometry: { type: 'Point', coordinates: [115.8921, 28.6795, 21.5] }, properties: { code: 'G-01', name: 'Gas 1' } },
    { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [115.8932, 28.6801] }, properties: { code: 12 } },
    {
      type: 'Feature',
      id: 'pair',
      geometry: { type: 'MultiPoint', coordinates: [[115.89, 28.68, 3], [115.891, 28.681, 4]] },
      properties: { title: 'Twin gauges' },
    },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [115.9, 28.7] }, properties: null },
    { type: 'Feature', id: 'line', geometry: { type: 'LineString', coordinates: [[115.8, 28.6], [115.9, 28.7]] } },
    { type: 'Feature', id: 'north-of-pole', geometry: { type: 'Point', coordinates: [115.9, 95] } },
    { type: 'Feature', id: 'no-geometry', geometry: null },
    { type: 'Feature', id: 'half-bad', geometry: { type: 'MultiPoint', coordinates: [[115.9, 28.7], [Number.NaN, 28.7]] } },
    { type: 'Feature', id: 'empty', geometry: { type: 'MultiPoint', coordinates: [] } },
  ],
} as unknown as FeatureCollection;

describe('readPointFeatures', () => {
  it('makes one marker per valid position, skipping whole features with bad geometry', () => {
    const result = readPointFeatures(SENSORS, resolvePointsOptions({ labelProperty: 'code' }));
    expect(result.featureCount).toBe(9);
    expect(result.skippedFeatureCount).toBe(5); // line, north-of-pole, no-geometry, half-bad, empty
    expect(result.unidentifiedFeatureCount).toBe(1);
    expect(result.markers.map((m) => [m.featureId, m.featureIndex])).toEqual([
      ['gas-01', 0],
      ['7', 1],
      ['pair', 2],
      ['pair', 2],
      [null, 3],
    ]);
    expect(result.markers[0]).toEqual({
      lonDeg: 115.8921,
      latDeg: 28.6795,
      heightEllipsoidalM: 21.5,
      featureId: 'gas-01',
      featureIndex: 0,
      label: 'G-01',
      colour: null,
      name: 'G-01',
    });
    // a position without a height lies on the ellipsoid (0 m)
    expect(result.markers[1].heightEllipsoidalM).toBe(0);
    expect(result.markers[1].label).toBe('12');
    expect(result.markers[3]).toMatchObject({ lonDeg: 115.891, latDeg: 28.681, heightEllipsoidalM: 4, label: null, name: 'Twin gauges' });
  });

  it('reads names without a label property', () => {
    const result = readPointFeatures(SENSORS, resolvePointsOptions(null));
    expect(result.markers.map((m) => m.label)).toEqual([null, null, null, null, null]);
    expect(result.markers.map((m) => m.name)).toEqual(['Gas 1', null, 'Twin gauges', 'Twin gauges', null]);
  });

  it('survives a collection without a features array', () => {
    const result = readPointFeatures({ type: 'FeatureCollection' } as unknown as FeatureCollection, resolvePointsOptions(null));
    expect(result).toEqual({ markers: [], featureCount: 0, skippedFeatureCount: 0, unidentifiedFeatureCount: 0 });
  });
});

describe('colourProperty', () => {
  it('picks each marker colour by the property value; unknown values and features without it keep the layer colour', () => {
    const options = resolvePointsOptions({ colourProperty: 'code', colours: { 'G-01': '#e03131', '12': '#2f9e44' } });
    const result = readPointFeatures(SENSORS, options);
    expect(result.markers.map((m) => [m.featureId, m.colour])).toEqual([
      ['gas-01', '#e03131'],
      ['7', '#2f9e44'],
      ['pair', null],
      ['pair', null],
      [null, null],
    ]);
  });
});

describe('resolvePointsOptions', () => {
  it('defaults the cluster range to 40 px, keeps 0 (off) and rejects negative or non-finite ranges', () => {
    expect(resolvePointsOptions(null)).toEqual({ clusterPixelRange: 40, labelProperty: null, colourProperty: null, colours: {} });
    expect(resolvePointsOptions({ clusterPixelRange: 0 }).clusterPixelRange).toBe(0);
    expect(resolvePointsOptions({ clusterPixelRange: 64 }).clusterPixelRange).toBe(64);
    expect(resolvePointsOptions({ clusterPixelRange: -5 }).clusterPixelRange).toBe(40);
    expect(resolvePointsOptions({ clusterPixelRange: Number.POSITIVE_INFINITY }).clusterPixelRange).toBe(40);
    expect(resolvePointsOptions({ labelProperty: '' }).labelProperty).toBeNull();
  });
});
