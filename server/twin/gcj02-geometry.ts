import gcoord from 'gcoord';
import type { GeoJsonGeometry } from '@server/db/columns/geojson';

/**
 * Converts a GeoJSON geometry from GCJ-02 ("Mars" coordinates used by AMap/echarts data) to WGS84, vertex by
 * vertex, returning a new geometry. Offsets in Jiangxi are ≈ 300–600 m (at 八一广场, Nanchang: +0.0048° lon,
 * −0.0034° lat from WGS84 to GCJ-02). The inverse is gcoord's approximation (error ≪ 1 m, far below the
 * ≈ 100 m quantisation of the echarts boundaries).
 * @param geometry positions `[lon, lat]` degrees in GCJ-02 (a third value is kept unchanged)
 * @returns the same geometry type with positions `[lon, lat]` degrees in WGS84 (EPSG:4326)
 * @see https://github.com/hujiulong/gcoord (GCJ02 → WGS84)
 */
export function gcj02ToWgs84<T extends GeoJsonGeometry>(geometry: T): T {
  const convert = (position: number[]): number[] => {
    const [lon, lat] = gcj02PositionToWgs84([position[0], position[1]]);
    return position.length > 2 ? [lon, lat, ...position.slice(2)] : [lon, lat];
  };
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: convert(geometry.coordinates) };
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(convert) };
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(convert)) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(convert))) };
  }
}

/**
 * Converts one `[lon, lat]` GCJ-02 position to WGS84.
 * @returns `[lon, lat]` degrees WGS84
 */
export function gcj02PositionToWgs84(position: readonly [number, number]): [number, number] {
  return gcoord.transform([position[0], position[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number];
}
