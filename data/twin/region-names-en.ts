/**
 * English names of Jiangxi and its 11 prefecture-level cities (Hanyu Pinyin without tones, as the cities write them
 * in English), by GB/T 2260 code. The region table holds Chinese names only; search (server/twin/search-service.ts)
 * and labels read English from here. Counties have no entry yet (their English label falls back to the Chinese name).
 * @see GB/T 2260 (codes); GB/T 16159-2012 (Pinyin orthography: 吉安 → Ji'an)
 */
export const REGION_NAMES_EN: Readonly<Record<string, string>> = {
  '360000': 'Jiangxi',
  '360100': 'Nanchang',
  '360200': 'Jingdezhen',
  '360300': 'Pingxiang',
  '360400': 'Jiujiang',
  '360500': 'Xinyu',
  '360600': 'Yingtan',
  '360700': 'Ganzhou',
  '360800': "Ji'an",
  '360900': 'Yichun',
  '361000': 'Fuzhou',
  '361100': 'Shangrao',
};
