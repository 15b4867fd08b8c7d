import { describe, expect, it } from 'vitest';
import { withDefaults } from './with-defaults';

describe('withDefaults', () => {
  it('keeps a default when the option is undefined, and takes every defined value (also 0 and false)', () => {
    const defaults = { maxTrianglesPerTile: 250_000, boxPaddingM: 0.005, isEnabled: true };
    const merged = withDefaults(defaults, { maxTrianglesPerTile: undefined, boxPaddingM: 0, isEnabled: false });
    expect(merged).toEqual({ maxTrianglesPerTile: 250_000, boxPaddingM: 0, isEnabled: false });
    expect(defaults.maxTrianglesPerTile).toBe(250_000);
  });
});
