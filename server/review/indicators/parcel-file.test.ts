import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { reviewParcelGeoJson } from '@data/fixtures/review/review-building';
import { readParcelGeoJson } from './parcel-file';

const text = (value: unknown) => JSON.stringify(value);
const base = () => reviewParcelGeoJson() as { geometry: { coordinates: number[][][] }; [key: string]: unknown };
const reject = (value: unknown, reason: RegExp) => {
  expect(() => readParcelGeoJson(typeof value === 'string' ? value : text(value), 'p.geojson')).toThrow(InputError);
  expect(() => readParcelGeoJson(typeof value === 'string' ? value : text(value), 'p.geojson')).toThrow(reason);
};

describe('readParcelGeoJson', () => {
  it('converts an EPSG:4548 ring to WGS84 near 115.853°E 28.686°N and keeps the conditions', () => {
    const parcel = readParcelGeoJson(text(base()), 'p.geojson');
    expect(parcel.ringLonLatDeg).toHaveLength(5);
    const [lon, lat] = parcel.ringLonLatDeg[0];
    expect(lon).toBeGreaterThan(115.85);
    expect(lon).toBeLessThan(115.86);
    expect(lat).toBeGreaterThan(28.68);
    expect(lat).toBeLessThan(28.69);
    expect(parcel.conditions).toEqual({ heightLimitM: 24, farMin: 0.5, farMax: 1.2, densityMax: 0.35, setbacksM: [3, 6, 8, 5] });
  });

  it('reads WGS84 without a crs member, absent conditions as null', () => {
    const parcel = readParcelGeoJson(text({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[115.85, 28.69], [115.851, 28.69], [115.851, 28.691], [115.85, 28.69]]] } }), 'w.geojson');
    expect(parcel.ringLonLatDeg[1]).toEqual([115.851, 28.69]);
    expect(parcel.conditions.heightLimitM).toBeNull();
  });

  it('rejects bad files with their reason', () => {
    reject('{', /p\.geojson: not JSON/);
    reject({ ...base(), type: 'FeatureCollection' }, /must be a GeoJSON Feature/);
    reject({ ...base(), geometry: { type: 'MultiPolygon', coordinates: [] } }, /geometry must be a Polygon/);
    reject({ ...base(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::999999' } } }, /unknown CRS "urn:ogc:def:crs:EPSG::999999"/);
    reject({ ...base(), crs: { type: 'name', properties: { name: 'local grid' } } }, /unknown CRS/);
    reject({ ...base(), properties: { setbacksM: [3, 6, 8] } }, /setbacksM has 3 values, the outer ring has 4 edges/);
    reject({ ...base(), properties: { farMax: -1 } }, /properties\.farMax: must not be negative/);
    reject({ ...base(), properties: { densityMax: 1.5 } }, /properties\.densityMax: must be within 0–1/);
    reject({ ...base(), properties: { heightLimitM: 'NaN' } }, /properties\.heightLimitM/);
    reject({ ...base(), properties: { setbacksM: [3, -6, 8, 5] } }, /properties\.setbacksM\.1: must not be negative/);
    const swapped = base();
    swapped.geometry.coordinates[0] = swapped.geometry.coordinates[0].map(([x, y]) => [y, x]);
    reject(swapped, /outside the area of use of EPSG:4548/);
  });
});
