import { describe, expect, it } from 'vitest';
import { geojsonFeatureId } from './geojson-feature-id';
import { featureName, propertyText } from './property-text';

describe('propertyText', () => {
  it('reads strings, finite numbers and booleans as text', () => {
    const properties = { code: 'G-01', depthM: 2.5, isActive: true, empty: '', nested: { a: 1 }, inf: Number.POSITIVE_INFINITY };
    expect(propertyText(properties, 'code')).toBe('G-01');
    expect(propertyText(properties, 'depthM')).toBe('2.5');
    expect(propertyText(properties, 'isActive')).toBe('true');
    for (const name of ['empty', 'nested', 'inf', 'missing']) expect(propertyText(properties, name)).toBeNull();
    expect(propertyText(null, 'code')).toBeNull();
    expect(propertyText(['G-01'], '0')).toBeNull();
  });

  it('names a feature by name, then title', () => {
    expect(featureName({ title: 'Pump 3', name: 'P3' })).toBe('P3');
    expect(featureName({ title: 'Pump 3' })).toBe('Pump 3');
    expect(featureName({})).toBeNull();
  });
});

describe('geojsonFeatureId', () => {
  it('reads string and finite numeric ids, else null', () => {
    expect(geojsonFeatureId({ id: 'pipe-7' })).toBe('pipe-7');
    expect(geojsonFeatureId({ id: 7 })).toBe('7');
    expect(geojsonFeatureId({ id: 7.5 })).toBe('7.5');
    for (const id of ['', Number.NaN, null, undefined, { a: 1 }]) expect(geojsonFeatureId({ id })).toBeNull();
  });
});
