import { describe, expect, it } from 'vitest';
import { decodePropertiesFile, PropertiesFileWriter } from '@kernel/properties-file';
import { elementsBelow, listStoreys, modelStructureOf, orderStoreysByElevation, parseModelStructure, type StructureNode } from './model-structure';

describe('parseModelStructure', () => {
  it('keeps the tree and containment and drops expressId', () => {
    const parsed = parseModelStructure({
      spatialTree: {
        expressId: 1, globalId: '0KMpiAlnb52RgQuM1CwVfd', ifcClass: 'IfcProject', name: 'P',
        children: [{ expressId: 2, globalId: '0KMpiAlnb52RgQuM1CwVfe', ifcClass: 'IfcSite', name: null, children: [] }],
      },
      containment: { '0KMpiAlnb52RgQuM1CwVfe': ['2IxUUNUVPB6Ob$eicCfP2N'] },
    });
    expect(parsed.spatialTree?.children[0].ifcClass).toBe('IfcSite');
    expect(parsed.spatialTree).not.toHaveProperty('expressId');
    expect(parsed.containment['0KMpiAlnb52RgQuM1CwVfe']).toEqual(['2IxUUNUVPB6Ob$eicCfP2N']);
  });

  it('accepts a model without spatial tree', () => {
    expect(parseModelStructure({ spatialTree: null, containment: {} }).spatialTree).toBeNull();
  });

  it('rejects a node without children', () => {
    expect(() => parseModelStructure({ spatialTree: { globalId: 'x', ifcClass: 'IfcProject', name: null }, containment: {} })).toThrow();
  });
});

/** A node for the tests below; `g` pads a short name to a 22-character GlobalId-like id. */
const g = (name: string) => name.padEnd(22, '0');
function node(ifcClass: string, name: string, children: StructureNode[] = [], elevationM?: number): StructureNode {
  return { globalId: g(name), ifcClass, name, children, ...(elevationM === undefined ? {} : { elevationM }) };
}

describe('orderStoreysByElevation', () => {
  it('orders storeys lowest first (FZK-Haus lists Dachgeschoss 2.7 m before Erdgeschoss 0 m), spaces after', () => {
    const building = node('IfcBuilding', 'B', [
      node('IfcBuildingStorey', 'Dach', [], 2.7),
      node('IfcSpace', 'Hall'),
      node('IfcBuildingStorey', 'UG', [], -3),
      node('IfcBuildingStorey', 'EG', [], 0),
    ]);
    const ordered = orderStoreysByElevation(node('IfcProject', 'P', [node('IfcSite', 'S', [building])]));
    expect(ordered.children[0].children[0].children.map((child) => child.name)).toEqual(['UG', 'EG', 'Dach', 'Hall']);
    // The input is untouched.
    expect(building.children.map((child) => child.name)).toEqual(['Dach', 'Hall', 'UG', 'EG']);
  });

  it('keeps storeys without an elevation in file order after those with one', () => {
    const ordered = orderStoreysByElevation(
      node('IfcBuilding', 'B', [node('IfcBuildingStorey', 'x'), node('IfcBuildingStorey', '2', [], 6), node('IfcBuildingStorey', 'y'), node('IfcBuildingStorey', '1', [], 3)]),
    );
    expect(ordered.children.map((child) => child.name)).toEqual(['1', '2', 'x', 'y']);
  });

  it('parseModelStructure orders by the elevationM of structure.json', () => {
    const parsed = parseModelStructure({
      spatialTree: node('IfcBuilding', 'B', [node('IfcBuildingStorey', '2F', [], 3), node('IfcBuildingStorey', '1F', [], 0)]),
      containment: {},
    });
    expect(parsed.spatialTree?.children.map((child) => [child.name, (child as StructureNode).elevationM])).toEqual([['1F', 0], ['2F', 3]]);
  });
});

describe('elementsBelow', () => {
  it('collects a storey\'s own elements and those of its spaces', () => {
    const storey = node('IfcBuildingStorey', 'EG', [node('IfcSpace', 'R1'), node('IfcSpace', 'R2')], 0);
    const containment = { [g('EG')]: ['wall', 'slab'], [g('R1')]: ['chair'], [g('other')]: ['roof'] };
    expect([...elementsBelow(storey, containment)].sort()).toEqual(['chair', 'slab', 'wall']);
  });
});

describe('listStoreys', () => {
  it('lists the storeys of every building, lowest first, with their elevation and elements', () => {
    const structure = parseModelStructure({
      spatialTree: node('IfcProject', 'P', [node('IfcSite', 'S', [node('IfcBuilding', 'B', [node('IfcBuildingStorey', 'OG', [], 3), node('IfcBuildingStorey', 'EG', [], 0), node('IfcBuildingStorey', 'X')])])]),
      containment: { [g('EG')]: ['a', 'b'], [g('OG')]: ['c'] },
    });
    const storeys = listStoreys(structure.spatialTree, structure.containment);
    expect(storeys.map((s) => [s.name, s.elevationM, [...s.elementGlobalIds]])).toEqual([['EG', 0, ['a', 'b']], ['OG', 3, ['c']], ['X', null, []]]);
  });
});

describe('modelStructureOf', () => {
  it('takes the structure of a decoded properties.json, storeys ordered, spatial property sets dropped', () => {
    const writer = new PropertiesFileWriter();
    for (const globalId of ['1wall000000000000000aa', '1slab000000000000000aa', '1roof000000000000000aa']) {
      writer.addElement({ globalId, ifcClass: 'IfcWall', name: null, storey: null, typeName: null, material: null, propertySets: {} });
    }
    const json = [...writer.finish({
      projectName: 'P',
      spatialTree: {
        globalId: g('P'), ifcClass: 'IfcProject', name: 'P', children: [{
          globalId: g('B'), ifcClass: 'IfcBuilding', name: 'B', propertySets: { Pset_BuildingCommon: { IsLandmarked: false } }, objectType: null, children: [
            { globalId: g('OG'), ifcClass: 'IfcBuildingStorey', name: 'OG', elevationM: 2.7, children: [] },
            { globalId: g('EG'), ifcClass: 'IfcBuildingStorey', name: 'EG', elevationM: -0.1, children: [] },
          ],
        }],
      },
      containment: { [g('EG')]: ['1wall000000000000000aa', '1slab000000000000000aa'], [g('OG')]: ['1roof000000000000000aa', 'not-an-element'] },
    })].join('');
    const structure = modelStructureOf(decodePropertiesFile(JSON.parse(json)));
    const building = structure.spatialTree?.children[0];
    expect(building).toEqual({
      globalId: g('B'), ifcClass: 'IfcBuilding', name: 'B', children: [
        { globalId: g('EG'), ifcClass: 'IfcBuildingStorey', name: 'EG', elevationM: -0.1, children: [] },
        { globalId: g('OG'), ifcClass: 'IfcBuildingStorey', name: 'OG', elevationM: 2.7, children: [] },
      ],
    });
    expect(structure.containment).toEqual({ [g('EG')]: ['1wall000000000000000aa', '1slab000000000000000aa'], [g('OG')]: ['1roof000000000000000aa'] });
  });
});
