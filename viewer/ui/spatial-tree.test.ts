import { describe, expect, it } from 'vitest';
import { shownLeaves } from './spatial-tree';

const ids = Array.from({ length: 1000 }, (_, i) => `e${i}`);

describe('shownLeaves', () => {
  it('shows the first page, and the selection after it when it lies further down', () => {
    expect(shownLeaves(ids, 200, null)).toEqual(ids.slice(0, 200));
    expect(shownLeaves(ids, 200, 'e17')).toEqual(ids.slice(0, 200));
    expect(shownLeaves(ids, 200, 'e900')).toEqual([...ids.slice(0, 200), 'e900']);
  });

  it('ignores a selection elsewhere, and a node within its limit shows all', () => {
    expect(shownLeaves(ids, 200, 'other')).toEqual(ids.slice(0, 200));
    expect(shownLeaves(ids.slice(0, 5), 200, 'e3')).toEqual(ids.slice(0, 5));
    expect(shownLeaves(ids, 400, 'e399')).toHaveLength(400);
  });
});
