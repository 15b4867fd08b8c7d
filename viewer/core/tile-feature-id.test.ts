import { describe, expect, it } from 'vitest';
import { tileFeatureId } from './tile-feature-id';

function reader(properties: Record<string, unknown>): (name: string) => unknown {
  return (name) => properties[name];
}

describe('tileFeatureId', () => {
  it('prefers id, then globalId, then name', () => {
    expect(tileFeatureId(reader({ id: 'b-17', globalId: '2O2Fr$t4X7Zf8NOew3FLOH', name: 'Tower A' }), 3)).toBe('b-17');
    expect(tileFeatureId(reader({ globalId: '2O2Fr$t4X7Zf8NOew3FLOH', name: 'Tower A' }), 3)).toBe('2O2Fr$t4X7Zf8NOew3FLOH');
    expect(tileFeatureId(reader({ id: '', name: 'Tower A' }), 3)).toBe('Tower A');
  });

  it('accepts numeric ids and falls back to the feature index', () => {
    expect(tileFeatureId(reader({ id: 1024 }), 3)).toBe('1024');
    expect(tileFeatureId(reader({ id: Number.NaN, height: 30 }), 3)).toBe('3');
    expect(tileFeatureId(reader({}), 0)).toBe('0');
  });
});
