import { describe, expect, it } from 'vitest';
import { UnsupportedSchemaError } from '../../errors';
import { schemaFamilyOf } from './schema';

describe('schemaFamilyOf', () => {
  it('maps every IFC2X3 / IFC4 / IFC4X3 spelling onto the family web-ifc reads', () => {
    expect(schemaFamilyOf('IFC2X3', 'a.ifc')).toBe('IFC2X3');
    expect(schemaFamilyOf('IFC2X3_TC1', 'a.ifc')).toBe('IFC2X3');
    expect(schemaFamilyOf('IFC4', 'a.ifc')).toBe('IFC4');
    expect(schemaFamilyOf('IFC4_ADD2_TC1', 'a.ifc')).toBe('IFC4');
    for (const name of ['IFC4X3', 'IFC4X3_RC1', 'IFC4X3_RC2', 'IFC4X3_RC3', 'IFC4X3_RC4', 'IFC4X3_ADD1', 'IFC4X3_ADD2', 'IFC4X3_TC1', 'ifc4x3_add2']) {
      expect(schemaFamilyOf(name, 'a.ifc')).toBe('IFC4X3');
    }
  });

  it('rejects older and draft schemas with UnsupportedSchemaError naming the schema and file', () => {
    for (const name of ['IFC2X2_FINAL', 'IFC2X_FINAL', 'IFC4X1', 'IFC4X2', 'IFC4X3_RC5', 'CIS2']) {
      expect(() => schemaFamilyOf(name, 'old.ifc')).toThrow(UnsupportedSchemaError);
      expect(() => schemaFamilyOf(name, 'old.ifc')).toThrow(`old.ifc: IFC schema "${name}" is not supported`);
    }
  });
});
