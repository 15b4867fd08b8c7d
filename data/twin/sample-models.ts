/**
 * The demo models the main command converts and shows in the city twin. Files are read at run time from
 * `../shared/data/ifc/` (never copied into the product: some are GPL-3.0, see that folder's SOURCES.md).
 *
 * Georeferencing rule (issue #2): models that carry real georeferencing keep it — the Nanchang residential sample
 * (IfcMapConversion → CGCS2000 / EPSG:4548) and the IFC4X3 infrastructure models (roads, railway). Building samples
 * whose georeferencing points to Germany, the USA or Japan are placed on demonstration parcels in Nanchang's
 * Honggutan district by an explicit placement (lon/lat in degrees WGS84 ≈ CGCS2000, height in metres, heading =
 * azimuth of the model's +Y axis clockwise from true north, degrees).
 *
 * Parcels lie east and south of the residential sample (28.6931596° N, 115.8529484° E), ≈ 100–200 m apart
 * (0.001° of longitude ≈ 97.6 m, of latitude ≈ 110.9 m at 28.7° N). They are illustrative, not real parcels.
 */
import type { Placement } from '@tiling/index';

/** One demo model: which shared IFC file, under which name, placed where. */
export interface SampleModel {
  /** Display name (zh-CN). */
  name: string;
  /** Display name in English (`models.name_en`). */
  nameEn: string;
  /** File name inside `../shared/data/ifc/`. */
  fileName: string;
  /** Explicit placement; absent = use the file's own georeferencing. */
  placement?: Placement;
  /** Administrative region (6-digit code) the model belongs to, or null when outside Jiangxi. */
  regionCode: string | null;
  /** Converted by the end-to-end test set-up (small, quick models). */
  isTestSample: boolean;
  /** Who may see it (default `public`: the demo models are published; see server/twin/model-access.ts). */
  visibility?: 'public' | 'internal';
  /** Directory of `fileName`: the shared sample data (default) or this repository's `data/fixtures/`. */
  source?: 'shared' | 'fixtures';
}

/** Admin code of 南昌市 (Nanchang), the region of every placed sample. */
const NANCHANG = '360100';

/** A placement on the ground (height 0 m) at lon/lat degrees WGS84, heading degrees clockwise from north. */
function parcel(lonDeg: number, latDeg: number, headingDeg = 0): Placement {
  return { lonDeg, latDeg, heightM: 0, headingDeg };
}

/** The demo models: Nanchang (own or placed) first, then the infrastructure samples kept at their real locations abroad. */
export const SAMPLE_MODELS: readonly SampleModel[] = [
  { name: '南昌红谷滩示范住宅 1# 楼', nameEn: 'Honggutan demo residence, building 1', fileName: 'nanchang-residential-sample.ifc', regionCode: NANCHANG, isTestSample: true },
  { name: 'FZK-Haus 独立住宅（示例）', nameEn: 'FZK-Haus detached house (sample)', fileName: 'AC20-FZK-Haus.ifc', placement: parcel(115.8552, 28.6934), regionCode: NANCHANG, isTestSample: true },
  { name: 'IfcOpenHouse 小屋（示例）', nameEn: 'IfcOpenHouse cottage (sample)', fileName: 'IfcOpenHouse_IFC4.ifc', placement: parcel(115.8566, 28.6934), regionCode: NANCHANG, isTestSample: false },
  { name: 'Duplex 双拼住宅（示例）', nameEn: 'Duplex semi-detached house (sample)', fileName: 'duplex.ifc', placement: parcel(115.8552, 28.6918, 15), regionCode: NANCHANG, isTestSample: false },
  { name: 'Institute 办公楼（示例）', nameEn: 'Institute office building (sample)', fileName: 'AC11-Institute-Var-2-IFC.ifc', placement: parcel(115.8580, 28.6915), regionCode: NANCHANG, isTestSample: false },
  { name: 'Janesville 餐厅（示例）', nameEn: 'Janesville restaurant (sample)', fileName: 'revit2012_janesville_restaurant.ifc', placement: parcel(115.8530, 28.6898), regionCode: NANCHANG, isTestSample: false },
  { name: 'Revit 日文名称测试模型', nameEn: 'Revit Japanese-names test model', fileName: 'revit2014_unicode_japanese.ifc', placement: parcel(115.8566, 28.6899), regionCode: NANCHANG, isTestSample: false },
  { name: '风管配件（MEP 示例）', nameEn: 'Duct fitting (MEP sample)', fileName: 'IfcOpenShell_1269_Project_IfcDuctFitting.ifc', placement: parcel(115.8578, 28.6899), regionCode: NANCHANG, isTestSample: false },
  { name: 'KIT 简易道路（IFC4X3，阿布扎比）', nameEn: 'KIT simple road (IFC4X3, Abu Dhabi)', fileName: 'KIT-Simple-Road-Test-Web-IFC4x3_RC2.ifc', regionCode: null, isTestSample: false },
  { name: 'OpenRoads 道路（IFC4X3，北卡罗来纳）', nameEn: 'OpenRoads road (IFC4X3, North Carolina)', fileName: 'Bentley_OpenRoads_road_test2_IFC4X3_RC4.ifc', regionCode: null, isTestSample: false },
  { name: 'San Martino–Tufara 铁路轨道（IFC4X3）', nameEn: 'San Martino–Tufara railway track (IFC4X3)', fileName: 'ACCA_RFI_Track_07_San_Martino-Tufara_IFC4X3_ADD2.zip', regionCode: null, isTestSample: false },
  { name: '高斯-克吕格地理参照测试（IFC4X3）', nameEn: 'Gauss–Krüger georeferencing test (IFC4X3)', fileName: 'geographic-referencing-gk_IFC4X3.ifc', regionCode: null, isTestSample: false },
];
// RioleringTestArkey.ifc is left out: it has no geometry (Representation is `$`), so it has nothing to show.
