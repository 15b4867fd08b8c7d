import { describe, expect, it } from 'vitest';
import { parseModelStructure } from './model-structure';

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
