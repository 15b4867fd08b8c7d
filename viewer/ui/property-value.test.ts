import { describe, expect, it } from 'vitest';
import { formatPropertyValue, sortPropertySetNames } from './property-value';

describe('formatPropertyValue', () => {
  it('formats booleans, null and numbers per locale', () => {
    expect(formatPropertyValue(true, 'zh-CN')).toBe('是');
    expect(formatPropertyValue(false, 'en')).toBe('No');
    expect(formatPropertyValue(null, 'en')).toBe('—');
    expect(formatPropertyValue(2160, 'zh-CN')).toBe('2,160');
    expect(formatPropertyValue(0.123456, 'en')).toBe('0.1235');
  });
  it('returns text unchanged, including markup characters', () => {
    expect(formatPropertyValue('<img src=x onerror=alert(1)>', 'en')).toBe('<img src=x onerror=alert(1)>');
    expect(formatPropertyValue('加气混凝土砌块', 'zh-CN')).toBe('加气混凝土砌块');
  });
});

describe('sortPropertySetNames', () => {
  it('puts Pset_ first, then Qto_, then others', () => {
    expect(sortPropertySetNames(['Custom', 'Qto_WallBaseQuantities', 'Pset_WallCommon', 'ArchiCADProperties'])).toEqual([
      'Pset_WallCommon',
      'Qto_WallBaseQuantities',
      'ArchiCADProperties',
      'Custom',
    ]);
  });
});
