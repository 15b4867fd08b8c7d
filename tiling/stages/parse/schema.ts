import { UnsupportedSchemaError } from '../../errors';
import type { ParsedModel } from './parsed-model';

/** The schema families web-ifc 0.0.78 has generated layouts for. */
export type SchemaFamily = ParsedModel['schemaFamily'];

/**
 * Maps a FILE_SCHEMA identifier to the schema family web-ifc reads it with.
 *
 * Notes: web-ifc 0.0.78 opens IFC4X3_RC2/RC4/ADD2 files itself (`GetModelSchema` returns the name as written,
 * layouts aliased to IFC4X3). IFC4X1/IFC4X2 drafts differ too much from IFC4X3 and are rejected, as are
 * IFC2X2 and older.
 *
 * @param schemaName as written in the file, e.g. `IFC2X3`, `IFC4_ADD2_TC1`, `IFC4X3_RC2`, `IFC4X3_ADD2`
 * @param fileName used in the error message
 * @returns `IFC2X3`, `IFC4` or `IFC4X3`
 * @throws {UnsupportedSchemaError} naming the schema when none of the families fits (e.g. `IFC2X2_FINAL`)
 * @see https://technical.buildingsmart.org/standards/ifc/ifc-schema-specifications/ (schema identifiers)
 */
export function schemaFamilyOf(schemaName: string, fileName: string): SchemaFamily {
  const name = schemaName.toUpperCase().trim();
  if (/^IFC2X3(_TC1|_FINAL|_RC\d)?$/.test(name)) return 'IFC2X3';
  if (/^IFC4(_ADD[12](_TC1)?|_TC1|_RC\d)?$/.test(name)) return 'IFC4';
  if (/^IFC4X3(_RC[1-4]|_ADD[12]|_TC1)?$/.test(name)) return 'IFC4X3';
  throw new UnsupportedSchemaError(
    `${fileName}: IFC schema "${schemaName}" is not supported (supported: IFC2X3, IFC4, IFC4X3 incl. RC1–RC4, ADD1/ADD2, TC1)`,
    { context: { file: fileName, schema: schemaName } },
  );
}
