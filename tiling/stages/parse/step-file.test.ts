import { describe, expect, it } from 'vitest';
import { IfcParseError } from '../../errors';
import { buildStepFile } from './step-fixture';
import { assertCompleteStepFile, readFileSchema } from './step-file';

const encode = (text: string) => new TextEncoder().encode(text);

describe('readFileSchema', () => {
  it('reads the schema identifier, also after a UTF-8 BOM and with spaces', () => {
    expect(readFileSchema(buildStepFile('IFC4X3_ADD2', []), 'a.ifc')).toEqual(['IFC4X3_ADD2']);
    const withBom = encode("\uFEFFISO-10303-21;\nHEADER;\nFILE_SCHEMA ( ( 'IFC2X3' ) );\nENDSEC;\n");
    expect(readFileSchema(withBom, 'bom.ifc')).toEqual(['IFC2X3']);
  });

  it('throws IfcParseError for non-STEP bytes and a missing FILE_SCHEMA', () => {
    expect(() => readFileSchema(encode('{"json": true}'), 'x.json')).toThrow(IfcParseError);
    expect(() => readFileSchema(encode('{"json": true}'), 'x.json')).toThrow('x.json: not an IFC file');
    expect(() => readFileSchema(encode('ISO-10303-21;\nHEADER;\nENDSEC;\n'), 'h.ifc')).toThrow('h.ifc: HEADER has no FILE_SCHEMA');
    expect(() => readFileSchema(new Uint8Array(0), 'empty.ifc')).toThrow(IfcParseError);
    expect(() => readFileSchema(new Uint8Array(0), 'empty.ifc')).toThrow('empty.ifc: not an IFC file');
  });
});

describe('assertCompleteStepFile', () => {
  const lines = ["#1=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',$,'P',$,$,$,$,$,$);", '#2=IFCCARTESIANPOINT((0.,0.,0.));', '#3=IFCDIRECTION((0.,0.,1.));'];

  it('accepts a complete file, also with bytes after the trailer', () => {
    const bytes = buildStepFile('IFC4', lines);
    expect(() => assertCompleteStepFile(bytes, 'ok.ifc')).not.toThrow();
    const padded = new Uint8Array([...bytes, 0x0d, 0x0a, 0x00]);
    expect(() => assertCompleteStepFile(padded, 'ok.ifc')).not.toThrow();
  });

  it('names the last complete entity of a truncated file', () => {
    const text = new TextDecoder().decode(buildStepFile('IFC4', lines));
    const cut = encode(text.slice(0, text.indexOf('#3=') + 10)); // "#3=IFCDIRE"
    let error: unknown;
    try {
      assertCompleteStepFile(cut, 'cut.ifc');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IfcParseError);
    expect((error as IfcParseError).message).toBe(
      'cut.ifc: truncated STEP file (it does not end with "END-ISO-10303-21;"); the last complete entity is #2=IFCCARTESIANPOINT, the text after it is cut off',
    );
    expect((error as IfcParseError).context).toMatchObject({ file: 'cut.ifc', lastCompleteEntity: 2 });
  });
});
