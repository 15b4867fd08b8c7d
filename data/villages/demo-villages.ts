import type { BuildingType } from './building-types';
import type { PoiKind } from './poi-kinds';
import type { VillageTheme } from './themes';

/**
 * Demo content of the village museum (示例内容): six real Jiangxi traditional villages, tied to their official
 * statistical codes in `../shared/data/villages/jiangxi_villages_2023.csv`, with SAMPLE TEXT written for this
 * demo (not taken from any publication) and generated imagery (server/villages/media/demo-imagery.ts). Every page
 * of a demo village says so.
 *
 * Positions: the register has no coordinates and no surveyed point is on file, so each village is placed at its
 * county's label point (`regions.center`) and marked unverified (位置待核实) until a curator sets the real point.
 * Buildings, points of interest and tour stops are laid out in metres east/north of that point (a schematic
 * scene, not a survey; one village per county gets one, see `hasScene`). National batches are illustrative and
 * must be checked by a curator before real use.
 */

/** A footprint as a rectangle in metres around an offset from the village point (rotated `rotationDeg` CCW). */
export interface DemoFootprint {
  eastM: number;
  northM: number;
  widthM: number;
  depthM: number;
  rotationDeg: number;
}

export interface DemoBuilding {
  key: string;
  nameZh: string;
  nameEn: string;
  eraZh: string;
  eraEn: string;
  buildingType: BuildingType;
  protectionLevel: 'national' | 'provincial' | 'municipal' | 'county' | 'historic-building' | 'none';
  descriptionZh: string;
  descriptionEn: string;
  footprint: DemoFootprint;
  heightM: number;
}

export interface DemoPoi {
  kind: PoiKind;
  nameZh: string;
  nameEn: string;
  eastM: number;
  northM: number;
}

export interface DemoVillage {
  /** 12-digit statistical code (register). */
  code: string;
  nameZh: string;
  nameEn: string;
  nationalBatch: number | null;
  themes: VillageTheme[];
  summaryZh: string;
  summaryEn: string;
  sections: { overview: string; history?: string; customs?: string; crafts?: string };
  buildings: DemoBuilding[];
  pois: DemoPoi[];
  /** Number of generated panoramas (linked in a loop by hotspots). */
  panoramaCount: number;
  /**
   * Whether the schematic scene (boundary, footprints, points of interest) is laid out. False for a second village of
   * the same county: both sit at the county's label point, and two schematic scenes would overlap there.
   */
  hasScene: boolean;
}

const SAMPLE_NOTE_ZH = '\n\n> 示例文字：本段为演示用示例内容，请由策展人替换为经核实的资料。';
const SAMPLE_NOTE_EN = '\n\n> Sample text written for the demo; a curator replaces it with verified material.';

/** Appends the sample-text note to a Markdown body. */
export function demoText(zh: string): string {
  return `${zh}${SAMPLE_NOTE_ZH}`;
}

/** The note an English sample text carries. */
export const DEMO_NOTE_EN = SAMPLE_NOTE_EN;

const hall = (key: string, nameZh: string, nameEn: string, eastM: number, northM: number, rotationDeg = 0): DemoBuilding => ({
  key,
  nameZh,
  nameEn,
  eraZh: '清代（示例）',
  eraEn: 'Qing dynasty (sample)',
  buildingType: 'ancestral-hall',
  protectionLevel: 'county',
  descriptionZh: '祠堂为三进院落，前有门楼，中为享堂，后为寝堂。（示例文字）',
  descriptionEn: 'A hall of three courtyards: gatehouse, sacrificial hall and rear hall. (Sample text)',
  footprint: { eastM, northM, widthM: 16, depthM: 38, rotationDeg },
  heightM: 9,
});

const house = (key: string, nameZh: string, nameEn: string, eastM: number, northM: number, rotationDeg = 0): DemoBuilding => ({
  key,
  nameZh,
  nameEn,
  eraZh: '清代至民国（示例）',
  eraEn: 'Qing dynasty to Republic (sample)',
  buildingType: 'residence',
  protectionLevel: 'historic-building',
  descriptionZh: '两层砖木结构民居，天井采光，粉墙黛瓦，马头墙层层跌落。（示例文字）',
  descriptionEn: 'A two-storey brick and timber house around a skywell, white walls, dark tiles and stepped gable walls. (Sample text)',
  footprint: { eastM, northM, widthM: 12, depthM: 14, rotationDeg },
  heightM: 7.5,
});

/** The demo villages, in seed order. */
export const DEMO_VILLAGES: readonly DemoVillage[] = [
  {
    code: '361130102204',
    nameZh: '李坑村',
    nameEn: 'Likeng',
    nationalBatch: 2,
    themes: ['huizhou-architecture', 'farming-and-study', 'landscape'],
    summaryZh: '婺源县秋口镇的徽派古村，溪水穿村而过，石桥、民居与祠堂沿溪分布。（示例文字）',
    summaryEn: 'A Huizhou-style village in Wuyuan county: a stream runs through it, lined with stone bridges, houses and halls. (Sample text)',
    sections: {
      overview: demoText('李坑村坐落在山间谷地，村落沿溪而建，**小桥流水**与粉墙黛瓦构成典型的徽州村落景观。\n\n- 村落格局：一溪两岸，巷道垂直于溪流\n- 建筑特色：天井院落、马头墙、木雕门罩'),
      history: demoText('相传村落始建于宋代，由李姓先祖迁居于此，历代以耕读传家，留下书院与宗祠。'),
      customs: demoText('每逢春节，村中举行祭祖与傩舞表演；端午前后沿溪赛龙舟。'),
      crafts: demoText('婺源绿茶、歙砚与木雕是当地传统技艺的代表；糊豆腐、清明粿是家常美食。'),
    },
    buildings: [
      hall('hall', '李氏宗祠', 'Li Clan Ancestral Hall', 0, 40),
      house('house-1', '铜绿坊', 'Tonglüfang House', -45, -10, 12),
      house('house-2', '大夫第', 'Dafudi Mansion', 35, -25, -8),
      { ...house('bridge', '通济桥', 'Tongji Bridge', 0, -55), buildingType: 'bridge', footprint: { eastM: 0, northM: -55, widthM: 4, depthM: 18, rotationDeg: 90 }, heightM: 3 },
    ],
    pois: [
      { kind: 'entrance', nameZh: '村口水口林', nameEn: 'Village entrance grove', eastM: -120, northM: -90 },
      { kind: 'well', nameZh: '古井', nameEn: 'Old well', eastM: 20, northM: 10 },
      { kind: 'viewpoint', nameZh: '后山观景台', nameEn: 'Hillside viewpoint', eastM: 90, northM: 140 },
    ],
    hasScene: true,
    panoramaCount: 2,
  },
  {
    code: '361025105207',
    nameZh: '流坑村',
    nameEn: 'Liukeng',
    nationalBatch: 1,
    themes: ['gan-architecture', 'clan-culture', 'farming-and-study'],
    summaryZh: '乐安县牛田镇的董氏聚居古村，街巷呈棋盘式布局，祠堂与书院众多。（示例文字）',
    summaryEn: 'A village of the Dong clan in Le’an county, laid out on a grid of lanes with many halls and academies. (Sample text)',
    sections: {
      overview: demoText('流坑村三面环水，村内七横一竖的巷道格局保存完整，是赣派古村的代表。'),
      history: demoText('董氏先祖于五代时期迁居流坑，宋明两代科第兴盛，村中至今保存大量明清建筑。'),
      customs: demoText('正月的傩舞、灯会与祭祖仪式是村中最重要的节庆。'),
    },
    buildings: [
      hall('hall', '董氏大宗祠遗址', 'Site of the Dong Clan Great Hall', 0, 60),
      { ...house('academy', '文馆', 'Wenguan Academy', -50, 10), buildingType: 'academy', protectionLevel: 'provincial', heightM: 8 },
      house('house-1', '状元楼', 'Zhuangyuan House', 40, -20),
      { ...house('stage', '古戏台', 'Old opera stage', 10, -60), buildingType: 'stage', heightM: 8, footprint: { eastM: 10, northM: -60, widthM: 10, depthM: 10, rotationDeg: 0 } },
    ],
    pois: [
      { kind: 'pier', nameZh: '乌江码头', nameEn: 'Wujiang landing', eastM: -150, northM: 0 },
      { kind: 'lane', nameZh: '七横一竖巷', nameEn: 'The grid of lanes', eastM: 0, northM: 0 },
    ],
    hasScene: true,
    panoramaCount: 2,
  },
  {
    code: '361130103203',
    nameZh: '汪口村',
    nameEn: 'Wangkou',
    nationalBatch: 1,
    themes: ['huizhou-architecture', 'trade-town'],
    summaryZh: '婺源县江湾镇的古埠头村落，一条官路正街串起沿河商铺与宗祠。（示例文字）',
    summaryEn: 'An old river port in Wuyuan county: one main street strings shops and a hall along the river. (Sample text)',
    sections: { overview: demoText('汪口村依河而建，旧时为水运码头，官路正街两侧店铺林立。') },
    buildings: [hall('hall', '俞氏宗祠', 'Yu Clan Ancestral Hall', 10, 30)],
    pois: [{ kind: 'pier', nameZh: '古埠头', nameEn: 'Old landing', eastM: -60, northM: -40 }],
    hasScene: false,
    panoramaCount: 1,
  },
  {
    code: '361130205202',
    nameZh: '理坑村',
    nameEn: 'Likeng (Lǐkēng)',
    nationalBatch: 1,
    themes: ['huizhou-architecture', 'farming-and-study'],
    summaryZh: '婺源县沱川乡的“书乡”，官宅与民居保存较多。（示例文字）',
    summaryEn: 'The “village of scholars” in Wuyuan county, with many official residences. (Sample text)',
    sections: { overview: demoText('理坑村崇尚读书，村中官宅、书屋与民居沿溪排列。') },
    buildings: [house('house-1', '司马第', 'Simadi Residence', 0, 0)],
    pois: [],
    hasScene: false,
    panoramaCount: 0,
  },
  {
    code: '360803105200',
    nameZh: '渼陂村',
    nameEn: 'Meipi',
    nationalBatch: 1,
    themes: ['gan-architecture', 'red-culture', 'trade-town'],
    summaryZh: '吉安市青原区文陂镇的古村，有古街、祠堂与革命旧址。（示例文字）',
    summaryEn: 'A village in Qingyuan district, Ji’an, with an old street, halls and revolutionary sites. (Sample text)',
    sections: {
      overview: demoText('渼陂村以池塘为中心布局，古街沿塘展开，书院、祠堂与店铺相间。'),
      history: demoText('近代这里曾是重要会议的旧址所在地，村中留有多处革命纪念建筑。'),
    },
    buildings: [hall('hall', '梁氏宗祠', 'Liang Clan Ancestral Hall', 0, 20), house('house-1', '古街商铺', 'Shop on the old street', 40, -30)],
    pois: [{ kind: 'pond', nameZh: '村前池塘', nameEn: 'Village pond', eastM: -20, northM: -40 }],
    hasScene: true,
    panoramaCount: 1,
  },
  {
    code: '360802100200',
    nameZh: '钓源村',
    nameEn: 'Diaoyuan',
    nationalBatch: 2,
    themes: ['gan-architecture', 'clan-culture'],
    summaryZh: '吉安市吉州区兴桥镇的欧阳氏古村，村落隐于樟树林中。（示例文字）',
    summaryEn: 'A village of the Ouyang clan in Jizhou district, Ji’an, hidden in a camphor grove. (Sample text)',
    sections: { overview: demoText('钓源村四周樟树环抱，村内巷道曲折，保存有明清民居百余栋。') },
    buildings: [house('house-1', '欧阳民居', 'Ouyang Residence', 0, 0, 20)],
    pois: [{ kind: 'tree', nameZh: '古樟林', nameEn: 'Old camphor grove', eastM: 60, northM: 60 }],
    hasScene: true,
    panoramaCount: 0,
  },
];
