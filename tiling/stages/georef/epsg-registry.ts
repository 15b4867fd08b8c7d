/**
 * The EPSG registry the `georef` stage reads CRS definitions from: an injected dependency (tests pass a
 * two-entry fake), with a default built on the `epsg-index` package (8,112 EPSG entries with proj4 strings).
 *
 * Notes: `epsg-index` ships one small JSON per code (`epsg-index/s/<code>.json`, ≈ 2 KB) and one 8 MB
 * `all.json`. Look-ups by code read only the one small file; look-ups by name (e.g. an IfcProjectedCRS named
 * `CGCS2000 / 3-degree Gauss-Kruger CM 117E` instead of `EPSG:4548`) read `all.json` once, on first use.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InvariantError } from '@kernel/errors';

/** One coordinate reference system as the registry knows it. */
export interface CrsDefinition {
  epsg: number;
  /** EPSG name, e.g. `CGCS2000 / 3-degree Gauss-Kruger CM 117E`. */
  name: string;
  /** proj4 definition string, e.g. `+proj=tmerc +lat_0=0 +lon_0=117 … +units=m`. */
  proj4: string;
  /** Area of use `[north, west, south, east]`, degrees; null when unknown. */
  areaOfUseDeg: [number, number, number, number] | null;
  /** Geodetic datum as the EPSG WKT1 names it (e.g. `Amersfoort`, `Xian_1980`); null or absent when unknown. */
  datum?: string | null;
}

/** Source of CRS definitions, injected into the `georef` stage through its options. */
export interface EpsgRegistry {
  /** The definition of an EPSG code, or null when the registry does not know it (or it has no proj4 string). */
  byCode(epsg: number): CrsDefinition | null;
  /**
   * The definition whose EPSG name matches, ignoring case, spacing and the spelling of Krüger/Kruger/Krueger;
   * null when none does.
   */
  byName(name: string): CrsDefinition | null;
}

interface EpsgIndexEntry {
  code: string;
  name: string;
  proj4: string | null;
  bbox: [number, number, number, number] | null;
  wkt?: string | null;
}

/**
 * Normalises a CRS name for comparison: lower case, `ü`/`ue` in Krüger → `u`, runs of space collapsed.
 *
 * @param name a CRS name as written in a file or the registry
 * @returns the comparison key
 * @see IfcCoordinateReferenceSystem.Name (IFC4)
 */
export function normaliseCrsName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKC')
    .replace(/kr(ü|ue)ger/g, 'kruger')
    .replace(/\s+/g, ' ')
    .trim();
}

function toDefinition(entry: EpsgIndexEntry | undefined): CrsDefinition | null {
  if (!entry || typeof entry.proj4 !== 'string' || entry.proj4.length === 0) return null;
  return {
    epsg: Number(entry.code),
    name: entry.name,
    proj4: entry.proj4,
    areaOfUseDeg: Array.isArray(entry.bbox) && entry.bbox.length === 4 ? entry.bbox : null,
    datum: typeof entry.wkt === 'string' ? /DATUM\["([^"]+)"/.exec(entry.wkt)?.[1] ?? null : null,
  };
}

/**
 * Creates a registry backed by the `epsg-index` package (files are read lazily and cached in the returned
 * object, so create it once and reuse it).
 *
 * @returns a registry whose `byCode` reads `epsg-index/s/<code>.json` and whose `byName` reads `all.json` once
 * @throws {InvariantError} from `byCode` when the epsg-index install is broken (a file exists but cannot be read)
 * @see https://github.com/derhuerst/epsg-index
 * @example
 * const registry = createEpsgIndexRegistry();
 * registry.byCode(4548)?.proj4; // '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 …'
 */
export function createEpsgIndexRegistry(): EpsgRegistry {
  const require = createRequire(import.meta.url);
  const byCodeCache = new Map<number, CrsDefinition | null>();
  let byNameIndex: Map<string, CrsDefinition> | null = null;

  const readJson = (specifier: string): unknown => JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));

  return {
    byCode(epsg) {
      if (!Number.isInteger(epsg) || epsg <= 0) return null;
      const cached = byCodeCache.get(epsg);
      if (cached !== undefined) return cached;
      let definition: CrsDefinition | null;
      try {
        definition = toDefinition(readJson(`epsg-index/s/${epsg}.json`) as EpsgIndexEntry);
      } catch (error) {
        // Only "no such code" is an expected miss; anything else (broken install) must surface.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'MODULE_NOT_FOUND' && code !== 'ENOENT') {
          throw new InvariantError(`EPSG:${epsg}: cannot read epsg-index/s/${epsg}.json (${(error as Error).message})`, {
            context: { epsg },
            cause: error,
          });
        }
        definition = null;
      }
      byCodeCache.set(epsg, definition);
      return definition;
    },
    byName(name) {
      if (byNameIndex === null) {
        byNameIndex = new Map();
        const all = readJson('epsg-index/all.json') as Record<string, EpsgIndexEntry>;
        for (const entry of Object.values(all)) {
          const definition = toDefinition(entry);
          // Keys iterate in ascending code order; keep the lowest code when two entries share a name.
          const key = definition ? normaliseCrsName(definition.name) : '';
          if (definition && !byNameIndex.has(key)) byNameIndex.set(key, definition);
        }
      }
      return byNameIndex.get(normaliseCrsName(name)) ?? null;
    },
  };
}

/** The default registry used when `GeorefOptions.epsgRegistry` is not given (lazy: reads nothing until asked). */
export const EPSG_INDEX_REGISTRY: EpsgRegistry = createEpsgIndexRegistry();
