import { describe, expect, it } from 'vitest';
import { InvariantError } from '@kernel/errors';
import { kindOptions } from './kind-options';
import type { SceneLayer } from './scene-layer';

const layer: SceneLayer = {
  id: 'pipes-water',
  plate: 'lifelines',
  kind: 'tubes',
  url: '/api/geo/pipes-water',
  isVisible: true,
  style: null,
  options: { diameterProperty: 'gj' },
  data: null,
  order: 0,
};

describe('kindOptions', () => {
  it('returns the options of the matching kind', () => {
    expect(kindOptions(layer, 'tubes')).toEqual({ diameterProperty: 'gj' });
  });

  it('throws an InvariantError naming the layer for another kind', () => {
    expect(() => kindOptions(layer, 'points')).toThrow(InvariantError);
    expect(() => kindOptions(layer, 'points')).toThrow('layer pipes-water is of kind tubes, expected points');
  });
});
