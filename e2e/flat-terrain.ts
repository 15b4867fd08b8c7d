/**
 * A flat quantized-mesh terrain for the catalogue journey's test server: `layer.json` and the two level-0 tiles of
 * CesiumJS's geographic tiling scheme, every vertex at one ellipsoidal height. Deeper levels are not available, so
 * CesiumJS upsamples the parents (a surface at that height everywhere), and `sampleTerrainMostDetailed` returns it.
 *
 * @see https://github.com/CesiumGS/quantized-mesh (format: header, vertex data with zig-zag deltas, high-water-mark
 *   indices, edge indices)
 */

const WGS84_RADII = [6378137, 6378137, 6356752.314245179] as const;

/** The `layer.json` of the flat terrain (TMS tile addressing, geographic tiling, level 0 only). */
export const FLAT_TERRAIN_LAYER_JSON = JSON.stringify({
  tilejson: '2.1.0',
  format: 'quantized-mesh-1.0',
  version: '1.0.0',
  scheme: 'tms',
  tiles: ['{z}/{x}/{y}.terrain'],
  projection: 'EPSG:4326',
  bounds: [-180, -90, 180, 90],
  available: [[{ startX: 0, startY: 0, endX: 1, endY: 0 }]],
});

function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number): [number, number, number] {
  const [a, , b] = WGS84_RADII;
  const e2 = 1 - (b * b) / (a * a);
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return [(n + heightM) * Math.cos(lat) * Math.cos(lon), (n + heightM) * Math.cos(lat) * Math.sin(lon), (n * (1 - e2) + heightM) * Math.sin(lat)];
}

const zigZag = (value: number) => ((value << 1) ^ (value >> 31)) >>> 0;

/**
 * One level-0 tile (x = 0 west hemisphere, x = 1 east) at `heightM` everywhere.
 * @param x tile column, 0 or 1
 * @param heightM ellipsoidal height of the surface, metres
 */
export function flatTerrainTile(x: 0 | 1, heightM: number): Buffer {
  const centreLon = x === 0 ? -90 : 90;
  const centre = geodeticToEcef(centreLon, 0, heightM);
  const header = Buffer.alloc(88);
  centre.forEach((value, i) => header.writeDoubleLE(value, i * 8));
  header.writeFloatLE(heightM, 24);
  header.writeFloatLE(heightM, 28);
  // Bounding sphere: the tile's centre with a radius covering its hemisphere.
  centre.forEach((value, i) => header.writeDoubleLE(value, 32 + i * 8));
  header.writeDoubleLE(WGS84_RADII[0] * 1.5 + heightM, 56);
  // Horizon occlusion point (ellipsoid-scaled space), far out over the tile's centre: never hidden from its side.
  centre.forEach((value, i) => header.writeDoubleLE((value / WGS84_RADII[i]) * 10, 64 + i * 8));
  // Four corners: u, v in 0..32767 (west→east, south→north), zig-zag delta encoded; all at the one height.
  const u = [0, 32767, 32767, 0];
  const v = [0, 0, 32767, 32767];
  const vertexData = Buffer.alloc(4 + 3 * 4 * 2);
  vertexData.writeUInt32LE(4, 0);
  const writeDeltas = (values: number[], offset: number) => values.forEach((value, i) => vertexData.writeUInt16LE(zigZag(value - (i > 0 ? values[i - 1] : 0)), offset + i * 2));
  writeDeltas(u, 4);
  writeDeltas(v, 12);
  writeDeltas([0, 0, 0, 0], 20);
  // Two triangles (0,1,2) (0,2,3) as high-water-mark codes; the header + vertex data (116 bytes) keep 2-byte alignment.
  const indices = Buffer.alloc(4 + 6 * 2);
  indices.writeUInt32LE(2, 0);
  [0, 0, 0, 3, 1, 0].forEach((code, i) => indices.writeUInt16LE(code, 4 + i * 2));
  const edge = (vertices: number[]) => {
    const buffer = Buffer.alloc(4 + vertices.length * 2);
    buffer.writeUInt32LE(vertices.length, 0);
    vertices.forEach((vertex, i) => buffer.writeUInt16LE(vertex, 4 + i * 2));
    return buffer;
  };
  return Buffer.concat([header, vertexData, indices, edge([0, 3]), edge([0, 1]), edge([1, 2]), edge([2, 3])]);
}
