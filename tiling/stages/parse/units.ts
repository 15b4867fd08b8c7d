import { IfcParseError } from '../../errors';
import { numberOf, refOf, refsOf, textOf, type StepLines } from './step-lines';

/** SI prefix → factor. */
const SI_PREFIX: Record<string, number> = {
  EXA: 1e18, PETA: 1e15, TERA: 1e12, GIGA: 1e9, MEGA: 1e6, KILO: 1e3, HECTO: 1e2, DECA: 1e1,
  DECI: 1e-1, CENTI: 1e-2, MILLI: 1e-3, MICRO: 1e-6, NANO: 1e-9, PICO: 1e-12, FEMTO: 1e-15, ATTO: 1e-18,
};

/**
 * Enumeration arguments of a unit, read positionally-robust: writers put `*` (derived, dropped by web-ifc) or
 * `$` (kept) in IfcSIUnit.Dimensions, which shifts named attributes, so we look at the enum values themselves.
 */
function enumsOf(lines: StepLines, unitId: number): string[] {
  return lines
    .args(unitId)
    .filter((a): a is { type: number; value: string } => typeof a === 'object' && a !== null && (a as { type?: number }).type === 3)
    .map((a) => String(a.value));
}

function siUnitOf(lines: StepLines, unitId: number): { name: string | null; prefix: string | null } {
  const enums = enumsOf(lines, unitId);
  return { name: enums.length > 1 ? enums[enums.length - 1] : null, prefix: enums.find((e) => e in SI_PREFIX) ?? null };
}

/** UnitType of an IfcNamedUnit (`LENGTHUNIT`, `AREAUNIT` …), or null for other units. */
function unitTypeOf(lines: StepLines, unitId: number): string | null {
  return enumsOf(lines, unitId).find((e) => e.endsWith('UNIT')) ?? null;
}

/** Depth limit for IfcConversionBasedUnit chains (a cycle would otherwise never end). */
const MAX_UNIT_DEPTH = 4;

/**
 * Metres per unit of an IfcNamedUnit that measures length: IfcSIUnit (METRE with optional prefix) or
 * IfcConversionBasedUnit (e.g. FOOT = 0.3048 × METRE, INCH = 0.0254 × METRE).
 *
 * @param lines the open model
 * @param unitId express id of the IfcSIUnit / IfcConversionBasedUnit
 * @param fileName used in error messages
 * @returns metres per unit, > 0
 * @throws {IfcParseError} when the unit is not a length unit or its factor is missing or ≤ 0
 * @see IfcSIUnit, IfcConversionBasedUnit, IfcMeasureWithUnit (IFC4 §8.11.3)
 */
export function metresPerLengthUnit(lines: StepLines, unitId: number, fileName: string, depth = 0): number {
  const cls = lines.className(unitId).toUpperCase();
  if (cls === 'IFCSIUNIT') {
    const { name, prefix } = siUnitOf(lines, unitId);
    if (name !== 'METRE') throw new IfcParseError(`${fileName}: #${unitId} IfcSIUnit ${name} is not a length unit`, { context: { file: fileName, line: unitId } });
    return prefix ? SI_PREFIX[prefix] ?? 1 : 1;
  }
  const unit = lines.line(unitId);
  if ((cls === 'IFCCONVERSIONBASEDUNIT' || cls === 'IFCCONVERSIONBASEDUNITWITHOFFSET') && depth < MAX_UNIT_DEPTH) {
    const factorId = refOf(unit.ConversionFactor);
    const measure = factorId === null ? null : lines.line(factorId);
    const value = measure ? numberOf(measure.ValueComponent) : null;
    const baseId = measure ? refOf(measure.UnitComponent) : null;
    if (value === null || value <= 0 || baseId === null) {
      throw new IfcParseError(`${fileName}: #${unitId} IfcConversionBasedUnit ${textOf(unit.Name) ?? ''} has no usable ConversionFactor`, {
        context: { file: fileName, line: unitId },
      });
    }
    return value * metresPerLengthUnit(lines, baseId, fileName, depth + 1);
  }
  throw new IfcParseError(`${fileName}: #${unitId} ${lines.className(unitId)} is not a length unit`, { context: { file: fileName, line: unitId } });
}

/**
 * The project length unit from IfcProject.UnitsInContext (IfcUnitAssignment, UnitType LENGTHUNIT).
 *
 * @param lines the open model
 * @param projectId express id of the IfcProject, or null when the file has none
 * @param fileName used in error messages
 * @returns metres per project length unit (0.001 for mm, 0.3048 for ft); 1 when no length unit is assigned
 *   (the IFC default is the metre)
 * @throws {IfcParseError} when the assigned length unit cannot be interpreted
 * @see IfcUnitAssignment, IfcProject.UnitsInContext
 */
export function readLengthUnitM(lines: StepLines, projectId: number | null, fileName: string): number {
  if (projectId === null) return 1;
  const assignmentId = refOf(lines.line(projectId).UnitsInContext);
  if (assignmentId === null) return 1;
  for (const unitId of refsOf(lines.line(assignmentId).Units)) {
    if (unitTypeOf(lines, unitId) === 'LENGTHUNIT') return metresPerLengthUnit(lines, unitId, fileName);
  }
  return 1;
}
