/**
 * The `georef` stage: decides where the model stands on the Earth (anchor, heading, model → ENU → ECEF).
 *
 * Notes (decisions and measured numbers; tests in georef.test.ts compute their control points with proj4
 * directly, not through this code):
 * - Order of trust: `options.placement` > IfcMapConversion / IfcMapConversionScaled (+ IfcProjectedCRS) >
 *   IFC2X3 ePset_MapConversion (parse delivers either in `mapConversion`) > IfcSite RefLatitude/RefLongitude
 *   (when `useSiteRef`) > nothing. With nothing we throw a GeorefError, unless `allowUngeoreferenced`: then
 *   the model is put at `fallbackPlacement` with method 'none' and a warning. We never silently drop a model
 *   at lon/lat 0, 0 (Gulf of Guinea), where nobody would find it.
 * - Map conversion: modelToEnu is the Jacobian of IFC world → (E, N, H) → proj4 lon/lat → ECEF → ENU at the
 *   anchor, by central differences over ±100 m. A plain rotation by the grid bearing is wrong by the meridian
 *   convergence (−0.5508° at the Nanchang sample, EPSG:4548, 115.85°E: 0.96 m at 100 m) and the point scale
 *   factor (1.000152 there, 112 km west of CM 117°E: 1.5 cm per 100 m). Measured against proj4 → ECEF at
 *   ±100 m along local X/Y: horizontal error 0.014 mm, vertical 0.78 mm (Earth curvature, d²/2R, which a
 *   linear map cannot follow); at (70, 70, 30) m: 0.47 mm horizontal (the verticals diverge by d/R).
 * - Scale: see {@link resolveMapScale}. Absent Scale with differing units → unit ratio; inverted Scale (the
 *   buildingSMART geographic-referencing-gk sample: Scale=1000 in a millimetre project) → 1/Scale; both warn.
 * - Heights: OrthogonalHeight and RefElevation are orthometric; there is no geoid model here, so they are used
 *   as ellipsoidal heights and `heightDatum` says so (the geoid separation is metres to tens of metres).
 * - CGCS2000 (EPSG:4490 and its projections 4491–4554) is WGS84-compatible at the decimetre level: used as WGS84
 *   without a warning; the EPSG code is kept in the output.
 * - Datum shifts: epsg-index's `+towgs84` holds EPSG's raw parameters, which proj4 misreads for Coordinate Frame
 *   or non-arc-second sets (EPSG:28992 170 m off); datum-shift.ts converts them (EPSG:28992 then lands on PROJ
 *   within 1 cm) and warns, naming the datum and the expected error, when a datum is not WGS84-compatible and
 *   no shift is known (Xian 1980, New Beijing: tens of metres).
 * - Datum grids proj4js lacks (DHDN's BETA2007.gsb) are replaced by a Helmert fallback with a warning; for the
 *   gk sample (EPSG:31467) the origin lies 1.38 m from the file's own RefLatitude/RefLongitude, and points at
 *   ±100 m match proj4 within 0.005 mm horizontally; heading 285.27° (grid 285.70°, convergence −0.43°).
 * - Cost: 3 ms per call by EPSG code; a CRS given by name reads epsg-index/all.json once (≈ 100 ms).
 * - IfcSite RefLatitude/RefLongitude: the position of the origin of the site's ObjectPlacement (IFC 4.3 IfcSite),
 *   not of the IFC world origin. Fixed 2026-12-06: a site placement holding map coordinates (≈ 1 186 km) was
 *   treated as lying at the reference point's tangent plane 1 186 km away: after re-anchoring at the geometry
 *   the model stood 110 km above the ellipsoid, tilted 10.6°. Now the anchor is the site origin (IFC world
 *   origin only when parse could not resolve the placement; warned), heading from TrueNorth when present,
 *   else 0 (warned). See georef-site.test.ts.
 * - Anchor: the model origin (the map conversion's origin) by default; `input.anchorModelM` moves it to a model
 *   point, e.g. the bounding-box centre of infrastructure models whose map conversion is at E = N = 0 and whose
 *   geometry carries full map coordinates (Bentley EPSG:32119 sample: ≈ 470 km away; a linear map anchored at
 *   E = N = 0 would be kilometres off). modelToEnu then has a translation (anchor → ENU origin).
 * - Headings are the azimuth of IFC +Y (the drawing's plan north; model −Z), clockwise from true north.
 * - Synchronous: the registry reads small JSON files; `await georef(…)` works the same in the pipeline.
 */

import type { StageContext } from '../../stage-context';
import { invariant } from '@kernel/errors';
import { GeorefError } from '../../errors';
import type { RawGeoreference } from '../parse/parsed-model';
import type { Georeference, Placement } from './georeference';
import { ecefToEnu, enuToEcefAt, geodeticToEcef } from './ecef';
import { EPSG_INDEX_REGISTRY, type EpsgRegistry } from './epsg-registry';
import { georeferenceFromMapConversion } from './map-conversion';
import { moveAnchorToModelPoint } from './reanchor';
import { angleDifferenceDeg, headingDegFromTrueNorth, ifcAxesForHeading, modelToEnuFromIfcAxes } from './model-frame';
import { DATUM_GRID_FALLBACKS, type DatumGridFallback } from './projected-crs';

/** Input of the `georef` stage: the parts of the ParsedModel it needs. */
export interface GeorefInput {
  fileName: string;
  /** Metres per project length unit (0.001 for mm). */
  lengthUnitM: number;
  georeference: RawGeoreference;
  /**
   * Model point (model frame, Y-up metres) to put the anchor at. Default: the model origin `[0, 0, 0]`, except
   * for an IfcSite reference, whose default anchor is the site's reference point (its placement origin). Pass
   * the geometry's bounding-box centre when it lies far (> 1 km) from the origin, e.g. infrastructure files
   * whose IfcMapConversion is at E = N = 0 and whose geometry carries full map coordinates.
   */
  anchorModelM?: [number, number, number];
}

/** Options of the `georef` stage; every field but `placement` has a default in {@link GEOREF_DEFAULTS}. */
export interface GeorefOptions {
  /** Overrides all IFC georeferencing (CLI `--lon --lat --height --heading`). */
  placement?: Placement;
  /** Use IfcSite RefLatitude/RefLongitude when there is no map conversion. */
  useSiteRef?: boolean;
  /** Place a model without any georeferencing at `fallbackPlacement` (method 'none') instead of throwing. */
  allowUngeoreferenced?: boolean;
  /** Where an ungeoreferenced model goes when `allowUngeoreferenced`. */
  fallbackPlacement?: Placement;
  /** Source of EPSG definitions (injected; tests pass a fake). */
  epsgRegistry?: EpsgRegistry;
  /** Helmert stand-ins for datum grids proj4js cannot load, by grid file name. */
  datumGridFallbacks?: Readonly<Record<string, DatumGridFallback>>;
  /** Relative tolerance when matching IfcMapConversion.Scale to the unit ratio (dimensionless). */
  scaleTolerance?: number;
  /** Half-width of the central differences that build modelToEnu, metres. */
  jacobianStepM?: number;
  /** Warn when IfcSite RefLatitude/RefLongitude lies further than this from the map conversion origin, metres. */
  siteMismatchWarnM?: number;
  /** Warn when TrueNorth disagrees with the map conversion heading by more than this, degrees. */
  trueNorthMismatchWarnDeg?: number;
}

/**
 * Default placement for `allowUngeoreferenced`: the Nanchang Honggutan demo parcel origin (the
 * nanchang-residential-sample's map conversion origin), height 0 m, heading 0°.
 */
export const NANCHANG_DEMO_PLACEMENT: Placement = { lonDeg: 115.8529484, latDeg: 28.6931596, heightM: 0, headingDeg: 0 };

/** Defaults of {@link GeorefOptions} (`undefined` in the caller's options never overrides them). */
export const GEOREF_DEFAULTS = {
  useSiteRef: true,
  allowUngeoreferenced: false,
  fallbackPlacement: NANCHANG_DEMO_PLACEMENT,
  epsgRegistry: EPSG_INDEX_REGISTRY,
  datumGridFallbacks: DATUM_GRID_FALLBACKS,
  scaleTolerance: 0.01,
  jacobianStepM: 100,
  siteMismatchWarnM: 10,
  trueNorthMismatchWarnDeg: 1,
} satisfies Required<Omit<GeorefOptions, 'placement'>>;

type ResolvedOptions = typeof GEOREF_DEFAULTS & { placement: Placement | undefined };

function resolveOptions(options: GeorefOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...GEOREF_DEFAULTS, placement: undefined, ...defined } as ResolvedOptions;
}

/** A rigid placement (no scale): anchor + heading of IFC +Y. */
function georeferenceFromHeading(
  fileName: string,
  what: string,
  method: Georeference['method'],
  anchor: { lonDeg: number; latDeg: number; heightM: number },
  headingDeg: number,
  heightDatum: string,
  warnings: string[],
): Georeference {
  const { lonDeg, latDeg, heightM } = anchor;
  const bad = (field: string, value: number, range: string) =>
    new GeorefError(`${fileName}: ${what} ${field} ${value} is outside ${range}`, { context: { file: fileName, [field]: value } });
  if (!Number.isFinite(latDeg) || Math.abs(latDeg) > 90) throw bad('latitude', latDeg, '−90..90°');
  if (!Number.isFinite(lonDeg) || Math.abs(lonDeg) > 180) throw bad('longitude', lonDeg, '−180..180°');
  if (!Number.isFinite(heightM)) throw bad('height', heightM, 'the finite numbers');
  if (!Number.isFinite(headingDeg)) throw bad('heading', headingDeg, 'the finite numbers');
  const normalisedHeadingDeg = ((headingDeg % 360) + 360) % 360;
  const [ifcXEnu, ifcYEnu, ifcZEnu] = ifcAxesForHeading(normalisedHeadingDeg);
  return {
    method,
    anchor: { lonDeg, latDeg, heightM },
    heightDatum,
    headingDeg: normalisedHeadingDeg,
    epsg: null,
    modelToEnu: modelToEnuFromIfcAxes(ifcXEnu, ifcYEnu, ifcZEnu),
    enuToEcef: enuToEcefAt(lonDeg, latDeg, heightM),
    warnings,
  };
}

/**
 * IfcSite RefLatitude/RefLongitude/RefElevation: the geographic position of the origin of the site's local
 * placement (IFC 4.3 IfcSite). The anchor is that point — model frame (ox, oz, −oy) for a site placement whose
 * IFC world origin is (ox, oy, oz) metres — and the model is rigid in the tangent plane there, turned by
 * TrueNorth (a direction in the IFC world XY plane, so the site placement's own rotation does not enter).
 */
function siteReferenceGeoreference(fileName: string, raw: RawGeoreference): Georeference {
  const site = raw.siteReference;
  invariant(site !== null, 'siteReferenceGeoreference needs raw.siteReference, got null');
  const placement = site.placementM ?? null;
  const warnings = [
    placement
      ? 'georef: placed by IfcSite RefLatitude/RefLongitude at the origin of the site placement'
      : 'georef: placed by IfcSite RefLatitude/RefLongitude; the site placement could not be resolved, so its reference point is assumed to be the IFC world origin',
    `georef: RefElevation ${site.elevationM} m is orthometric; used as ellipsoidal height, no geoid model applied`,
  ];
  const trueNorthHeadingDeg = raw.trueNorth ? headingDegFromTrueNorth(raw.trueNorth) : null;
  if (trueNorthHeadingDeg === null) warnings.push('georef: no usable TrueNorth; plan north (IFC +Y) assumed to point to true north');
  const result = georeferenceFromHeading(
    fileName,
    'IfcSite RefLatitude/RefLongitude',
    'IfcSite.RefLatitude',
    { lonDeg: site.longitudeDeg, latDeg: site.latitudeDeg, heightM: site.elevationM },
    trueNorthHeadingDeg ?? 0,
    'orthometric (IfcSite.RefElevation) used as ellipsoidal; no geoid model',
    warnings,
  );
  if (placement) {
    // IFC world (ox, oy, oz) → model (ox, oz, −oy); translation −R·origin puts the site origin on the ENU origin.
    const originModelM = [placement[12], placement[14], -placement[13]];
    invariant(originModelM.every(Number.isFinite), `site placement origin must be finite metres, got ${originModelM}`);
    const m = result.modelToEnu;
    for (let i = 0; i < 3; i++) m[12 + i] = -(m[i] * originModelM[0] + m[4 + i] * originModelM[1] + m[8 + i] * originModelM[2]);
  }
  return result;
}

/** Cross-checks a map-conversion result against the file's other (lower-trust) georeferencing. */
function crossCheck(result: Georeference, raw: RawGeoreference, options: ResolvedOptions): string[] {
  const warnings: string[] = [];
  const site = raw.siteReference;
  if (site && Math.abs(site.latitudeDeg) <= 90 && Math.abs(site.longitudeDeg) <= 180) {
    // RefLatitude/RefLongitude locate the site placement's origin (IFC world (ox, oy, oz) → model (ox, oz, −oy)).
    const p = site.placementM ?? null;
    const [x, y, z] = p ? [p[12], p[14], -p[13]] : [0, 0, 0];
    const m = result.modelToEnu;
    const siteOriginEnu = [0, 1].map((i) => m[i] * x + m[4 + i] * y + m[8 + i] * z + m[12 + i]);
    const siteEnu = ecefToEnu(result.enuToEcef, geodeticToEcef(site.longitudeDeg, site.latitudeDeg, result.anchor.heightM));
    const distanceM = Math.hypot(siteEnu[0] - siteOriginEnu[0], siteEnu[1] - siteOriginEnu[1]);
    if (distanceM > options.siteMismatchWarnM) {
      warnings.push(`georef: IfcSite RefLatitude/RefLongitude lies ${distanceM.toFixed(1)} m from where the map conversion puts the site placement's origin; the map conversion wins`);
    }
  }
  // TrueNorth (0, 1) is what most exporters write by default, whatever the map conversion says: not a signal.
  const isDefaultTrueNorth = raw.trueNorth !== null && raw.trueNorth[0] === 0 && raw.trueNorth[1] > 0;
  const trueNorthHeadingDeg = raw.trueNorth && !isDefaultTrueNorth ? headingDegFromTrueNorth(raw.trueNorth) : null;
  if (trueNorthHeadingDeg !== null) {
    const differenceDeg = angleDifferenceDeg(trueNorthHeadingDeg, result.headingDeg);
    if (Math.abs(differenceDeg) > options.trueNorthMismatchWarnDeg) {
      warnings.push(`georef: TrueNorth implies heading ${trueNorthHeadingDeg.toFixed(3)}°, the map conversion ${result.headingDeg.toFixed(3)}°; the map conversion wins`);
    }
  }
  return warnings;
}

/**
 * Runs the `georef` stage: interprets the file's georeferencing (or the user's placement) as an ENU anchor,
 * a model → ENU matrix and the ENU → ECEF root transform.
 *
 * @param input file name, metres per project length unit (> 0) and the raw georeferencing from `parse`
 * @param options placement override, fallbacks, injected EPSG registry; see {@link GEOREF_DEFAULTS}
 * @param ctx logger (warnings are logged and returned in `Georeference.warnings`, not added to `ctx.report`)
 * @returns anchor (degrees, metres), heading (degrees clockwise from true north, of IFC +Y), column-major
 *   modelToEnu (model Y-up metres → ENU metres) and enuToEcef (ENU → WGS84 ECEF metres)
 * @throws {GeorefError} unknown CRS (names the CRS and the file), zero-length X axis, contradictory Scale,
 *   latitude/longitude out of range, or no georeferencing without `allowUngeoreferenced`
 * @see IFC 4.3 IfcMapConversion, IfcMapConversionScaled, IfcProjectedCRS, IfcSite.RefLatitude; IFC2X3
 *   ePset_MapConversion; EPSG Guidance Note 7-2 §4.1.1–4.1.2; 3D Tiles 1.1 tileset `transform`
 * @example
 * const g = georef({ fileName, lengthUnitM: model.lengthUnitM, georeference: model.georeference }, {}, ctx);
 * tileset.root.transform = g.enuToEcef; // content already multiplied by g.modelToEnu
 */
export function georef(input: GeorefInput, options: GeorefOptions, ctx: StageContext): Georeference {
  const { fileName, lengthUnitM, georeference: raw } = input;
  const anchorModelM = input.anchorModelM ?? [0, 0, 0];
  invariant(Number.isFinite(lengthUnitM) && lengthUnitM > 0, `lengthUnitM must be a positive number of metres, got ${lengthUnitM}`);
  invariant(anchorModelM.length === 3 && anchorModelM.every(Number.isFinite), `anchorModelM must be 3 finite metres, got ${anchorModelM}`);
  const resolved = resolveOptions(options);
  let result: Georeference;
  if (resolved.placement) {
    const p = resolved.placement;
    const overridden = raw.mapConversion ? raw.mapConversion.source : raw.siteReference ? 'IfcSite RefLatitude/RefLongitude' : null;
    result = georeferenceFromHeading(fileName, 'placement', 'placement', p, p.headingDeg, 'as given by the user (treated as ellipsoidal)',
      overridden ? [`georef: the user's placement overrides the file's ${overridden}`] : []);
    result = moveAnchorToModelPoint(result, anchorModelM);
  } else if (raw.mapConversion) {
    result = georeferenceFromMapConversion(fileName, lengthUnitM, raw, resolved, anchorModelM);
    result.warnings.push(...crossCheck(result, raw, resolved));
  } else if (raw.siteReference && resolved.useSiteRef) {
    // Without an explicit anchor, the site reference point itself is the anchor (not the IFC world origin).
    const atSite = siteReferenceGeoreference(fileName, raw);
    result = input.anchorModelM ? moveAnchorToModelPoint(atSite, input.anchorModelM) : atSite;
  } else if (resolved.allowUngeoreferenced) {
    const p = resolved.fallbackPlacement;
    result = georeferenceFromHeading(fileName, 'fallback placement', 'none', p, p.headingDeg, 'fallback placement (treated as ellipsoidal)', [
      `georef: ${fileName} has no georeferencing; placed at the fallback (${p.lonDeg}°, ${p.latDeg}°, ${p.heightM} m, heading ${p.headingDeg}°) for display only`,
    ]);
    result = moveAnchorToModelPoint(result, anchorModelM);
  } else {
    throw new GeorefError(
      `${fileName}: no georeferencing (no IfcMapConversion, ePset_MapConversion or usable IfcSite RefLatitude/RefLongitude); pass --lon/--lat`,
      { context: { file: fileName } },
    );
  }
  for (const warning of result.warnings) ctx.logger.warn(warning);
  const { lonDeg, latDeg, heightM } = result.anchor;
  ctx.logger.info(
    `georef: ${result.method}${result.epsg ? ` EPSG:${result.epsg}` : ''} anchor ${lonDeg.toFixed(7)}°, ${latDeg.toFixed(7)}°, ${heightM.toFixed(3)} m, heading ${result.headingDeg.toFixed(4)}°`,
  );
  return result;
}
