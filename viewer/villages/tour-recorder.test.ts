import { describe, expect, it } from 'vitest';
import { moveItem } from './tour-recorder';

describe('moveItem', () => {
  it('moves a stop up or down in a copy; out-of-range moves change nothing', () => {
    const stops = ['a', 'b', 'c'];
    expect(moveItem(stops, 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(stops, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(stops, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(stops, 2, 3)).toEqual(['a', 'b', 'c']);
    expect(stops).toEqual(['a', 'b', 'c']);
  });
});
