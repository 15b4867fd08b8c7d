/**
 * Demonstration parcels (示例地块) of the `review` plate: rectangles in Nanchang's Honggutan district under the
 * sample models the twin shows (data/twin/sample-models.ts), with planning conditions of the kind a Nanchang
 * regulatory plan (控制性详细规划) sets for residential (R2) and commercial (B1) land. They are ILLUSTRATIVE, not
 * real parcels or real conditions: the seed marks them `is_demo`, and every page labels them 示例数据 / demo data.
 *
 * A rectangle is given by its centre (lon/lat degrees WGS84), its width (east–west) and depth (north–south) in
 * metres; its ring runs counter-clockwise from the south-west corner, so its edges are south, east, north, west —
 * the order of `setbacks`. Road red lines (道路红线) get 10 m (south/west faces on the demo roads), neighbours 6 m.
 */

/** One demo parcel. */
export interface DemoParcel {
  code: string;
  name: string;
  nameEn: string;
  centre: { lonDeg: number; latDeg: number };
  widthM: number;
  depthM: number;
  landUse: string;
  heightLimitM: number | null;
  farMin: number | null;
  farMax: number | null;
  densityMax: number | null;
  greenRatioMin: number | null;
  sunlightHoursMin: number | null;
  /** Setbacks of the south, east, north and west edges, metres, with what each edge borders. */
  setbacks: readonly { kind: 'road-red-line' | 'neighbour'; distanceM: number }[];
  notes: string;
}

const ROAD = 'road-red-line' as const;
const NEIGHBOUR = 'neighbour' as const;

/** Residential conditions typical of Honggutan (R2 二类居住用地, climate zone III sunlight: 大寒日 ≥ 2 h, GB 50180-2018). */
const RESIDENTIAL = { landUse: 'R2', farMin: 1.0, farMax: 2.5, densityMax: 0.3, greenRatioMin: 0.35, sunlightHoursMin: 2 } as const;

/** The demo parcels; codes `HGT-<block>-<nn>`. */
export const DEMO_PARCELS: readonly DemoParcel[] = [
  {
    code: 'HGT-A-01',
    name: '红谷滩示范住宅地块 A-01',
    nameEn: 'Honggutan demo residential parcel A-01',
    centre: { lonDeg: 115.85295, latDeg: 28.69316 },
    widthM: 90,
    depthM: 70,
    ...RESIDENTIAL,
    heightLimitM: 54,
    setbacks: [
      { kind: ROAD, distanceM: 10 },
      { kind: NEIGHBOUR, distanceM: 6 },
      { kind: NEIGHBOUR, distanceM: 6 },
      { kind: ROAD, distanceM: 10 },
    ],
    notes: '示例数据：规划条件为演示而设，非真实规划条件。Demo data: illustrative conditions, not a real planning permit.',
  },
  {
    code: 'HGT-A-02',
    name: '红谷滩示范低层住宅地块 A-02',
    nameEn: 'Honggutan demo low-rise residential parcel A-02',
    centre: { lonDeg: 115.8552, latDeg: 28.6934 },
    widthM: 40,
    depthM: 36,
    ...RESIDENTIAL,
    farMin: 0.3,
    farMax: 1.2,
    heightLimitM: 12,
    setbacks: [
      { kind: ROAD, distanceM: 5 },
      { kind: NEIGHBOUR, distanceM: 3 },
      { kind: NEIGHBOUR, distanceM: 3 },
      { kind: NEIGHBOUR, distanceM: 3 },
    ],
    notes: '示例数据：FZK-Haus 示例模型所在地块。Demo data: the parcel of the FZK-Haus sample.',
  },
  {
    code: 'HGT-B-01',
    name: '红谷滩示范商业地块 B-01',
    nameEn: 'Honggutan demo commercial parcel B-01',
    centre: { lonDeg: 115.858, latDeg: 28.6915 },
    widthM: 110,
    depthM: 80,
    landUse: 'B1',
    heightLimitM: 80,
    farMin: 1.5,
    farMax: 4.0,
    densityMax: 0.45,
    greenRatioMin: 0.2,
    sunlightHoursMin: null,
    setbacks: [
      { kind: ROAD, distanceM: 15 },
      { kind: ROAD, distanceM: 10 },
      { kind: NEIGHBOUR, distanceM: 8 },
      { kind: NEIGHBOUR, distanceM: 8 },
    ],
    notes: '示例数据：Institute 示例模型所在地块。Demo data: the parcel of the Institute sample.',
  },
];
