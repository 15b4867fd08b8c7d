import type { AlarmStatus } from '@server/db/schema/sensors';

/**
 * The alarm workflow (告警闭环, the Hefei model of DOMAIN.md): 待研判 pending → 已推送 dispatched → 处置中 handling →
 * 已闭环 closed; 误报 false-alarm from any open state. Closed and false-alarm are final: a new breach opens a new
 * alarm. Every move carries a note and is audited (./alarms-service.ts).
 */
export const ALARM_TRANSITIONS: Readonly<Record<AlarmStatus, readonly AlarmStatus[]>> = {
  pending: ['dispatched', 'false-alarm'],
  dispatched: ['handling', 'false-alarm'],
  handling: ['closed', 'false-alarm'],
  closed: [],
  'false-alarm': [],
};

/** Whether an alarm may move from `from` to `to`. */
export function canTransition(from: AlarmStatus, to: AlarmStatus): boolean {
  return ALARM_TRANSITIONS[from].includes(to);
}
