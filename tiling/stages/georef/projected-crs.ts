/**
 * Resolves an IfcProjectedCRS (or IFC2X3 ePset_ProjectedCRS) to an EPSG definition that proj4 can run.
 *
 * Notes:
 * - Names seen in real files: `EPSG:4548`, `urn:ogc:def:crs:EPSG::4548`, the EPSG name itself
 *   (`CGCS2000 / 3-degree Gauss-Kruger CM 117E`), and Bentley's `Name='NC83'` with `MapProjection='EPSG'`,
 *   `MapZone='32119'`. All four are accepted, in that order of trust, then an EPSG code or EPSG name in the
 *   Description.
 * - Some EPSG definitions need a datum-shift grid (`+nadgrids=BETA2007.gsb` for DHDN, EPSG:31467), which
 *   proj4js does not have: it then returns NaN (after printing to the console). We replace such a grid with a
 *   known Helmert `+towgs84` from {@link DATUM_GRID_FALLBACKS} and warn (accuracy: metres), or throw.
 * - Helmert shifts (`+towgs84`) are rewritten into proj4's convention by {@link datumShiftOf} (epsg-index
 *   carries EPSG's raw parameters; EPSG:28992 would land 170 m off as written); a datum that is not
 *   WGS84-compatible and has no shift is warned about with the expected error (see datum-shift.ts).
 */

import type { RawGeoreference } from '../parse/parsed-model';
import { GeorefError } from '../../errors';
import { datumShiftOf, type DatumShift } from './datum-shift';
import type { CrsDefinition, EpsgRegistry } from './epsg-registry';

/** Helmert parameters that stand in for a datum-shift grid proj4js cannot load. */
export interface DatumGridFallback {
  /** proj4 `+towgs84` value (position-vector convention: tx,ty,tz m, rx,ry,rz arc-seconds, ds ppm). */
  towgs84: string;
  /** Where the parameters come from and how good they are. */
  source: string;
}

/** Grid file name (as in `+nadgrids=`) → Helmert fallback. */
export const DATUM_GRID_FALLBACKS: Readonly<Record<string, DatumGridFallback>> = {
  'BETA2007.gsb': {
    towgs84: '598.1,73.7,418.2,0.202,0.045,-2.455,6.7',
    source: 'DHDN → WGS 84 7-parameter Helmert (EPSG:1777 "DHDN to WGS 84 (2)", as in the PROJ 4 epsg init file), accuracy ≈ 3 m',
  },
  // OSGB36 / British National Grid (EPSG:27700), the usual CRS of UK BIM models. Position Vector, arc-seconds.
  'OSTN15_NTv2_OSGBtoETRS.gsb': {
    towgs84: '446.448,-125.157,542.06,0.15,0.247,0.842,-20.489',
    source: 'OSGB36 → WGS 84 7-parameter Helmert (EPSG:1314 "OSGB36 to WGS 84 (6)", what PROJ uses without the grid), accuracy ≈ 2 m',
  },
};

/** A CRS ready for proj4, with the unit its coordinates are in. */
export interface ResolvedCrs {
  definition: CrsDefinition;
  /** proj4 string to run (may differ from `definition.proj4` by a grid fallback). */
  proj4: string;
  /** Metres per unit of the CRS's own axes (from `+units=` / `+to_meter=`). */
  crsUnitM: number;
  /** How the CRS's datum reaches WGS84 (see datum-shift.ts). */
  datumShift: DatumShift;
  /**
   * For a 7-parameter shift of unknown rotation convention: `proj4` with the other convention, so the caller can
   * state the ambiguity in metres at its anchor; null otherwise.
   */
  alternativeProj4: string | null;
  warnings: string[];
}

const UNIT_M: Readonly<Record<string, number>> = {
  m: 1,
  km: 1000,
  cm: 0.01,
  mm: 0.001,
  ft: 0.3048,
  'us-ft': 1200 / 3937,
  'ind-ft': 0.30479841,
};

/**
 * Finds the EPSG code a projected CRS refers to, from its name or Bentley-style MapProjection/MapZone.
 *
 * @param crs the raw projected CRS of the file
 * @param registry EPSG registry (only used for names that are not `EPSG:nnnn`)
 * @returns the definition, or null when nothing matches
 * @see IfcProjectedCRS (Name, MapProjection, MapZone); EPSG registry
 */
export function findCrsDefinition(
  crs: NonNullable<RawGeoreference['projectedCrs']>,
  registry: EpsgRegistry,
): CrsDefinition | null {
  const name = crs.name.trim();
  const explicit =
    /^EPSG\s*:{1,2}\s*(\d+)$/i.exec(name) ??
    /^urn:ogc:def:crs:EPSG:[\d.]*:(\d+)$/i.exec(name) ??
    /opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d+)$/i.exec(name);
  if (explicit) return registry.byCode(Number(explicit[1]));
  if (crs.mapProjection?.trim().toUpperCase() === 'EPSG' && /^\d+$/.test(crs.mapZone?.trim() ?? '')) {
    return registry.byCode(Number(crs.mapZone?.trim()));
  }
  const byName = registry.byName(name);
  if (byName) return byName;
  const embedded = /\bEPSG\s*:{0,2}\s*(\d{4,5})\b/i.exec(name);
  if (embedded) return registry.byCode(Number(embedded[1]));
  // Last resort: the Description (e.g. `EPSG:32760 - WGS 84 / UTM zone 60S`, or the EPSG name).
  const description = crs.description?.trim();
  if (!description) return null;
  const inDescription = /\bEPSG\s*:{0,2}\s*(\d{4,5})\b/i.exec(description);
  return inDescription ? registry.byCode(Number(inDescription[1])) : registry.byName(description);
}

/**
 * Resolves the projected CRS of a map conversion to a runnable proj4 definition.
 *
 * @param crs the raw IfcProjectedCRS / ePset_ProjectedCRS (null when the file has none)
 * @param registry EPSG registry
 * @param fileName input file, for messages
 * @param gridFallbacks grid name → Helmert stand-in
 * @returns the definition, the proj4 string to run, its unit (metres per unit) and warnings
 * @throws {GeorefError} when the CRS is missing, unknown, geographic (not projected), or needs a datum-shift
 *   grid that has no fallback; the message names the CRS and the file
 * @see IFC 4.3 IfcProjectedCRS; EPSG registry
 */
export function resolveProjectedCrs(
  crs: RawGeoreference['projectedCrs'],
  registry: EpsgRegistry,
  fileName: string,
  gridFallbacks: Readonly<Record<string, DatumGridFallback>>,
): ResolvedCrs {
  if (!crs) {
    throw new GeorefError(`${fileName}: the map conversion has no IfcProjectedCRS, so its eastings/northings cannot be placed`, {
      context: { file: fileName },
    });
  }
  const definition = findCrsDefinition(crs, registry);
  if (!definition) {
    throw new GeorefError(
      `${fileName}: unknown coordinate reference system '${crs.name}' (not an EPSG code or EPSG name we know); pass --lon/--lat instead`,
      { context: { file: fileName, crs: crs.name, mapProjection: crs.mapProjection, mapZone: crs.mapZone } },
    );
  }
  if (/\+proj=(longlat|latlong|lonlat|latlon|geocent)\b/.test(definition.proj4)) {
    throw new GeorefError(`${fileName}: CRS '${crs.name}' (EPSG:${definition.epsg}) is not a projected CRS`, {
      context: { file: fileName, crs: crs.name, epsg: definition.epsg },
    });
  }
  const warnings: string[] = [];
  let proj4 = definition.proj4;
  let gridShift: DatumShift | null = null;
  const grid = /\+nadgrids=(\S+)/.exec(proj4);
  if (grid) {
    // `@name` grids are optional in PROJ syntax; proj4js skips them when absent.
    const mandatory = grid[1].split(',').filter((g) => !g.startsWith('@'));
    const missing = mandatory.filter((g) => gridFallbacks[g] === undefined);
    if (missing.length > 0) {
      throw new GeorefError(
        `${fileName}: EPSG:${definition.epsg} (${definition.name}) needs the datum-shift grid ${missing.join(', ')}, which is not available`,
        { context: { file: fileName, epsg: definition.epsg, grids: missing } },
      );
    }
    if (mandatory.length > 0) {
      const fallback = gridFallbacks[mandatory[0]];
      proj4 = proj4.replace(/\+nadgrids=\S+/, `+towgs84=${fallback.towgs84}`);
      gridShift = { kind: 'shift', datum: (definition.datum ?? 'unknown').replace(/_/g, ' '), towgs84: fallback.towgs84, alternativeTowgs84: null, warnings: [] };
      warnings.push(
        `georef: EPSG:${definition.epsg} needs grid ${mandatory[0]}, which is not available; used instead: ${fallback.source}`,
      );
    }
  }
  const toMeter = /\+to_meter=([\d.eE+-]+)/.exec(proj4);
  const units = /\+units=(\S+)/.exec(proj4);
  const crsUnitM = toMeter ? Number(toMeter[1]) : units ? UNIT_M[units[1]] ?? Number.NaN : 1;
  if (!(crsUnitM > 0)) {
    throw new GeorefError(`${fileName}: EPSG:${definition.epsg} uses a length unit we cannot convert ('${units?.[1]}')`, {
      context: { file: fileName, epsg: definition.epsg },
    });
  }
  // CGCS2000 (EPSG:4490, 4491–4554) is WGS84-compatible at the decimetre level: no shift, no warning (datum-shift.ts).
  const datumShift = gridShift ?? datumShiftOf(definition);
  warnings.push(...datumShift.warnings);
  let alternativeProj4: string | null = null;
  if (gridShift === null && datumShift.towgs84 !== null) {
    proj4 = proj4.replace(/\+towgs84=\S+/, `+towgs84=${datumShift.towgs84}`);
    if (datumShift.alternativeTowgs84 !== null) alternativeProj4 = proj4.replace(/\+towgs84=\S+/, `+towgs84=${datumShift.alternativeTowgs84}`);
  }
  return { definition, proj4, crsUnitM, datumShift, alternativeProj4, warnings };
}
