import type { SensorType } from './sensor-types';

/**
 * The default alarm rules of the `sensors` plate (告警规则), seeded into `sensors_alarm_rules` when absent (a rule
 * tuned in the database is never overwritten). Levels 1–3, 3 = most severe. Each threshold carries its source; a
 * level marked "project choice" is this project's default, to be confirmed by the operating unit.
 *
 * Sources (check each clause against the edition in force before relying on it; marked "verify" where unverified):
 * - Utility-tunnel combustible gas: alarm at ≤ 20 %LEL, emergency cut-off at ≤ 35 %LEL (issue #11, DOMAIN.md
 *   城市生命线; GB 50838-2015 城市综合管廊工程技术规范 §7.5 天然气管道舱 — verify clause).
 * - Water-supply pressure: service pressure at the network's far end not below 0.14 MPa (CJJ 207-2013 城镇供水管网
 *   运行、维护及安全技术规程 — verify clause); high-pressure levels depend on the pipe's pressure class: project choice.
 * - Construction-site boundary noise: 70 dB(A) by day (06:00–22:00), 55 dB(A) by night (GB 12523-2011 建筑施工场界
 *   环境噪声排放标准 §4.1, table 1).
 * - Manhole water level and rates of change: project choices (no national threshold).
 */

/** One rule as seeded (the row of `sensors_alarm_rules` without ids and timestamps). */
export interface AlarmRuleDefinition {
  code: string;
  name: string;
  sensorType: SensorType;
  assetKind: string | null;
  kind: 'threshold' | 'rate-of-change' | 'no-data';
  direction: 'above' | 'below';
  /** Thresholds of levels 1–3 (sensor unit; unit per minute for rates; seconds for no-data), null = unused level. */
  level1: number | null;
  level2: number | null;
  level3: number | null;
  level1Source: string;
  level2Source: string;
  level3Source: string;
  /** Local window (Asia/Shanghai minutes after midnight, [from, to)), null = all day. */
  activeFromMinute: number | null;
  activeToMinute: number | null;
}

const PROJECT = 'project choice (项目设定, to be confirmed by the operating unit)';
const GAS_TUNNEL = 'GB 50838-2015 §7.5 / issue #11: utility-tunnel gas';
const NOISE = 'GB 12523-2011 §4.1 table 1';

/** The default rules. */
export const DEFAULT_ALARM_RULES: readonly AlarmRuleDefinition[] = [
  {
    code: 'gas-lel',
    name: '可燃气体浓度超限 Combustible gas above limit',
    sensorType: 'gas',
    assetKind: null,
    kind: 'threshold',
    direction: 'above',
    level1: 10,
    level2: 20,
    level3: 35,
    level1Source: `${PROJECT}: early warning at half the 20 %LEL alarm value`,
    level2Source: `${GAS_TUNNEL} alarm value ≤ 20 %LEL`,
    level3Source: `${GAS_TUNNEL} emergency cut-off ≤ 35 %LEL`,
    activeFromMinute: null,
    activeToMinute: null,
  },
  {
    code: 'gas-lel-rising',
    name: '可燃气体浓度快速上升 Combustible gas rising fast',
    sensorType: 'gas',
    assetKind: null,
    kind: 'rate-of-change',
    direction: 'above',
    level1: 2,
    level2: 5,
    level3: null,
    level1Source: `${PROJECT}: +2 %LEL per minute`,
    level2Source: `${PROJECT}: +5 %LEL per minute`,
    level3Source: '',
    activeFromMinute: null,
    activeToMinute: null,
  },
  {
    code: 'water-pressure-low',
    name: '管网压力过低 Water pressure low',
    sensorType: 'water-pressure',
    assetKind: null,
    kind: 'threshold',
    direction: 'below',
    level1: 0.16,
    level2: 0.14,
    level3: 0.1,
    level1Source: `${PROJECT}: margin above the 0.14 MPa service minimum`,
    level2Source: 'CJJ 207-2013: far-end service pressure ≥ 0.14 MPa (verify clause)',
    level3Source: `${PROJECT}: 0.10 MPa, supply to upper floors lost (possible burst)`,
    activeFromMinute: null,
    activeToMinute: null,
  },
  {
    code: 'water-pressure-high',
    name: '管网压力过高 Water pressure high',
    sensorType: 'water-pressure',
    assetKind: null,
    kind: 'threshold',
    direction: 'above',
    level1: 0.6,
    level2: 0.7,
    level3: 0.8,
    level1Source: `${PROJECT}: for a 1.0 MPa pressure class network`,
    level2Source: `${PROJECT}: for a 1.0 MPa pressure class network`,
    level3Source: `${PROJECT}: for a 1.0 MPa pressure class network`,
    activeFromMinute: null,
    activeToMinute: null,
  },
  {
    code: 'water-pressure-drop',
    name: '管网压力骤降 Water pressure dropping fast',
    sensorType: 'water-pressure',
    assetKind: null,
    kind: 'rate-of-change',
    direction: 'below',
    level1: null,
    level2: -0.05,
    level3: -0.1,
    level1Source: '',
    level2Source: `${PROJECT}: −0.05 MPa per minute (suspected burst)`,
    level3Source: `${PROJECT}: −0.10 MPa per minute (suspected burst)`,
    activeFromMinute: null,
    activeToMinute: null,
  },
  {
    code: 'manhole-water-level',
    name: '井下水位过高 Manhole water level high',
    sensorType: 'water-level',
    assetKind: null,
    kind: 'threshold',
    direction: 'below',
    level1: 1.0,
    level2: 0.5,
    level3: 0.2,
    level1Source: `${PROJECT}: water surface 1.0 m below the cover`,
    level2Source: `${PROJECT}: 0.5 m below the cover`,
    level3Source: `${PROJECT}: 0.2 m below the cover (overflow imminent)`,
    activeFromMinute: null,
    activeToMinute: null,
  },
  {
    code: 'noise-day',
    name: '施工噪声超标（昼间） Site noise above the day limit',
    sensorType: 'noise',
    assetKind: null,
    kind: 'threshold',
    direction: 'above',
    level1: 70,
    level2: 75,
    level3: 80,
    level1Source: `${NOISE}: day (06:00–22:00) limit 70 dB(A)`,
    level2Source: `${PROJECT}: 5 dB(A) above the day limit`,
    level3Source: `${PROJECT}: 10 dB(A) above the day limit`,
    activeFromMinute: 360,
    activeToMinute: 1320,
  },
  {
    code: 'noise-night',
    name: '施工噪声超标（夜间） Site noise above the night limit',
    sensorType: 'noise',
    assetKind: null,
    kind: 'threshold',
    direction: 'above',
    level1: 55,
    level2: 60,
    level3: 65,
    level1Source: `${NOISE}: night (22:00–06:00) limit 55 dB(A)`,
    level2Source: `${PROJECT}: 5 dB(A) above the night limit`,
    level3Source: `${PROJECT}: 10 dB(A) above the night limit`,
    activeFromMinute: 1320,
    activeToMinute: 360,
  },
  ...(['gas', 'water-pressure', 'water-level', 'noise'] as const).map(
    (sensorType): AlarmRuleDefinition => ({
      code: `no-data-${sensorType}`,
      name: '设备离线 Sensor silent',
      sensorType,
      assetKind: null,
      kind: 'no-data',
      direction: 'above',
      level1: 30 * 60,
      level2: 2 * 3600,
      level3: null,
      level1Source: `${PROJECT}: no reading for 30 min`,
      level2Source: `${PROJECT}: no reading for 2 h`,
      level3Source: '',
      activeFromMinute: null,
      activeToMinute: null,
    }),
  ),
];

/**
 * Time allowed to close an alarm of each level, minutes from its first sighting (deadline 处置时限): level 3 within
 * 30 min, level 2 within 2 h, level 1 within 24 h. Project choice, to be set by the operating unit.
 */
export const ALARM_DEADLINE_MINUTES: Readonly<Record<1 | 2 | 3, number>> = { 1: 24 * 60, 2: 120, 3: 30 };
