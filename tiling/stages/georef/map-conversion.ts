/**
 * IfcMapConversion / IfcMapConversionScaled / ePset_MapConversion → {@link Georeference}.
 *
 * Maths (IFC world coordinates x, y, z in project length units; a, o = normalised XAxisAbscissa/Ordinate;
 * s = resolved Scale; fX, fY, fZ = IfcMapConversionScaled factors, 1 otherwise):
 *   E = Eastings + s·(fX·x·a − fY·y·o),  N = Northings + s·(fX·x·o + fY·y·a),  H = OrthogonalHeight + s·fZ·z
 * then (E, N) → lon/lat with proj4 (float64) and (lon, lat, H) → ECEF → ENU at the anchor. The anchor is the
 * conversion's origin (IFC world 0, 0, 0) unless the caller names another model point (infrastructure files
 * often keep the origin at E = N = 0 and the geometry hundreds of kilometres away, see the Bentley and ACCA
 * samples). The linear model → ENU map is the Jacobian of that chain at the anchor, by central differences
 * over ±`jacobianStepM`; it therefore carries the meridian convergence and the point scale factor exactly.
 */

import type { RawGeoreference } from '../parse/parsed-model';
import { GeorefError } from '../../errors';
import type { Georeference, MapProjectionChain } from './georeference';
import { ecefToEnu, enuToEcefAt, geodeticToEcef } from './ecef';
import type { EpsgRegistry } from './epsg-registry';
import { localAffineAt, modelToGeodeticMap, type PointMap } from './exact-projection';
import { azimuthDegFromEnu, type Vec3 } from './model-frame';
import { resolveProjectedCrs, type DatumGridFallback } from './projected-crs';

type RawMapConversion = NonNullable<RawGeoreference['mapConversion']>;

/** How the IfcMapConversion Scale was read. */
export interface MapScale {
  /** Map units per project length unit actually applied. */
  mapUnitsPerProjectUnit: number;
  /** Why it differs from the written value, or null when the written (or spec default) value was used. */
  warning: string | null;
}

/**
 * Decides the effective map-units-per-project-unit factor from the written Scale.
 *
 * Rule (u = lengthUnitM / mapUnitM, the pure unit conversion; `tolerance` default 0.01):
 * 1. Scale absent: u (equal to the spec default 1 when the units agree). Exporters such as Revit omit Scale
 *    in millimetre projects, where the spec default would put every point 1000× too far; we warn.
 * 2. Scale within ±tolerance of u: as written (a real grid scale factor rides on top of u).
 * 3. 1/Scale within ±tolerance of u: Scale was written inverted (buildingSMART's geographic-referencing-gk
 *    sample has Scale=1000 in a millimetre project); use 1/Scale and warn.
 * 4. Scale within ±tolerance of 1 while u ≠ 1: Scale is a pure grid factor and the unit conversion was left
 *    implicit; use Scale·u and warn.
 * 5. Anything else: contradictory; throw.
 *
 * @param scale IfcMapConversion.Scale as written (null when absent)
 * @param lengthUnitM metres per project length unit (0.001 for mm)
 * @param mapUnitM metres per map unit (1 for metres)
 * @param fileName input file, for messages
 * @param tolerance relative tolerance of "close to", dimensionless, e.g. 0.01
 * @returns the factor to apply and an optional warning
 * @throws {GeorefError} for a non-positive, non-finite or contradictory Scale
 * @see IFC 4.3 IfcMapConversion.Scale; buildingSMART/IFC4.x-development#962 (Scale must hold the unit ratio)
 */
export function resolveMapScale(
  scale: number | null,
  lengthUnitM: number,
  mapUnitM: number,
  fileName: string,
  tolerance: number,
): MapScale {
  const unitRatio = lengthUnitM / mapUnitM;
  const close = (value: number, target: number) => Math.abs(value / target - 1) <= tolerance;
  if (scale === null) {
    return {
      mapUnitsPerProjectUnit: unitRatio,
      warning: close(unitRatio, 1)
        ? null
        : `georef: IfcMapConversion.Scale is absent although the project unit (${lengthUnitM} m) differs from the map unit (${mapUnitM} m); used ${unitRatio} (the unit ratio), not the spec default 1`,
    };
  }
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new GeorefError(`${fileName}: IfcMapConversion.Scale must be a positive number, got ${scale}`, {
      context: { file: fileName, scale },
    });
  }
  if (close(scale, unitRatio)) return { mapUnitsPerProjectUnit: scale, warning: null };
  if (close(1 / scale, unitRatio)) {
    return {
      mapUnitsPerProjectUnit: 1 / scale,
      warning: `georef: IfcMapConversion.Scale=${scale} looks inverted for project unit ${lengthUnitM} m → map unit ${mapUnitM} m; used 1/Scale = ${1 / scale}`,
    };
  }
  if (close(scale, 1)) {
    return {
      mapUnitsPerProjectUnit: scale * unitRatio,
      warning: `georef: IfcMapConversion.Scale=${scale} carries no unit conversion for project unit ${lengthUnitM} m → map unit ${mapUnitM} m; used Scale × ${unitRatio}`,
    };
  }
  throw new GeorefError(
    `${fileName}: IfcMapConversion.Scale=${scale} contradicts the project unit (${lengthUnitM} m) and map unit (${mapUnitM} m), which need ≈ ${unitRatio}`,
    { context: { file: fileName, scale, lengthUnitM, mapUnitM } },
  );
}

/** Settings of {@link georeferenceFromMapConversion}; see `GeorefOptions` for their meaning. */
export interface MapConversionSettings {
  epsgRegistry: EpsgRegistry;
  datumGridFallbacks: Readonly<Record<string, DatumGridFallback>>;
  scaleTolerance: number;
  jacobianStepM: number;
}

function positiveFactor(value: number | null, name: string, fileName: string): number {
  if (value === null) return 1;
  if (!Number.isFinite(value) || value <= 0) {
    throw new GeorefError(`${fileName}: IfcMapConversionScaled.${name} must be a positive number, got ${value}`, {
      context: { file: fileName, [name]: value },
    });
  }
  return value;
}

/**
 * Places the model with its map conversion, ENU at the anchor.
 *
 * @param fileName input file, for messages
 * @param lengthUnitM metres per project length unit
 * @param raw the raw georeference (its `mapConversion` must be set)
 * @param settings registry, grid fallbacks, scale tolerance and Jacobian step
 * @param anchorModelM the model point (model frame, Y-up metres) that becomes the anchor; `[0, 0, 0]` is the
 *   map conversion's origin
 * @returns the georeference (method = the conversion's source), with warnings; `modelToEnu` maps
 *   `anchorModelM` to the ENU origin
 * @throws {GeorefError} unknown or unusable CRS, zero-length X axis, non-finite parameters, contradictory
 *   Scale, or a projection result that is not a valid position
 * @see IFC 4.3 IfcMapConversion, IfcMapConversionScaled; IFC2X3 ePset_MapConversion
 */
export function georeferenceFromMapConversion(
  fileName: string,
  lengthUnitM: number,
  raw: RawGeoreference,
  settings: MapConversionSettings,
  anchorModelM: Vec3 = [0, 0, 0],
): Georeference {
  const mc: RawMapConversion | null = raw.mapConversion;
  if (!mc) throw new GeorefError(`${fileName}: no map conversion to apply`, { context: { file: fileName } });
  for (const [name, value] of Object.entries({ Eastings: mc.eastings, Northings: mc.northings, OrthogonalHeight: mc.orthogonalHeight })) {
    if (!Number.isFinite(value)) {
      throw new GeorefError(`${fileName}: ${mc.source}.${name} must be a finite number, got ${value}`, { context: { file: fileName } });
    }
  }
  const axisLength = Math.hypot(mc.xAxisAbscissa, mc.xAxisOrdinate);
  if (!Number.isFinite(axisLength) || axisLength < 1e-12) {
    throw new GeorefError(
      `${fileName}: ${mc.source} X axis (XAxisAbscissa=${mc.xAxisAbscissa}, XAxisOrdinate=${mc.xAxisOrdinate}) has zero length`,
      { context: { file: fileName, xAxisAbscissa: mc.xAxisAbscissa, xAxisOrdinate: mc.xAxisOrdinate } },
    );
  }
  const cosA = mc.xAxisAbscissa / axisLength;
  const sinA = mc.xAxisOrdinate / axisLength;

  const crs = resolveProjectedCrs(raw.projectedCrs, settings.epsgRegistry, fileName, settings.datumGridFallbacks);
  const warnings = [...crs.warnings];
  const mapUnitM = raw.projectedCrs?.mapUnitM ?? crs.crsUnitM;
  const scale = resolveMapScale(mc.scale, lengthUnitM, mapUnitM, fileName, settings.scaleTolerance);
  if (scale.warning) warnings.push(scale.warning);
  const s = scale.mapUnitsPerProjectUnit;
  const fX = positiveFactor(mc.factorX, 'FactorX', fileName);
  const fY = positiveFactor(mc.factorY, 'FactorY', fileName);
  const fZ = positiveFactor(mc.factorZ, 'FactorZ', fileName);
  const projection: MapProjectionChain = {
    epsg: crs.definition.epsg,
    proj4: crs.proj4,
    lengthUnitM,
    eastings: mc.eastings,
    northings: mc.northings,
    orthogonalHeight: mc.orthogonalHeight,
    cosA,
    sinA,
    scale: s,
    factorX: fX,
    factorY: fY,
    factorZ: fZ,
    mapUnitM,
    mapToCrs: mapUnitM / crs.crsUnitM,
  };
  const modelToGeodetic = modelToGeodeticMap(projection, fileName);

  const [lonDeg, latDeg, heightM] = modelToGeodetic(...anchorModelM);
  const enuToEcef = enuToEcefAt(lonDeg, latDeg, heightM);
  const enuOf: PointMap = (x, y, z) => ecefToEnu(enuToEcef, geodeticToEcef(...modelToGeodetic(x, y, z)));
  // The Jacobian at the anchor; its translation puts the anchor model point on the ENU origin.
  const modelToEnu = localAffineAt(enuOf, anchorModelM, settings.jacobianStepM);
  modelToEnu[12] = -(modelToEnu[0] * anchorModelM[0] + modelToEnu[4] * anchorModelM[1] + modelToEnu[8] * anchorModelM[2]);
  modelToEnu[13] = -(modelToEnu[1] * anchorModelM[0] + modelToEnu[5] * anchorModelM[1] + modelToEnu[9] * anchorModelM[2]);
  modelToEnu[14] = -(modelToEnu[2] * anchorModelM[0] + modelToEnu[6] * anchorModelM[1] + modelToEnu[10] * anchorModelM[2]);
  // Model +Y is IFC +Z (up), model −Z is IFC +Y (plan north).
  const ifcYEnu: Vec3 = [-modelToEnu[8], -modelToEnu[9], -modelToEnu[10]];

  if (crs.alternativeProj4 !== null) {
    const other = modelToGeodeticMap({ ...projection, proj4: crs.alternativeProj4 }, fileName)(...anchorModelM);
    const otherEnu = ecefToEnu(enuToEcef, geodeticToEcef(other[0], other[1], heightM));
    warnings.push(
      `georef: EPSG:${crs.definition.epsg} (${crs.definition.name}): the datum shift of ${crs.datumShift.datum} to WGS84 has rotations whose EPSG convention is not known here; used as written (Position Vector); the Coordinate Frame reading puts the anchor ${Math.hypot(otherEnu[0], otherEnu[1]).toFixed(1)} m away`,
    );
  }

  const area = crs.definition.areaOfUseDeg;
  if (area && (latDeg > area[0] + 1 || lonDeg < area[1] - 1 || latDeg < area[2] - 1 || lonDeg > area[3] + 1)) {
    warnings.push(
      `georef: the anchor (${lonDeg.toFixed(6)}°, ${latDeg.toFixed(6)}°) lies outside the area of use of EPSG:${crs.definition.epsg} (${crs.definition.name}); if the geometry carries map coordinates, anchor it at its centre (input.anchorModelM)`,
    );
  }
  const verticalDatum = raw.projectedCrs?.verticalDatum ?? null;
  warnings.push(
    `georef: OrthogonalHeight ${mc.orthogonalHeight * mapUnitM} m is orthometric (${verticalDatum ?? 'vertical datum not stated'}); used as ellipsoidal height, no geoid model applied`,
  );

  return {
    method: mc.source,
    anchor: { lonDeg, latDeg, heightM },
    heightDatum: `orthometric (${verticalDatum ?? 'vertical datum not stated'}) used as ellipsoidal; no geoid model`,
    headingDeg: azimuthDegFromEnu(ifcYEnu),
    epsg: crs.definition.epsg,
    modelToEnu,
    enuToEcef,
    projection,
    warnings,
  };
}
