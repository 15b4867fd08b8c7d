import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { createIfcApi, parseIfc } from './parse';
import { buildStepFile, fixtureGlobalId as g, WALLS_WITH_FAILURES } from './step-fixture';
import { upperCaseStepHex, withUpperCaseStepHex } from './step-hex-case';
import { decodeStepString } from './step-string';

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('upperCaseStepHex', () => {
  it('upper-cases hex digits inside \\X\\, \\X2\\ and \\X4\\ escapes only, offsets unchanged', () => {
    const text = "#1=IFCLABEL('cafe \\X2\\4e2d6587\\X0\\ \\X2\\4E2D6587\\X0\\ \\X2\\4e2D6587\\X0\\ \\X\\e9 \\X4\\0001f600\\X0\\ deadbeef');";
    const input = encode(text);
    const result = upperCaseStepHex(input);
    expect(decode(result.bytes)).toBe(
      "#1=IFCLABEL('cafe \\X2\\4E2D6587\\X0\\ \\X2\\4E2D6587\\X0\\ \\X2\\4E2D6587\\X0\\ \\X\\E9 \\X4\\0001F600\\X0\\ deadbeef');",
    );
    expect(result.upperCased).toBe(4); // the all-upper-case escape needs nothing
    expect(result.malformed).toEqual([]);
    expect(decode(input)).toBe(text); // the caller's bytes are not touched
    expect(decodeStepString(decode(result.bytes).slice(13, -3))).toBe('cafe 中文 中文 中文 é 😀 deadbeef');
  });

  it('returns the very same bytes when no hex digit is lower case', () => {
    const input = encode("#1=IFCLABEL('\\X2\\5357660C\\X0\\ abcdef \\X\\E4');");
    const result = upperCaseStepHex(input);
    expect(result.bytes).toBe(input);
    expect(result.upperCased).toBe(0);
  });

  it('stays aligned over \\\\, \\S\\c (c may be a backslash) and \\P?\\', () => {
    // 'C:\\X2\\4e2d' is the text C:\X2\4e2d, not an escape; \S\\ is Ü, after which \X\e4 is an escape;
    // \PA\ is a code page switch followed by \X\fc.
    const text = "#1=IFCLABEL('C:\\\\X2\\\\4e2d'); #2=IFCLABEL('\\S\\\\\\X\\e4'); #3=IFCLABEL('\\PA\\\\X\\fc');";
    const result = upperCaseStepHex(encode(text));
    expect(decode(result.bytes)).toBe("#1=IFCLABEL('C:\\\\X2\\\\4e2d'); #2=IFCLABEL('\\S\\\\\\X\\E4'); #3=IFCLABEL('\\PA\\\\X\\FC');");
    expect(result.upperCased).toBe(2);
    expect(result.malformed).toEqual([]);
    expect(decodeStepString('C:\\\\X2\\\\4e2d')).toBe('C:\\X2\\4e2d');
    expect(decodeStepString('\\S\\\\\\X\\E4')).toBe('Üä');
  });

  it('leaves malformed escapes unchanged and names them with the decoder’s reason and the entity', () => {
    const text = [
      "#7=IFCLABEL('\\X2\\4e2\\X0\\');",
      "#8=IFCLABEL('\\X2\\4e2d6587');",
      "#9=IFCLABEL('a\\X\\e');",
      "#10=IFCLABEL('\\X4\\0001f6\\X0\\ \\X2\\4e2g\\X0\\');",
      "#11=IFCLABEL('\\X2\\6df7\\X0\\');",
    ].join('\n');
    const result = upperCaseStepHex(encode(text));
    expect(decode(result.bytes)).toBe(text.replace('6df7', '6DF7'));
    expect(result.upperCased).toBe(1);
    expect(result.malformed).toEqual([
      { offset: 13, expressId: 7, reason: "STEP string: \\X2\\ at offset 0 has 3 hex digits, not a multiple of 4 in '\\X2\\4e2\\X0\\'" },
      { offset: 41, expressId: 8, reason: "STEP string: \\X2\\ at offset 0 is missing its closing \\X0\\ in '\\X2\\4e2d6587'" },
      { offset: 71, expressId: 9, reason: 'STEP string: \\X\\ at offset 0 needs two hex digits, got "e" in \'\\X\\e\'' },
      { offset: 93, expressId: 10, reason: expect.stringMatching(/^STEP string: \\X4\\ at offset 0 has 6 hex digits, not a multiple of 8/) },
      { offset: 108, expressId: 10, reason: 'STEP string: \\X2\\ at offset 4 has non-hex digits "4e2g" in \'\\X2\\4e2g\\X0\\\'' },
    ]);
    for (const { offset } of result.malformed) expect(text[offset]).toBe('\\');
  });

  it('goes on after a malformed \\X\\ right before a good one', () => {
    const result = upperCaseStepHex(encode("#1=IFCLABEL('\\X\\E\\X\\e4');"));
    expect(decode(result.bytes)).toBe("#1=IFCLABEL('\\X\\E\\X\\E4');");
    expect(result.malformed.map((m) => m.offset)).toEqual([13]);
  });

  it('reports malformed escapes as warnings, the first five one by one', () => {
    const lines = Array.from({ length: 7 }, (_, i) => `#${i + 1}=IFCLABEL('\\X2\\4e2\\X0\\');`);
    const report = new ReportBuilder();
    withUpperCaseStepHex(encode(lines.join('\n')), 'bad.ifc', { report, logger: SILENT_LOGGER });
    expect(report.warnings).toHaveLength(6);
    expect(report.warnings[0]).toBe(
      "parse: #1: malformed string escape, web-ifc reads the whole string as empty (STEP string: \\X2\\ at offset 0 has 3 hex digits, not a multiple of 4 in '\\X2\\4e2\\X0\\')",
    );
    expect(report.warnings[4]).toMatch(/^parse: #5: malformed string escape/);
    expect(report.warnings[5]).toBe('parse: 2 more malformed string escapes (strings read as empty)');
  });
});

describe('parseIfc with lower-case hex escapes (end to end through web-ifc)', () => {
  let api: IfcAPI;
  beforeAll(async () => {
    api = await createIfcApi();
  });
  afterAll(() => api?.Dispose());

  /** The `Good` wall of WALLS_WITH_FAILURES, renamed and given a storey, a property set and a material. */
  const lowerCaseFixture = (project: string, wall: string) => [
    `#1=IFCPROJECT('${g(1)}',$,'${project}',$,$,$,$,(#2),$);`,
    ...WALLS_WITH_FAILURES.slice(1, 10), // #2..#10: context, placement, 4 m × 0.2 m × 3 m extrusion, Body
    `#11=IFCWALL('${g(11)}',$,'${wall}',$,$,#5,#10,$,$);`,
    `#12=IFCBUILDINGSTOREY('${g(12)}',$,'\\X2\\4e005c42\\X0\\',$,$,$,$,$,.ELEMENT.,0.);`, // 一层
    `#13=IFCRELAGGREGATES('${g(13)}',$,$,$,#1,(#12));`,
    `#14=IFCRELCONTAINEDINSPATIALSTRUCTURE('${g(14)}',$,$,$,(#11),#12);`,
    `#20=IFCPROPERTYSET('${g(20)}',$,'Pset_\\X2\\58994f53\\X0\\',$,(#21,#22,#23));`, // Pset_墙体
    "#21=IFCPROPERTYSINGLEVALUE('\\X2\\67508d28\\X0\\',$,IFCLABEL('\\X2\\6df751dd571f\\X0\\ C30'),$);", // 材质: 混凝土 C30
    "#22=IFCPROPERTYSINGLEVALUE('Note',$,IFCTEXT('\\X2\\4e2D6587\\X0\\ caf\\X\\e9'),$);", // 中文 café, mixed case
    "#23=IFCPROPERTYSINGLEVALUE('Broken',$,IFCLABEL('x \\X2\\4e2\\X0\\'),$);", // malformed: 3 hex digits
    `#24=IFCRELDEFINESBYPROPERTIES('${g(24)}',$,$,$,(#11),#20);`,
    "#25=IFCMATERIAL('\\X2\\94a27b4b\\X0\\',$,$);", // 钢筋
    `#26=IFCRELASSOCIATESMATERIAL('${g(26)}',$,$,$,(#11),#25);`,
  ];

  it('names, storey, property set, property values and material come out exactly', async () => {
    const report = new ReportBuilder();
    const fixture = lowerCaseFixture('\\X2\\987976ee\\X0\\', '\\X2\\4e1c5899\\X0\\ W-1'); // 项目, 东墙 W-1
    const model = await parseIfc({ bytes: buildStepFile('IFC4', fixture), fileName: 'lower.ifc' }, { ifcApi: api }, { logger: SILENT_LOGGER, report });
    expect(model.projectName).toBe('项目');
    expect(model.elements).toHaveLength(1);
    expect(model.elements[0]).toMatchObject({ globalId: g(11), name: '东墙 W-1', storey: '一层', material: '钢筋' });
    expect(model.elements[0].propertySets).toEqual({ Pset_墙体: { 材质: '混凝土 C30', Note: '中文 café', Broken: '' } });
    expect(model.spatialTree?.children.map((c) => c.name)).toEqual(['一层']);
    expect(report.warnings).toEqual([
      "parse: #23: malformed string escape, web-ifc reads the whole string as empty (STEP string: \\X2\\ at offset 0 has 3 hex digits, not a multiple of 4 in '\\X2\\4e2\\X0\\')",
    ]);
  });

  it('upper-case escapes decode the same (control)', async () => {
    const fixture = lowerCaseFixture('\\X2\\987976EE\\X0\\', '\\X2\\4E1C5899\\X0\\ W-1').map((line) =>
      line.replace(/\\X(2|4)?\\([0-9a-f]+)/gi, (_, width: string | undefined, hex: string) => `\\X${width ?? ''}\\${hex.toUpperCase()}`),
    );
    const model = await parseIfc({ bytes: buildStepFile('IFC4', fixture), fileName: 'upper.ifc' }, { ifcApi: api }, { logger: SILENT_LOGGER, report: new ReportBuilder() });
    expect(model.projectName).toBe('项目');
    expect(model.elements[0]).toMatchObject({ name: '东墙 W-1', storey: '一层', material: '钢筋' });
    expect(model.elements[0].propertySets).toEqual({ Pset_墙体: { 材质: '混凝土 C30', Note: '中文 café', Broken: '' } });
  });
});
