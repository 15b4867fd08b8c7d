/**
 * The asset kinds a sensor is usually linked to (监测对象类型), as the registry form offers them; the server accepts
 * any short code (`sensors_devices.asset_kind`), so a city may add its own. Alarm rules can name an asset kind to
 * tighten a threshold for it (data/sensors/alarm-rules.ts).
 */
export const SENSOR_ASSET_KINDS = ['pipe-segment', 'valve', 'manhole', 'hydrant', 'building', 'bridge', 'utility-tunnel', 'site'] as const;

/** One of {@link SENSOR_ASSET_KINDS}. */
export type SensorAssetKind = (typeof SENSOR_ASSET_KINDS)[number];

/** Names of the asset kinds, zh-CN and en. */
export const SENSOR_ASSET_KIND_NAMES: Readonly<Record<SensorAssetKind, { 'zh-CN': string; en: string }>> = {
  'pipe-segment': { 'zh-CN': '管段', en: 'Pipe segment' },
  valve: { 'zh-CN': '阀门', en: 'Valve' },
  manhole: { 'zh-CN': '窨井', en: 'Manhole' },
  hydrant: { 'zh-CN': '消火栓', en: 'Hydrant' },
  building: { 'zh-CN': '建筑', en: 'Building' },
  bridge: { 'zh-CN': '桥梁', en: 'Bridge' },
  'utility-tunnel': { 'zh-CN': '综合管廊', en: 'Utility tunnel' },
  site: { 'zh-CN': '工地', en: 'Construction site' },
};
