import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { readIfcInput } from './read-input';

const IFC_TEXT = "ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n";
const ifcBytes = new TextEncoder().encode(IFC_TEXT);

describe('readIfcInput', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gantwin-read-input-'));
    await writeFile(join(dir, 'a.ifc'), ifcBytes);
    await writeFile(join(dir, 'one.ifczip'), zipSync({ 'folder/house.ifc': ifcBytes, 'readme.txt': new Uint8Array([65]) }));
    await writeFile(join(dir, 'none.zip'), zipSync({ 'readme.txt': new Uint8Array([65]) }));
    await writeFile(join(dir, 'two.zip'), zipSync({ 'a.ifc': ifcBytes, 'b.IFC': ifcBytes }));
    await writeFile(join(dir, 'fake.ifc'), new TextEncoder().encode('<xml>not step</xml>'));
    await writeFile(join(dir, 'broken.zip'), new Uint8Array([1, 2, 3, 4]));
    await writeFile(join(dir, 'model.obj'), ifcBytes);
    await writeFile(join(dir, 'empty.ifc'), new Uint8Array(0));
    await writeFile(join(dir, 'empty-inside.zip'), zipSync({ 'house.ifc': new Uint8Array(0) }));
    await writeFile(join(dir, 'empty.zip'), new Uint8Array(0));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a plain .ifc with its SHA-256', async () => {
    const input = await readIfcInput(join(dir, 'a.ifc'));
    expect(input.fileName).toBe('a.ifc');
    expect(input.bytes.byteLength).toBe(ifcBytes.byteLength);
    expect(input.sha256).toBe(createHash('sha256').update(ifcBytes).digest('hex'));
  });

  it('unzips the single .ifc of an .ifczip and names it', async () => {
    const input = await readIfcInput(join(dir, 'one.ifczip'));
    expect(input.fileName).toBe('house.ifc');
    expect(new TextDecoder().decode(input.bytes)).toBe(IFC_TEXT);
  });

  it('rejects missing files, zips with 0 or 2 IFCs, non-IFC content, broken zips and other extensions', async () => {
    await expect(readIfcInput(join(dir, 'missing.ifc'))).rejects.toThrow(/missing\.ifc: cannot read input file: no such file/);
    await expect(readIfcInput(join(dir, 'none.zip'))).rejects.toThrow(/none\.zip: a zip must hold exactly one \.ifc file, found 0/);
    await expect(readIfcInput(join(dir, 'two.zip'))).rejects.toThrow(/two\.zip: .*found 2 \(a\.ifc, b\.IFC\)/);
    await expect(readIfcInput(join(dir, 'fake.ifc'))).rejects.toThrow(/fake\.ifc: not an IFC file/);
    await expect(readIfcInput(join(dir, 'broken.zip'))).rejects.toThrow(/broken\.zip: not a readable zip/);
    await expect(readIfcInput(join(dir, 'model.obj'))).rejects.toThrow(InputError);
  });

  it('rejects an empty file, an empty .ifc inside a zip and an empty zip, naming each', async () => {
    await expect(readIfcInput(join(dir, 'empty.ifc'))).rejects.toThrow(InputError);
    await expect(readIfcInput(join(dir, 'empty.ifc'))).rejects.toThrow(/empty\.ifc: not an IFC file .*found ""/);
    await expect(readIfcInput(join(dir, 'empty-inside.zip'))).rejects.toThrow(/house\.ifc.*: not an IFC file/);
    await expect(readIfcInput(join(dir, 'empty.zip'))).rejects.toThrow(/empty\.zip: not a readable zip/);
  });

  /** Sample data lives beside the repository in ../shared/data (never copied into it). */
  const railZip = fileURLToPath(new URL('../../../shared/data/ifc/ACCA_RFI_Track_07_San_Martino-Tufara_IFC4X3_ADD2.zip', import.meta.url));
  it('unzips the 19 MB railway sample', async (context) => {
    const { existsSync } = await import('node:fs');
    if (!existsSync(railZip)) context.skip();
    const input = await readIfcInput(railZip);
    expect(input.fileName).toBe('07 - ACCA - RFI - Track - San Martino - Tufara.ifc');
    expect(input.bytes.byteLength).toBe(19_202_841);
  });
});
