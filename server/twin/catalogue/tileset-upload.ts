import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { InputError } from '@kernel/errors';
import { CATALOGUE_TILES_FOLDER, insertCatalogueLayer, newCatalogueLayerId } from './catalogue-service';
import type { UploadFields } from './inputs';
import { assertAdministers } from './layer-access';
import { extractZipEntries, withCheckedZip, type ZipLimits } from '@server/api/safe-zip';

/**
 * An uploaded 3D Tiles tileset (zip) becomes an `external-tileset` catalogue layer served by the scope-checked route
 * `/tiles/catalogue/<layerId>/<path…>`.
 *
 * Notes: the archive is checked entry by entry (server/api/safe-zip.ts), `tileset.json` must sit at the root or in one top
 * folder that holds everything, every file must be a 3D Tiles content type, and `asset.version` must be `1.0` or
 * `1.1`. Every `uri`/`url`/`schemaUri` in the archive's JSON files (contents, external tilesets, subtrees) must be a
 * relative path that stays inside the tileset folder, also once percent-decoded: every visitor's browser follows
 * them, so an upload must not make it fetch another host or another route of ours. Files are inflated into `TILES_DIR/catalogue/.tmp-<id>` and renamed to `catalogue/<id>` inside the
 * transaction that inserts the layer, so a failure leaves neither a layer without files nor files of a layer.
 * @see https://docs.ogc.org/cs/22-025r4/22-025r4.html §5.1 (asset), §6 (tile formats)
 */

/** Bounds of an uploaded tileset archive (the archive's own size is bounded by the upload route). */
export const TILESET_ZIP_LIMITS = {
  maxEntries: 100_000,
  /** 4 GiB inflated. */
  maxUncompressedBytes: 4 * 1024 ** 3,
} satisfies ZipLimits;

/** Largest tileset.json read, bytes. */
export const MAX_TILESET_JSON_BYTES = 64 * 1024 ** 2;

/** File types a tileset archive may hold (3D Tiles 1.0/1.1 contents, implicit-tiling subtrees, external tilesets). */
export const TILESET_FILE_EXTENSIONS = ['.json', '.glb', '.b3dm', '.i3dm', '.pnts', '.cmpt', '.subtree'] as const;

/** WGS84 lon/lat (degrees) and ellipsoidal height (m) of a tileset's root bounding-volume centre. */
export interface TilesetCentre {
  lonDeg: number;
  latDeg: number;
  heightEllipsoidalM: number;
}

/** What an upload returns. */
export interface UploadedLayer {
  id: string;
  url: string;
  /** Root bounding-volume centre, or `null` when the tileset is not georeferenced (centre at the Earth's centre). */
  centre: TilesetCentre | null;
}

/**
 * ECEF (metres, WGS84) → geodetic lon/lat degrees and ellipsoidal height, by Bowring's method (error < 1 mm on Earth).
 * @see NIMA TR8350.2 (WGS84 constants)
 */
export function ecefToGeodetic(x: number, y: number, z: number): TilesetCentre {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const e2 = 1 - (b * b) / (a * a);
  const ep2 = (a * a) / (b * b) - 1;
  const p = Math.hypot(x, y);
  const theta = Math.atan2(z * a, p * b);
  const lat = Math.atan2(z + ep2 * b * Math.sin(theta) ** 3, p - e2 * a * Math.cos(theta) ** 3);
  const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  return { lonDeg: (Math.atan2(y, x) * 180) / Math.PI, latDeg: (lat * 180) / Math.PI, heightEllipsoidalM: p / Math.cos(lat) - n };
}

/**
 * Centre of the root bounding volume in WGS84 (3D Tiles §5.5: `region` in radians; `box`/`sphere` in the root's
 * frame, mapped by the root `transform`, a column-major 4×4 to ECEF).
 * @returns the centre, or `null` when it lies within 1 km of the Earth's centre (not georeferenced)
 */
export function rootCentre(root: { transform?: number[]; boundingVolume?: { box?: number[]; sphere?: number[]; region?: number[] } }): TilesetCentre | null {
  const volume = root.boundingVolume ?? {};
  if (volume.region) {
    const [west, south, east, north, minH, maxH] = volume.region;
    return { lonDeg: (((west + east) / 2) * 180) / Math.PI, latDeg: (((south + north) / 2) * 180) / Math.PI, heightEllipsoidalM: (minH + maxH) / 2 };
  }
  const local = volume.box?.slice(0, 3) ?? volume.sphere?.slice(0, 3);
  if (!local) return null;
  const m = root.transform ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const [x, y, z] = [0, 1, 2].map((row) => m[row] * local[0] + m[4 + row] * local[1] + m[8 + row] * local[2] + m[12 + row]);
  if (Math.hypot(x, y, z) < 1000) return null;
  return ecefToGeodetic(x, y, z);
}

const URI_KEYS = new Set(['uri', 'url', 'schemaUri']);

/** Whether a reference in a JSON file of folder `jsonDir` (relative to the tileset root) leaves the tileset folder. */
function leavesTileset(uri: string, jsonDir: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.includes('\\')) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri.split(/[?#]/)[0]);
  } catch {
    return true;
  }
  if (decoded.startsWith('/') || decoded.includes('\\')) return true;
  const resolved = path.posix.normalize(path.posix.join(jsonDir, decoded));
  return resolved === '..' || resolved.startsWith('../');
}

/**
 * The JSON path (`root.children[0].content.uri`) of the first reference in `json` that leaves the tileset folder,
 * or `null` (walked without recursion: the nesting of an uploaded file is not bounded).
 */
export function firstOutsideReference(json: unknown, jsonDir: string): string | null {
  const stack: [unknown, string][] = [[json, '']];
  while (stack.length > 0) {
    const [value, at] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const childAt = Array.isArray(value) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
      if (URI_KEYS.has(key) && typeof child === 'string' && leavesTileset(child, jsonDir)) return childAt;
      stack.push([child, childAt]);
    }
  }
  return null;
}

/** The folder prefix ('' or `top/`) that holds `tileset.json`. @throws {InputError} */
function tilesetPrefix(names: readonly string[]): string {
  if (names.includes('tileset.json')) return '';
  const tops = new Set(names.map((name) => (name.includes('/') ? name.slice(0, name.indexOf('/') + 1) : '')));
  if (tops.size === 1 && !tops.has('')) {
    const [top] = tops;
    if (names.includes(`${top}tileset.json`)) return top;
  }
  throw new InputError('zip: tileset.json must be at the root of the archive or in its one top folder');
}

/** Parses a JSON file of the archive. @throws {InputError} naming it when too large or not JSON */
async function readJsonFile(file: string, name: string): Promise<unknown> {
  if ((await stat(file)).size > MAX_TILESET_JSON_BYTES) throw new InputError(`zip: ${name} is larger than ${MAX_TILESET_JSON_BYTES} bytes`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new InputError(`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Age after which a `.tmp-*` staging folder is a crash's leftover (an upload stages for minutes at most), ms. */
export const STALE_STAGING_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes staging folders (`.tmp-*`) older than `maxAgeMs` from the catalogue's tile folder: what a server killed
 * mid-upload left behind (a live upload's folder is younger). Committed layer folders are never touched.
 * @param folder absolute `TILES_DIR/catalogue`
 * @returns the names removed
 */
export async function sweepStaleStaging(folder: string, maxAgeMs = STALE_STAGING_AGE_MS, nowMs = Date.now()): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((candidate) => candidate.startsWith('.tmp-'))) {
    const info = await stat(path.join(folder, name)).catch(() => null);
    if (info && nowMs - info.mtimeMs > maxAgeMs) {
      await rm(path.join(folder, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

/**
 * Checks a tileset archive, stores it and registers the layer (see module notes).
 * @param zipFile path of the uploaded archive (the caller deletes it)
 * @param options.tilesRoot absolute `TILES_DIR`
 * @param options.limits archive bounds (default {@link TILESET_ZIP_LIMITS})
 * @throws {InputError} for an unsafe or invalid archive or tileset.json (message names the entry or field)
 * @throws {ZipTooLargeError} past {@link TILESET_ZIP_LIMITS}
 * @throws {ScopeError} when the region lies outside the admin's scope
 */
export async function uploadTileset(db: Db, actor: Actor, fields: UploadFields, zipFile: string, options: { tilesRoot: string; fileName: string; limits?: ZipLimits }): Promise<UploadedLayer> {
  const limits = options.limits ?? TILESET_ZIP_LIMITS;
  assertAdministers(actor, fields.regionCode);
  const id = newCatalogueLayerId();
  const folder = path.join(options.tilesRoot, CATALOGUE_TILES_FOLDER);
  const staging = path.join(folder, `.tmp-${id}`);
  const target = path.join(folder, id);
  await mkdir(folder, { recursive: true });
  await sweepStaleStaging(folder);
  try {
    const centre = await withCheckedZip(zipFile, limits, async (entries, zip) => {
      const names = entries.map((e) => e.name);
      const prefix = tilesetPrefix(names);
      for (const name of names) {
        const extension = path.extname(name).toLowerCase();
        if (!(TILESET_FILE_EXTENSIONS as readonly string[]).includes(extension)) {
          throw new InputError(`zip: ${name}: file type ${extension || '(none)'} is not a 3D Tiles content (${TILESET_FILE_EXTENSIONS.join(' ')})`);
        }
        if (!name.startsWith(prefix)) throw new InputError(`zip: ${name} lies outside the tileset folder ${prefix}`);
      }
      const json = entries.find((e) => e.name === `${prefix}tileset.json`)!;
      if (json.uncompressedBytes > MAX_TILESET_JSON_BYTES) throw new InputError(`zip: tileset.json is larger than ${MAX_TILESET_JSON_BYTES} bytes`);
      await extractZipEntries(zip, entries, staging, limits.maxUncompressedBytes, (name) => name.slice(prefix.length));
      let tileset: { asset?: { version?: unknown }; root?: Parameters<typeof rootCentre>[0] & { geometricError?: unknown } };
      try {
        tileset = JSON.parse(await readFile(path.join(staging, 'tileset.json'), 'utf8')) as typeof tileset;
      } catch (error) {
        throw new InputError(`tileset.json: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      const version = tileset.asset?.version;
      if (version !== '1.0' && version !== '1.1') throw new InputError(`tileset.json: asset.version must be "1.0" or "1.1", got ${JSON.stringify(version ?? null)}`);
      if (typeof tileset.root !== 'object' || tileset.root === null || typeof tileset.root.geometricError !== 'number' || !tileset.root.boundingVolume) {
        throw new InputError('tileset.json: root with boundingVolume and geometricError is required');
      }
      for (const name of names.filter((n) => n.toLowerCase().endsWith('.json'))) {
        const relative = name.slice(prefix.length);
        const json = relative === 'tileset.json' ? tileset : await readJsonFile(path.join(staging, ...relative.split('/')), relative);
        const outside = firstOutsideReference(json, path.posix.dirname(relative));
        if (outside) throw new InputError(`${relative}: ${outside} must be a relative path inside the tileset (no scheme, host, leading / or ..)`);
      }
      return rootCentre(tileset.root);
    });
    const url = `/tiles/${CATALOGUE_TILES_FOLDER}/${id}/tileset.json`;
    const where = centre ? ` centred at ${centre.lonDeg.toFixed(6)}°E ${centre.latDeg.toFixed(6)}°N` : '';
    await db.transaction(async (tx) => {
      await insertCatalogueLayer(tx, actor, {
        ...fields,
        id,
        origin: 'uploaded',
        kind: 'external-tileset',
        url,
        source: `Uploaded 3D Tiles archive ${options.fileName.slice(0, 200)}${where}`,
        style: null,
        options: null,
      });
      await rename(staging, target);
    });
    return { id, url, centre };
  } catch (error) {
    // Nothing was committed: drop the staging folder and a folder renamed by a transaction that then failed.
    await rm(staging, { recursive: true, force: true });
    await rm(target, { recursive: true, force: true });
    throw error;
  }
}
