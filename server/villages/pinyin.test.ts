import { describe, expect, it } from 'vitest';
import { pinyinKeys, pinyinQuery } from './pinyin';

describe('pinyinKeys', () => {
  it('gives full pinyin and initials without tones', () => {
    expect(pinyinKeys('李坑村')).toEqual({ pinyin: 'likengcun', initials: 'lkc' });
    expect(pinyinKeys('渼陂村')).toEqual({ pinyin: 'meibeicun', initials: 'mbc' });
  });
  it('drops punctuation and keeps ASCII letters and digits', () => {
    expect(pinyinKeys('汪口 (A2)')).toEqual({ pinyin: 'wangkoua2', initials: 'wka' });
  });
});

describe('pinyinQuery', () => {
  it('keeps letters and digits only, lower case', () => {
    expect(pinyinQuery(' Li Keng ')).toBe('likeng');
    expect(pinyinQuery('李坑')).toBe('');
  });
});
