import { describe, expect, it } from 'vitest';
import { formatBytes, percentOf } from './format';

describe('review formatting', () => {
  it('formats byte sizes with binary units', () => {
    expect(formatBytes(500, 'en')).toBe('500 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(500 * 1024 ** 2, 'en')).toBe('500 MB');
    expect(formatBytes(3.25 * 1024 ** 3, 'zh-CN')).toBe('3.3 GB');
  });
  it('clamps percentages', () => {
    expect(percentOf(0.456)).toBe(46);
    expect(percentOf(1.2)).toBe(100);
    expect(percentOf(-0.1)).toBe(0);
  });
});
