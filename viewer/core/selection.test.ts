import { describe, expect, it } from 'vitest';
import { isGlobalId, isSameSelection } from './selection';

describe('isGlobalId', () => {
  it('accepts 22-character IFC base64 ids', () => {
    expect(isGlobalId('2XQ$n5SLP5MBLyL442paFx')).toBe(true);
    expect(isGlobalId('0_Z6dcqVz0Iu5W4XQ__d$a')).toBe(true);
  });
  it('rejects wrong length or characters', () => {
    expect(isGlobalId('2XQ$n5SLP5MBLyL442paF')).toBe(false);
    expect(isGlobalId('2XQ$n5SLP5MBLyL442paFxx')).toBe(false);
    expect(isGlobalId('2XQ$n5SLP5MBLyL442pa-x')).toBe(false);
    expect(isGlobalId('4XQ$n5SLP5MBLyL442paFx')).toBe(false); // first character encodes 2 bits: 0-3
    expect(isGlobalId('zXQ$n5SLP5MBLyL442paFx')).toBe(false);
    expect(isGlobalId("'; drop table elements--")).toBe(false);
  });
});

describe('isSameSelection', () => {
  const a = { tilesetId: 'model-1', globalId: '2XQ$n5SLP5MBLyL442paFx' };
  it('compares tileset and GlobalId', () => {
    expect(isSameSelection(a, { ...a })).toBe(true);
    expect(isSameSelection(a, { ...a, tilesetId: 'model-2' })).toBe(false);
    expect(isSameSelection(null, null)).toBe(true);
    expect(isSameSelection(a, null)).toBe(false);
  });
});
