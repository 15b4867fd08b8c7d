import { WebIFC } from './web-ifc-module';
import type { RawGeoreference } from './parsed-model';
import { metresPerLengthUnit } from './units';
import { numberOf, refOf, refsOf, textOf, type StepLines } from './step-lines';

/**
 * The georeferencing a file declares, read raw for the `georef` stage: IfcMapConversion(Scaled) +
 * IfcProjectedCRS (IFC4+), the IFC2X3 property sets `ePset_MapConversion` / `ePset_ProjectedCRS`, IfcSite
 * RefLatitude/RefLongitude/RefElevation and the model context's TrueNorth.
 *
 * Notes: the ePset names and their property names are matched without regard to case, because exporters write
 * `EPset_MapConversion`, `ePSet_MapConversion` or `EPSET_MAPCONVERSION` for the set the buildingSMART guide
 * spells `ePset_MapConversion` (issue #8); the output keeps the canonical name (`source: 'ePset_MapConversion'`).
 * Other names (`Pset_MapConversion`, `ePset_MapConversion2`) are not read.
 */

/** The IFC2X3 georeferencing property sets, as the buildingSMART guide spells them. */
const EPSET_NAMES = ['ePset_MapConversion', 'ePset_ProjectedCRS'] as const;
type EpsetName = (typeof EPSET_NAMES)[number];
const EPSET_BY_UPPER_CASE = new Map<string, EpsetName>(EPSET_NAMES.map((name) => [name.toUpperCase(), name]));

/**
 * The canonical name of an IFC2X3 georeferencing property set, whatever the case it is written in.
 * @param setName IfcPropertySet.Name as written, e.g. `EPSET_MAPCONVERSION`
 * @returns `ePset_MapConversion` / `ePset_ProjectedCRS`, or null for any other name
 * @see buildingSMART "User Guide for Geo-referencing in IFC" (IFC2X3 property sets ePset_MapConversion, ePset_ProjectedCRS)
 */
export function canonicalEpsetName(setName: string | null): EpsetName | null {
  return setName === null ? null : (EPSET_BY_UPPER_CASE.get(setName.toUpperCase()) ?? null);
}

type MapConversion = NonNullable<RawGeoreference['mapConversion']>;
type ProjectedCrs = NonNullable<RawGeoreference['projectedCrs']>;

/**
 * IfcCompoundPlaneAngleMeasure `[deg, min, sec, millionths]` → decimal degrees. The sign is on every part
 * (e.g. `[-71, -3, -35, -0]`), so the parts simply add up.
 * @param parts 3 or 4 integers as in the file
 * @returns degrees, or null when fewer than 3 parts are present
 * @see IfcCompoundPlaneAngleMeasure (IFC4 §8.11.4)
 */
export function compoundAngleToDeg(parts: readonly number[]): number | null {
  if (parts.length < 3) return null;
  const [deg, min, sec, millionths = 0] = parts;
  return deg + min / 60 + sec / 3600 + millionths / 3.6e9;
}

function compoundOf(arg: unknown): number | null {
  if (typeof arg !== 'object' || arg === null) return null;
  const list = Array.isArray(arg) ? arg : (arg as { value?: unknown }).value;
  if (!Array.isArray(list)) return null;
  const parts = list.map((p) => numberOf(p)).filter((p): p is number => p !== null);
  return compoundAngleToDeg(parts);
}

function readProjectedCrs(lines: StepLines, crsId: number, fileName: string): ProjectedCrs {
  const crs = lines.line(crsId);
  const mapUnitId = refOf(crs.MapUnit);
  return {
    name: textOf(crs.Name) ?? '',
    description: textOf(crs.Description),
    geodeticDatum: textOf(crs.GeodeticDatum),
    verticalDatum: textOf(crs.VerticalDatum),
    mapProjection: textOf(crs.MapProjection),
    mapZone: textOf(crs.MapZone),
    mapUnitM: mapUnitId === null ? null : metresPerLengthUnit(lines, mapUnitId, fileName),
  };
}

function readMapConversion(lines: StepLines, fileName: string): { conversion: MapConversion; crs: ProjectedCrs | null } | null {
  const candidates: Array<[number, MapConversion['source']]> = [
    ...lines.idsOfType(WebIFC.IFCMAPCONVERSIONSCALED).map((id): [number, MapConversion['source']] => [id, 'IfcMapConversionScaled']),
    ...lines.idsOfType(WebIFC.IFCMAPCONVERSION).map((id): [number, MapConversion['source']] => [id, 'IfcMapConversion']),
  ];
  if (candidates.length === 0) return null;
  const [id, source] = candidates[0];
  const mc = lines.line(id);
  const scaled = source === 'IfcMapConversionScaled';
  const targetId = refOf(mc.TargetCRS);
  const isProjected = targetId !== null && lines.className(targetId).toUpperCase().startsWith('IFCPROJECTEDCRS');
  return {
    conversion: {
      source,
      eastings: numberOf(mc.Eastings) ?? 0,
      northings: numberOf(mc.Northings) ?? 0,
      orthogonalHeight: numberOf(mc.OrthogonalHeight) ?? 0,
      xAxisAbscissa: numberOf(mc.XAxisAbscissa) ?? 1,
      xAxisOrdinate: numberOf(mc.XAxisOrdinate) ?? 0,
      scale: numberOf(mc.Scale),
      factorX: scaled ? numberOf(mc.FactorX) : null,
      factorY: scaled ? numberOf(mc.FactorY) : null,
      factorZ: scaled ? numberOf(mc.FactorZ) : null,
    },
    crs: isProjected ? readProjectedCrs(lines, targetId, fileName) : null,
  };
}

/** IFC2X3 convention (buildingSMART "User Guide for Geo-referencing in IFC"): ePset_MapConversion / ePset_ProjectedCRS, any case. */
function readEpsets(lines: StepLines): { conversion: MapConversion | null; crs: ProjectedCrs | null } {
  let conversion: MapConversion | null = null;
  let crs: ProjectedCrs | null = null;
  for (const setId of lines.idsOfType(WebIFC.IFCPROPERTYSET)) {
    const args = lines.args(setId);
    const setName = canonicalEpsetName(textOf(args[2]));
    if (setName === null) continue;
    // Property names are matched without regard to case too: keyed by upper case (the last one wins, as before).
    const values = new Map<string, unknown>();
    for (const propId of refsOf(args[4])) {
      const prop = lines.args(propId);
      const name = textOf(prop[0])?.toUpperCase();
      if (name) values.set(name, lines.valueOf(prop[2]));
    }
    const value = (key: string) => values.get(key.toUpperCase());
    const num = (key: string) => {
      const v = value(key);
      return typeof v === 'number' ? v : null;
    };
    const str = (key: string) => {
      const v = value(key);
      return v === undefined || v === null ? null : String(v);
    };
    if (setName === 'ePset_MapConversion' && !conversion) {
      conversion = {
        source: 'ePset_MapConversion',
        eastings: num('Eastings') ?? 0,
        northings: num('Northings') ?? 0,
        orthogonalHeight: num('OrthogonalHeight') ?? 0,
        xAxisAbscissa: num('XAxisAbscissa') ?? 1,
        xAxisOrdinate: num('XAxisOrdinate') ?? 0,
        scale: num('Scale'),
        factorX: null,
        factorY: null,
        factorZ: null,
      };
    } else if (setName === 'ePset_ProjectedCRS' && !crs) {
      const unit = str('MapUnit')?.toUpperCase() ?? null;
      crs = {
        name: str('Name') ?? '',
        description: str('Description'),
        geodeticDatum: str('GeodeticDatum'),
        verticalDatum: str('VerticalDatum'),
        mapProjection: str('MapProjection'),
        mapZone: str('MapZone'),
        mapUnitM: unit === null ? null : unit.includes('MILLI') ? 0.001 : unit.includes('FOOT') ? 0.3048 : unit.includes('METRE') ? 1 : null,
      };
    }
  }
  return { conversion, crs };
}

function readSiteReference(lines: StepLines, lengthUnitM: number): RawGeoreference['siteReference'] {
  for (const siteId of lines.idsOfType(WebIFC.IFCSITE)) {
    const site = lines.line(siteId);
    const latitudeDeg = compoundOf(site.RefLatitude);
    const longitudeDeg = compoundOf(site.RefLongitude);
    if (latitudeDeg === null || longitudeDeg === null) continue;
    const placementM = sitePlacementM(lines, refOf(site.ObjectPlacement), lengthUnitM);
    return { latitudeDeg, longitudeDeg, elevationM: (numberOf(site.RefElevation) ?? 0) * lengthUnitM, placementM };
  }
  return null;
}

/**
 * The IfcSite's ObjectPlacement as a matrix in the IFC world frame (Z-up), from web-ifc's own placement
 * resolution (the one its geometry transforms use), with the translation converted to metres.
 * @returns column-major 4×4, or null when the site has no placement or web-ifc cannot resolve it
 * @see IfcSite.RefLatitude (the reference point is the origin of the site's local placement), IfcLocalPlacement
 */
function sitePlacementM(lines: StepLines, placementId: number | null, lengthUnitM: number): number[] | null {
  if (placementId === null) return null;
  let matrix: number[];
  try {
    matrix = Array.from(lines.api.GetWorldTransformMatrix(lines.modelId, placementId));
  } catch {
    return null;
  }
  if (matrix.length !== 16 || !matrix.every(Number.isFinite)) return null;
  for (let i = 12; i < 15; i++) matrix[i] *= lengthUnitM;
  return matrix;
}

function readTrueNorth(lines: StepLines): [number, number] | null {
  const contexts = lines.idsOfType(WebIFC.IFCGEOMETRICREPRESENTATIONCONTEXT);
  const ordered = [...contexts.filter((id) => textOf(lines.line(id).ContextType) === 'Model'), ...contexts];
  for (const id of ordered) {
    const directionId = refOf(lines.line(id).TrueNorth);
    if (directionId === null) continue;
    const ratios = lines.line(directionId).DirectionRatios;
    const xy = Array.isArray(ratios) ? ratios.map((r) => numberOf(r)) : [];
    if (xy.length >= 2 && xy[0] !== null && xy[1] !== null) return [xy[0], xy[1]];
  }
  return null;
}

/**
 * Reads every georeferencing source of the file, uninterpreted (the `georef` stage decides which wins).
 *
 * @param lines the open model
 * @param schemaFamily ePset_MapConversion is read only for IFC2X3 (IFC4+ has the entities)
 * @param lengthUnitM metres per project length unit (scales RefElevation)
 * @param fileName used in error messages
 * @returns map conversion (map units, e.g. metres), projected CRS, site reference (degrees, metres) and
 *   TrueNorth (x, y) in the IFC world XY plane
 * @throws {IfcParseError} when IfcProjectedCRS.MapUnit is not a length unit
 * @see IfcMapConversion, IfcMapConversionScaled (IFC4X3), IfcProjectedCRS, IfcSite.RefLatitude,
 *   IfcGeometricRepresentationContext.TrueNorth
 */
export function readGeoreferenceSource(
  lines: StepLines,
  schemaFamily: 'IFC2X3' | 'IFC4' | 'IFC4X3',
  lengthUnitM: number,
  fileName: string,
): RawGeoreference {
  let mapConversion: RawGeoreference['mapConversion'] = null;
  let projectedCrs: RawGeoreference['projectedCrs'] = null;
  const entities = schemaFamily === 'IFC2X3' ? null : readMapConversion(lines, fileName);
  if (entities) {
    mapConversion = entities.conversion;
    projectedCrs = entities.crs;
  } else if (schemaFamily === 'IFC2X3') {
    const epsets = readEpsets(lines);
    mapConversion = epsets.conversion;
    projectedCrs = epsets.crs;
  }
  return {
    mapConversion,
    projectedCrs,
    siteReference: readSiteReference(lines, lengthUnitM),
    trueNorth: readTrueNorth(lines),
  };
}
