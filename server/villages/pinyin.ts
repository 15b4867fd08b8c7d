import { pinyin } from 'pinyin-pro';

/** Search keys of a Chinese name: full pinyin and initials, lower case, no tones, no spaces. */
export interface PinyinKeys {
  /** e.g. `likengcun` for 李坑村. */
  pinyin: string;
  /** e.g. `lkc` for 李坑村. */
  initials: string;
}

/**
 * Pinyin search keys of a name (pinyin-pro, most frequent reading of polyphonic characters). Characters that are not
 * Han are kept when they are ASCII letters or digits and dropped otherwise (punctuation, spaces).
 * @param text a name, e.g. `渼陂村` → `{ pinyin: 'meibeicun', initials: 'mbc' }`
 */
export function pinyinKeys(text: string): PinyinKeys {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const words = syllables.map((syllable) => syllable.toLowerCase().replace(/[^a-z0-9]/g, '')).filter((word) => word.length > 0);
  return { pinyin: words.join(''), initials: words.map((word) => word[0]).join('') };
}

/**
 * Normalises a search query for pinyin matching: lower case, letters and digits only (`"Li Keng"` → `likeng`).
 * Empty when the query holds no ASCII letter or digit (a Chinese query matches names instead).
 */
export function pinyinQuery(query: string): string {
  return query.toLowerCase().replace(/[^a-z0-9]/g, '');
}
