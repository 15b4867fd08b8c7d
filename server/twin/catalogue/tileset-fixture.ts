import { zipSync, type Zippable } from 'fflate';

/**
 * Test support: tiny 3D Tiles archives built in code for the upload tests and the catalogue journey.
 */

/** WGS84 geodetic → ECEF metres (forward formula, independent of the inverse under test). */
export function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number): [number, number, number] {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return [(n + heightM) * Math.cos(lat) * Math.cos(lon), (n + heightM) * Math.cos(lat) * Math.sin(lon), (n * (1 - e2) + heightM) * Math.sin(lat)];
}

/** Column-major ENU → ECEF 4×4 at a point (3D Tiles root `transform`). */
export function enuToEcefTransform(lonDeg: number, latDeg: number, heightM: number): number[] {
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  const east = [-Math.sin(lon), Math.cos(lon), 0];
  const north = [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)];
  const up = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  return [...east, 0, ...north, 0, ...up, 0, ...geodeticToEcef(lonDeg, latDeg, heightM), 1];
}

/** A tileset.json of one tile (`content.glb`) whose 20 m box is centred at the given point. */
export function tilesetJsonAt(lonDeg: number, latDeg: number, heightM: number, version = '1.1'): string {
  return JSON.stringify({
    asset: { version },
    geometricError: 100,
    root: {
      transform: enuToEcefTransform(lonDeg, latDeg, heightM),
      boundingVolume: { box: [0, 0, 0, 10, 0, 0, 0, 10, 0, 0, 0, 10] },
      geometricError: 0,
      refine: 'ADD',
      content: { uri: 'content.glb' },
    },
  });
}

/** A zip of `files` (name → text or bytes), optionally under one top folder. */
export function zipOf(files: Record<string, string | Uint8Array>, options: { topFolder?: string } = {}): Uint8Array {
  const entries: Zippable = {};
  for (const [name, value] of Object.entries(files)) {
    entries[`${options.topFolder ? `${options.topFolder}/` : ''}${name}`] = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  }
  return zipSync(entries);
}
