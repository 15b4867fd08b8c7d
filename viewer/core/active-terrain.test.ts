import { describe, expect, it } from 'vitest';
import { chooseActiveTerrain, type TerrainCandidate } from './active-terrain';

function candidate(id: string, order: number, attachSerial: number, patch: Partial<TerrainCandidate> = {}): TerrainCandidate {
  return { id, order, attachSerial, isVisible: true, isLoaded: true, ...patch };
}

describe('chooseActiveTerrain', () => {
  it('picks the visible, loaded layer with the highest order, then the latest attach', () => {
    expect(chooseActiveTerrain([candidate('dem-5m', 2, 1), candidate('dem-30m', 1, 2)])).toBe('dem-5m');
    expect(chooseActiveTerrain([candidate('a', 1, 1), candidate('b', 1, 3), candidate('c', 1, 2)])).toBe('b');
  });

  it('skips hidden layers and layers still loading (or failed)', () => {
    const layers = [candidate('dem-30m', 1, 1), candidate('dem-5m', 2, 2, { isLoaded: false }), candidate('dem-1m', 3, 3, { isVisible: false })];
    expect(chooseActiveTerrain(layers)).toBe('dem-30m');
  });

  it('returns null when nothing qualifies (the globe falls back to the ellipsoid)', () => {
    expect(chooseActiveTerrain([])).toBeNull();
    expect(chooseActiveTerrain([candidate('a', 1, 1, { isVisible: false })])).toBeNull();
  });
});
