import { describe, expect, it } from 'vitest';
import { formatSelectionParam, isGlobalId, isSameSelection, parseSelectionParam } from './selection';

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

describe('sel URL values (parseSelectionParam / formatSelectionParam)', () => {
  it('round-trips plate, layer and a feature id that may contain ":"', () => {
    const selection = { plate: 'lifelines', layerId: 'water-pipes', featureId: 'seg:42' };
    expect(parseSelectionParam(formatSelectionParam(selection))).toEqual(selection);
    const twin = { plate: 'twin', layerId: 'model-0b5e8c2e-4f1c-4d1e-9a53-3c6f0d0c9a11', featureId: '2XQ$n5SLP5MBLyL442paFx' };
    expect(parseSelectionParam(formatSelectionParam(twin))).toEqual(twin);
  });

  it('accepts non-ASCII text and surrogate pairs in a feature id', () => {
    expect(parseSelectionParam('villages:village-points:上饶婺源县江湾村')?.featureId).toBe('上饶婺源县江湾村');
    expect(parseSelectionParam('reports:reports-points:𠀀-1')?.featureId).toBe('𠀀-1');
  });

  it('reads a bare GlobalId (links made before plates) as a twin selection without layer', () => {
    expect(parseSelectionParam('2XQ$n5SLP5MBLyL442paFx')).toEqual({ plate: 'twin', layerId: '', featureId: '2XQ$n5SLP5MBLyL442paFx' });
  });

  it.each([
    ['empty', ''],
    ['no separators', '<script>'],
    ['an upper-case plate', 'Twin:model-1:x'],
    ['a layer id with a slash', 'twin:../etc:x'],
    ['an empty feature id', 'twin:model-1:'],
    ['a control character', 'twin:model-1:a\u0000b'],
    ['a 129-character feature id', `twin:model-1:${'x'.repeat(129)}`],
    ['a 65-character layer id', `twin:${'a'.repeat(65)}:x`],
    ['a 21-letter plate', `${'p'.repeat(21)}:model-1:x`],
    ['a right-to-left override', 'twin:model-1:ab\u202ecd'],
    ['a C1 control', 'twin:model-1:a\u0085b'],
    ['DEL', 'twin:model-1:a\u007fb'],
    ['a line separator', 'twin:model-1:a\u2028b'],
    ['a lone surrogate', 'twin:model-1:a\ud800b'],
  ])('refuses %s', (_name, value) => {
    expect(parseSelectionParam(value)).toBeNull();
  });
});
