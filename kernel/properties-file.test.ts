import { describe, expect, it } from 'vitest';
import { decodePropertiesFile, type ElementRecord, PROPERTIES_FILE_FORMAT, PropertiesFileWriter, type ModelStructureRecord } from './properties-file';

const door = (i: number): ElementRecord => ({
  globalId: `2O2Fr$t4X7Zf8NOew3FL${String(i).padStart(2, '0')}`,
  ifcClass: 'IfcDoor',
  name: `M1021:${1000 + i}`,
  storey: i % 2 === 0 ? '1F' : '2F',
  typeName: 'M1021',
  material: null,
  propertySets: {
    Pset_DoorCommon: { FireRating: '甲级', IsExternal: false, Reference: 'M1021' },
    Qto_DoorBaseQuantities: { Width: 1.0, Height: 2.1, Area: Number((2.1 + i / 100).toFixed(2)) },
  },
});

const structure = (elements: ElementRecord[]): ModelStructureRecord => ({
  projectName: '南昌测试项目',
  spatialTree: {
    globalId: '0YvctVUKr0kugbFTf53O9L',
    ifcClass: 'IfcProject',
    name: '南昌测试项目',
    children: [{ globalId: '1YvctVUKr0kugbFTf53O9L', ifcClass: 'IfcBuildingStorey', name: '1F', elevationM: 0, propertySets: { Qto_BuildingStoreyBaseQuantities: { GrossFloorArea: 360 } }, objectType: null, children: [] }],
  },
  containment: { '1YvctVUKr0kugbFTf53O9L': [...elements.map((e) => e.globalId), 'unknown-id'] },
});

function roundTrip(elements: ElementRecord[]) {
  const writer = new PropertiesFileWriter();
  for (const e of elements) writer.addElement(e);
  const text = [...writer.finish(structure(elements))].join('');
  return { text, json: JSON.parse(text) as Record<string, unknown>, decoded: decodePropertiesFile(JSON.parse(text)) };
}

describe('the compact property file', () => {
  const elements = Array.from({ length: 40 }, (_, i) => door(i));
  const { text, json, decoded } = roundTrip(elements);

  it('gives back every element exactly, by GlobalId and by index', () => {
    expect(decoded.size).toBe(40);
    for (const [i, e] of elements.entries()) {
      expect(decoded.element(e.globalId)).toEqual(e);
      expect(decoded.elementAt(i)).toEqual(e);
      expect(decoded.indexOf(e.globalId)).toBe(i);
    }
    expect(decoded.element('nope')).toBeNull();
    expect(decoded.elementAt(40)).toBeNull();
    expect(decoded.elementAt(-1)).toBeNull();
  });

  it('stores a property set shared by many elements once, and keeps 1 and "1" apart', () => {
    // Pset_DoorCommon is the same on all 40 doors (1 set), the quantities differ by Area (40), the storey has 1.
    expect((json.sets as unknown[]).length).toBe(42);
    const w = new PropertiesFileWriter();
    w.addElement({ ...door(0), propertySets: { P: { a: 1, b: '1', c: true, d: 'true', e: null } } });
    const back = decodePropertiesFile(JSON.parse([...w.finish({ projectName: null, spatialTree: null, containment: {} })].join('')));
    expect(back.elementAt(0)?.propertySets).toEqual({ P: { a: 1, b: '1', c: true, d: 'true', e: null } });
  });

  it('keeps the structure (elevation, spatial property sets) and drops containment of unknown elements', () => {
    const s = decoded.structure();
    expect(s.projectName).toBe('南昌测试项目');
    expect(s.spatialTree?.children[0]).toMatchObject({ ifcClass: 'IfcBuildingStorey', elevationM: 0, propertySets: { Qto_BuildingStoreyBaseQuantities: { GrossFloorArea: 360 } }, objectType: null });
    expect(s.containment['1YvctVUKr0kugbFTf53O9L']).toEqual(elements.map((e) => e.globalId));
    expect(text.split(JSON.stringify(elements[7].globalId))).toHaveLength(2);
  });

  it('refuses a GlobalId added twice', () => {
    const w = new PropertiesFileWriter();
    w.addElement(door(1));
    expect(() => w.addElement(door(1))).toThrow(/added twice/);
  });

  it('rejects damaged or hostile files naming the field', () => {
    const base = JSON.parse(text) as { elements: Record<string, unknown>; sets: unknown[]; containment: Record<string, unknown>; spatialTree: Record<string, unknown> };
    const broken = (change: (f: typeof base) => void) => {
      const copy = JSON.parse(text) as typeof base;
      change(copy);
      return () => decodePropertiesFile(copy);
    };
    expect(() => decodePropertiesFile(null)).toThrow(/format must be/);
    expect(() => decodePropertiesFile({ format: 'other' })).toThrow(/format must be gantwin.properties\/1, got "other"/);
    expect(broken((f) => (f.elements.name as number[]).pop())).toThrow(/elements.name must hold 40/);
    expect(broken((f) => ((f.elements.ifcClass as number[])[3] = 1e9))).toThrow(/elements.ifcClass/);
    expect(broken((f) => ((f.elements.sets as number[][])[0] = [999]))).toThrow(/elements.sets/);
    expect(broken((f) => (f.sets[0] = [0, 1]))).toThrow(/sets\[0\]/);
    expect(broken((f) => (f.containment.x = [40]))).toThrow(/containment of x/);
    expect(broken((f) => (f.spatialTree.k = 'no'))).toThrow(/spatialTree node is malformed/);
    expect(base.elements).toBeDefined();
    expect(PROPERTIES_FILE_FORMAT).toBe('gantwin.properties/1');
  });
});

describe('a hostile properties.json (issue #13 review)', () => {
  /** A one-element file whose value dictionary and sets are given as is. */
  const fileWith = (values: unknown[], sets: number[][], extra: Record<string, unknown> = {}) => ({
    format: PROPERTIES_FILE_FORMAT,
    projectName: null,
    values,
    sets,
    elements: { globalId: ['g0'], ifcClass: [0], name: [0], storey: [0], typeName: [0], material: [0], sets: [sets.map((_, i) => i)] },
    spatialTree: null,
    containment: {},
    ...extra,
  });

  it('keeps __proto__, constructor and toString as ordinary set and property names, without touching any prototype', () => {
    const decoded = decodePropertiesFile(fileWith(['IfcWall', '__proto__', 'constructor', 'toString', 'polluted', 1, null], [[1, 4, 5, 2, 5], [2, 1, 6, 3, 5]]));
    const sets = decoded.elementAt(0)?.propertySets ?? {};
    expect(Object.keys(sets).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(sets, '__proto__')?.value).toEqual({ polluted: 1, constructor: 1 });
    expect(Object.entries(sets.constructor)).toEqual([['__proto__', null], ['toString', 1]]);
    // Absent names are absent: no inherited `toString`/`hasOwnProperty` answers a lookup by a name from the file.
    expect(sets.toString).toBeUndefined();
    expect((sets.constructor as unknown as Record<string, unknown>).hasOwnProperty).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(decoded.elementAt(0)))).toMatchObject({ propertySets: { constructor: { toString: 1 } } });
  });

  it('answers containment lookups by names like constructor/__proto__ with nothing unless the file names them', () => {
    const tree = { g: 'constructor', c: 0, n: 0, k: [{ g: 'toString', c: 0, n: 0, k: [] }] };
    const structure = decodePropertiesFile(fileWith(['IfcBuildingStorey'], [], { spatialTree: tree, containment: { ['__proto__']: [0] } })).structure();
    expect(structure.containment.constructor).toBeUndefined();
    expect(structure.containment.toString).toBeUndefined();
    expect(structure.containment['__proto__']).toEqual(['g0']);
    expect(Object.keys(structure.containment)).toEqual(['__proto__']);
  });

  it('refuses values that are not scalars, non-finite numbers and a containment that is not an object', () => {
    expect(() => decodePropertiesFile(fileWith(['IfcWall', { html: '<b>' }], []))).toThrow(/values\[1\] is not a string, finite number, boolean or null/);
    expect(() => decodePropertiesFile(fileWith(['IfcWall', [1, 2]], []))).toThrow(/values\[1\]/);
    expect(() => decodePropertiesFile(fileWith(['IfcWall', Number.POSITIVE_INFINITY], []))).toThrow(/values\[1\]/);
    expect(() => decodePropertiesFile(fileWith(['IfcWall', Number.NaN], []))).toThrow(/values\[1\]/);
    expect(() => decodePropertiesFile(fileWith(['IfcWall'], [], { containment: [[0]] }))).toThrow(/containment must be an object/);
    expect(() => decodePropertiesFile(fileWith(['IfcWall'], [], { containment: 'x' }))).toThrow(/containment must be an object/);
    expect(() => decodePropertiesFile(fileWith(['IfcWall'], [], { spatialTree: { g: 'a', c: 0, n: 0, e: 'high', k: [] } }))).toThrow(/spatialTree node a has a bad elevation/);
  });

  it('fails with a clear error on a spatial tree deeper than 64 and stays fast on 200 000 elements', () => {
    let deep: Record<string, unknown> = { g: 'leaf', c: 0, n: 0, k: [] };
    for (let i = 0; i < 5000; i++) deep = { g: `n${i}`, c: 0, n: 0, k: [deep] };
    expect(() => decodePropertiesFile(fileWith(['IfcSpace'], [], { spatialTree: deep }))).toThrow(/deeper than 64/);
    const n = 200_000;
    const big = fileWith(['IfcWall', 'P', 'a', 1], [[1, 2, 3]]);
    big.elements = { globalId: Array.from({ length: n }, (_, i) => `g${i}`), ifcClass: Array(n).fill(0), name: Array(n).fill(0), storey: Array(n).fill(0), typeName: Array(n).fill(0), material: Array(n).fill(0), sets: Array.from({ length: n }, () => [0]) };
    const started = performance.now();
    const decoded = decodePropertiesFile(big);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(decoded.element(`g${n - 1}`)?.propertySets).toEqual({ P: { a: 1 } });
  });
});
