/** UI text of the `sensors` plate (物联感知 + 告警); more keys come with its panels. */
export const SENSORS_MESSAGES = {
  'zh-CN': { 'plate.title': '物联感知与告警' },
  en: { 'plate.title': 'Sensors and alarms' },
} as const;
