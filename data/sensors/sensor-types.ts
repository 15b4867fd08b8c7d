/**
 * The measured quantities of the `sensors` plate (物联感知): one sensor measures one quantity in one unit. A value
 * outside a type's plausible range is refused at ingest (a broken probe or a hostile client, never a real reading).
 * Ranges are wide physical bounds, not alarm thresholds (those are alarm rules, data/sensors/alarm-rules.ts).
 */

/** Sensor type codes (stored in `sensors_devices.type` and `sensors_alarm_rules.sensor_type`). */
export const SENSOR_TYPES = ['gas', 'water-pressure', 'flow', 'water-level', 'noise', 'pm25', 'pm10'] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

/** What a sensor type measures. */
export interface SensorTypeDefinition {
  /** Unit of every value of this type (as shown in the UI). */
  unit: string;
  nameZh: string;
  nameEn: string;
  /** Smallest and largest plausible value, in `unit`; ingest refuses values outside [min, max]. */
  plausibleMin: number;
  plausibleMax: number;
  /**
   * Longest expected gap between two readings, seconds (reporting interval plus slack): a sensor whose newest
   * reading is older than this (or that has none) is shown `offline` on the sensors layer. Project choice.
   */
  expectedIntervalS: number;
}

/** Per type: unit, names and plausible range. */
export const SENSOR_TYPE_DEFINITIONS: Readonly<Record<SensorType, SensorTypeDefinition>> = {
  /** Combustible gas in a manhole / valve well / utility tunnel, % of the lower explosive limit (0–100 %LEL). */
  gas: { unit: '%LEL', nameZh: '可燃气体浓度', nameEn: 'Combustible gas', plausibleMin: 0, plausibleMax: 100, expectedIntervalS: 900 },
  /** Water-supply pipe pressure, MPa gauge (a slight vacuum down to −0.1 MPa is physically possible). */
  'water-pressure': { unit: 'MPa', nameZh: '管网压力', nameEn: 'Water pressure', plausibleMin: -0.1, plausibleMax: 10, expectedIntervalS: 900 },
  /** Pipe flow, m³/h (negative = reverse flow). */
  flow: { unit: 'm³/h', nameZh: '管网流量', nameEn: 'Flow', plausibleMin: -100_000, plausibleMax: 100_000, expectedIntervalS: 900 },
  /**
   * Manhole water level: distance from the manhole cover down to the water surface, metres (0 = water at the
   * cover, negative = overflowing; a small value means a nearly full well).
   */
  'water-level': { unit: 'm', nameZh: '井下水位（距井盖）', nameEn: 'Manhole water level (below cover)', plausibleMin: -2, plausibleMax: 30, expectedIntervalS: 900 },
  /** A-weighted sound level, dB(A) (GB 12523-2011 boundary noise of construction sites). */
  noise: { unit: 'dB(A)', nameZh: '噪声', nameEn: 'Noise', plausibleMin: 0, plausibleMax: 194, expectedIntervalS: 300 },
  /** Fine particulate matter PM2.5, µg/m³. */
  pm25: { unit: 'µg/m³', nameZh: 'PM2.5', nameEn: 'PM2.5', plausibleMin: 0, plausibleMax: 5000, expectedIntervalS: 3_600 },
  /** Particulate matter PM10, µg/m³. */
  pm10: { unit: 'µg/m³', nameZh: 'PM10', nameEn: 'PM10', plausibleMin: 0, plausibleMax: 10_000, expectedIntervalS: 3_600 },
};
