import type { AlarmDirection, AlarmRuleKind } from '@server/db/schema/sensors';

/**
 * Pure alarm evaluation: readings + rules → alarm hits (which rule a sensor broke, at which level, when). The
 * ingest service (./ingest.ts) feeds it the newly stored readings of a batch and writes the hits in the same
 * transaction (./alarm-store.ts). Levels 1–3, 3 = most severe; a level is reached when the value (or rate) is at
 * or beyond its threshold in the rule's direction (`above`: ≥, `below`: ≤).
 *
 * Notes:
 * - Rule choice: for each (kind, direction) the rules naming the sensor's asset kind win over those with no asset
 *   kind, so an operator tightens one asset kind without touching the rest.
 * - Rate of change (unit per minute) is taken between consecutive readings of a sensor, the first one against
 *   the sensor's stored newest reading; gaps longer than {@link RATE_MAX_GAP_MS} give no rate (a restart after
 *   silence is not a jump).
 * - Time windows are local time in China (UTC+8, no daylight saving).
 */

/** A rule as the evaluation needs it (a `sensors_alarm_rules` row). */
export interface EvaluatedRule {
  id: string;
  assetKind: string | null;
  kind: AlarmRuleKind;
  direction: AlarmDirection;
  level1: number | null;
  level2: number | null;
  level3: number | null;
  activeFromMinute: number | null;
  activeToMinute: number | null;
}

/** A sensor as the evaluation needs it; `last*` = its newest stored reading before this batch. */
export interface EvaluatedSensor {
  id: string;
  assetKind: string | null;
  lastObservedAt: Date | null;
  lastValue: number | null;
}

/** A newly stored reading: time in ms since the epoch, value in the sensor's unit. */
export interface EvaluatedReading {
  sensorId: string;
  observedAtMs: number;
  value: number;
}

/** One sensor × rule broken by a batch: the highest level, the value reaching it, first/last breaking readings. */
export interface AlarmHit {
  sensorId: string;
  ruleId: string;
  level: 1 | 2 | 3;
  /** The value (or rate per minute) that reached `level`, the most extreme one of the batch. */
  value: number;
  /** The newest breaking value (or rate). */
  lastValue: number;
  firstSeenMs: number;
  lastSeenMs: number;
}

/** Longest gap between two readings over which a rate of change is computed, ms (10 min). */
export const RATE_MAX_GAP_MS = 10 * 60_000;

/** Offset of China Standard Time from UTC, minutes (no daylight saving since 1991). */
const CHINA_UTC_OFFSET_MIN = 8 * 60;

/**
 * The level (0 = none, 1–3) a value reaches under a rule's thresholds.
 * @param value in the rule's unit (sensor unit, unit/min, or seconds)
 */
export function levelOf(rule: Pick<EvaluatedRule, 'direction' | 'level1' | 'level2' | 'level3'>, value: number): 0 | 1 | 2 | 3 {
  const reaches = (threshold: number | null) => threshold !== null && (rule.direction === 'above' ? value >= threshold : value <= threshold);
  if (reaches(rule.level3)) return 3;
  if (reaches(rule.level2)) return 2;
  if (reaches(rule.level1)) return 1;
  return 0;
}

/**
 * Whether a rule applies at an instant: true without a window, else when the local time (UTC+8) lies in
 * [from, to) minutes after midnight (wrapping past midnight when from > to).
 */
export function isRuleActiveAt(rule: Pick<EvaluatedRule, 'activeFromMinute' | 'activeToMinute'>, atMs: number): boolean {
  const { activeFromMinute: from, activeToMinute: to } = rule;
  if (from === null || to === null) return true;
  const minute = (((Math.floor(atMs / 60_000) + CHINA_UTC_OFFSET_MIN) % 1440) + 1440) % 1440;
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

/**
 * The rules of a sensor's type that apply to it: per (kind, direction), those naming its asset kind, else those
 * naming none. `rules` must all be of the sensor's type.
 */
export function rulesForSensor<Rule extends EvaluatedRule>(rules: readonly Rule[], sensor: Pick<EvaluatedSensor, 'assetKind'>): Rule[] {
  const specific = rules.filter((rule) => rule.assetKind !== null && rule.assetKind === sensor.assetKind);
  const covered = new Set(specific.map((rule) => `${rule.kind}/${rule.direction}`));
  return [...specific, ...rules.filter((rule) => rule.assetKind === null && !covered.has(`${rule.kind}/${rule.direction}`))];
}

/**
 * Evaluates newly stored readings against threshold and rate-of-change rules (no-data rules are evaluated by
 * {@link noDataHits}).
 * @param rulesOf the applicable rules of a sensor (see {@link rulesForSensor})
 * @returns one hit per sensor × rule broken at least once, in no particular order
 */
export function evaluateReadings(
  readings: readonly EvaluatedReading[],
  sensors: ReadonlyMap<string, EvaluatedSensor>,
  rulesOf: (sensor: EvaluatedSensor) => readonly EvaluatedRule[],
): AlarmHit[] {
  const bySensor = new Map<string, EvaluatedReading[]>();
  for (const reading of readings) {
    const list = bySensor.get(reading.sensorId);
    if (list) list.push(reading);
    else bySensor.set(reading.sensorId, [reading]);
  }
  const hits = new Map<string, AlarmHit>();
  const record = (sensorId: string, rule: EvaluatedRule, value: number, atMs: number) => {
    if (!isRuleActiveAt(rule, atMs)) return;
    const level = levelOf(rule, value);
    if (level === 0) return;
    const key = `${sensorId}/${rule.id}`;
    const hit = hits.get(key);
    if (!hit) {
      hits.set(key, { sensorId, ruleId: rule.id, level, value, lastValue: value, firstSeenMs: atMs, lastSeenMs: atMs });
      return;
    }
    const isWorse = level > hit.level || (level === hit.level && (rule.direction === 'above' ? value > hit.value : value < hit.value));
    if (isWorse) Object.assign(hit, { level, value });
    if (atMs < hit.firstSeenMs) hit.firstSeenMs = atMs;
    if (atMs >= hit.lastSeenMs) Object.assign(hit, { lastSeenMs: atMs, lastValue: value });
  };
  for (const [sensorId, list] of bySensor) {
    const sensor = sensors.get(sensorId);
    if (!sensor) continue;
    const rules = rulesOf(sensor);
    list.sort((a, b) => a.observedAtMs - b.observedAtMs);
    let previous: { atMs: number; value: number } | null =
      sensor.lastObservedAt && sensor.lastValue !== null && sensor.lastObservedAt.getTime() < list[0].observedAtMs
        ? { atMs: sensor.lastObservedAt.getTime(), value: sensor.lastValue }
        : null;
    for (const reading of list) {
      for (const rule of rules) {
        if (rule.kind === 'threshold') record(sensorId, rule, reading.value, reading.observedAtMs);
        if (rule.kind === 'rate-of-change' && previous) {
          const gapMs = reading.observedAtMs - previous.atMs;
          if (gapMs > 0 && gapMs <= RATE_MAX_GAP_MS) record(sensorId, rule, (reading.value - previous.value) / (gapMs / 60_000), reading.observedAtMs);
        }
      }
      previous = { atMs: reading.observedAtMs, value: reading.value };
    }
  }
  return [...hits.values()];
}

/**
 * No-data hits at `nowMs`: each sensor whose newest reading (or, never having sent one, its creation) is older
 * than a level's threshold of its no-data rule. The value is the silence in seconds.
 */
export function noDataHits(
  sensors: readonly (EvaluatedSensor & { createdAt: Date })[],
  rulesOf: (sensor: EvaluatedSensor) => readonly EvaluatedRule[],
  nowMs: number,
): AlarmHit[] {
  const hits: AlarmHit[] = [];
  for (const sensor of sensors) {
    const sinceMs = (sensor.lastObservedAt ?? sensor.createdAt).getTime();
    const silenceS = Math.max(0, (nowMs - sinceMs) / 1000);
    for (const rule of rulesOf(sensor)) {
      if (rule.kind !== 'no-data') continue;
      const level = levelOf(rule, silenceS);
      if (level > 0) hits.push({ sensorId: sensor.id, ruleId: rule.id, level: level as 1 | 2 | 3, value: silenceS, lastValue: silenceS, firstSeenMs: nowMs, lastSeenMs: nowMs });
    }
  }
  return hits;
}
