import type { SensorType } from './sensor-types';

/**
 * Demo sensors (示例数据, labelled as such) in central Nanchang, placed along real streets (positions read off the
 * street centre lines, lon/lat degrees WGS84, ± tens of metres): combustible gas in manholes, water-supply pressure
 * at valves, manhole water level on drainage wells. No readings: `npm run simulate` (a later session) sends them.
 * Region codes: 东湖区 360102, 西湖区 360103, 青山湖区 360111, 红谷滩区 360113 (GB/T 2260).
 */

/** A street as a polyline (lon/lat degrees) and the district it lies in. */
interface DemoStreet {
  key: string;
  nameZh: string;
  regionCode: string;
  line: [number, number][];
}

const STREETS: readonly DemoStreet[] = [
  { key: 'BYDD', nameZh: '八一大道', regionCode: '360102', line: [[115.9045, 28.6620], [115.9038, 28.6750], [115.9030, 28.6860]] },
  { key: 'ZSL', nameZh: '中山路', regionCode: '360103', line: [[115.8790, 28.6805], [115.8920, 28.6815], [115.9040, 28.6822]] },
  { key: 'YML', nameZh: '阳明路', regionCode: '360102', line: [[115.9050, 28.6858], [115.9200, 28.6866], [115.9330, 28.6872]] },
  { key: 'HGZD', nameZh: '红谷中大道', regionCode: '360113', line: [[115.8480, 28.6830], [115.8560, 28.6890], [115.8640, 28.6950]] },
  { key: 'XJDD', nameZh: '象湖/洪城路', regionCode: '360103', line: [[115.8830, 28.6600], [115.8950, 28.6585], [115.9040, 28.6575]] },
  { key: 'QSNL', nameZh: '青山南路', regionCode: '360111', line: [[115.9330, 28.6700], [115.9335, 28.6800], [115.9340, 28.6880]] },
];

/** Sensor kinds placed along every street: type, asset kind, code part, name part. */
const KINDS: readonly { type: SensorType; assetKind: string; code: string; nameZh: string }[] = [
  { type: 'gas', assetKind: 'manhole', code: 'GAS', nameZh: '燃气窨井可燃气体' },
  { type: 'water-pressure', assetKind: 'valve', code: 'WP', nameZh: '供水管网压力' },
  { type: 'water-level', assetKind: 'manhole', code: 'WL', nameZh: '雨水井水位' },
];

/** One demo sensor as seeded. */
export interface DemoSensor {
  code: string;
  name: string;
  type: SensorType;
  position: [number, number];
  assetKind: string;
  /** Demo asset ids: the lifelines plate's demo network is not linked yet. */
  assetId: string;
  regionCode: string;
}

/** Point at fraction f (0–1) along a polyline, by vertex-count interpolation (short lines: fine for a demo). */
function along(line: readonly [number, number][], f: number): [number, number] {
  const scaled = f * (line.length - 1);
  const i = Math.min(line.length - 2, Math.floor(scaled));
  const t = scaled - i;
  return [Number((line[i][0] + (line[i + 1][0] - line[i][0]) * t).toFixed(6)), Number((line[i][1] + (line[i + 1][1] - line[i][1]) * t).toFixed(6))];
}

/** 6 streets × 3 kinds × 2 positions = 36 demo sensors, deterministic. */
export const DEMO_SENSORS: readonly DemoSensor[] = STREETS.flatMap((street) =>
  KINDS.flatMap((kind, k) =>
    [0, 1].map((n): DemoSensor => {
      const f = 0.15 + 0.35 * n + 0.1 * k;
      const code = `DEMO-NC-${street.key}-${kind.code}-${n + 1}`;
      return { code, name: `${street.nameZh}${kind.nameZh} ${n + 1}（示例）`, type: kind.type, position: along(street.line, f), assetKind: kind.assetKind, assetId: code.toLowerCase(), regionCode: street.regionCode };
    }),
  ),
);
