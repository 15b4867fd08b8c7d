import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SensorType } from '@data/sensors/sensor-types';
import { point } from '../columns/geo';
import { accountsUsers } from './accounts';

/**
 * Tables of the `sensors` plate (物联感知 + 告警, shared by lifelines and sites): gateways, sensors, readings
 * (partitioned by month), alarm rules (data) and alarms. A sensor names the asset it watches by
 * `(asset_kind, asset_id)` text only: no foreign key into another plate's tables.
 *
 * Ingest tokens are stored only as their SHA-256 (hex); the token itself is shown once at creation
 * (server/sensors/ingest-tokens.ts).
 */

/** A gateway (采集网关 / DTU) that forwards the readings of the sensors assigned to it with one token. */
export const sensorsGateways = pgTable(
  'sensors_gateways',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable code, unique (e.g. `NC-GW-001`). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 6-digit GB/T 2260 code of the region that owns the gateway. */
    regionCode: text('region_code').notNull(),
    /** SHA-256 (hex) of the gateway's ingest token, null = no token issued (cannot ingest). */
    tokenSha256: text('token_sha256'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sensors_gateways_code_uq').on(t.code), uniqueIndex('sensors_gateways_token_uq').on(t.tokenSha256), index('sensors_gateways_region_idx').on(t.regionCode)],
);

/**
 * One sensor (传感器 / 监测点): a device measuring one quantity (its `type`) at one position. Multi-channel devices
 * are registered as one sensor per channel.
 */
export const sensorsDevices = pgTable(
  'sensors_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable code, unique (e.g. `NC-GAS-0001`). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** What it measures (data/sensors/sensor-types.ts). */
    type: text('type').$type<SensorType>().notNull(),
    /** Unit of its values, from the type (`%LEL`, `MPa`, `m`, `dB(A)` …). */
    unit: text('unit').notNull(),
    /** Where it is, lon/lat degrees WGS84. */
    position: point('position').notNull(),
    /** Kind of the watched asset (`pipe`, `node`, `manhole`, `building`, `bridge`, `site` …), null = none. */
    assetKind: text('asset_kind'),
    /** Id of the watched asset in its plate (text, no foreign key), null = none. */
    assetId: text('asset_id'),
    /** 6-digit GB/T 2260 code of the city or county it lies in (who may see it). */
    regionCode: text('region_code').notNull(),
    /** The gateway allowed to send its readings, null = none. */
    gatewayId: uuid('gateway_id').references(() => sensorsGateways.id, { onDelete: 'set null' }),
    /** SHA-256 (hex) of the sensor's own ingest token, null = no token (only its gateway may send). */
    tokenSha256: text('token_sha256'),
    /** Demonstration data (示例数据), labelled as such wherever the sensor is shown. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** False = retired: readings refused, kept for history (sensors are never deleted: readings reference them). */
    isActive: boolean('is_active').notNull().default(true),
    /** Time and value of the newest stored reading (state at a glance, no-data rules), null = none yet. */
    lastObservedAt: timestamp('last_observed_at', { withTimezone: true }),
    lastValue: doublePrecision('last_value'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sensors_devices_code_uq').on(t.code),
    uniqueIndex('sensors_devices_token_uq').on(t.tokenSha256),
    index('sensors_devices_region_idx').on(t.regionCode),
    index('sensors_devices_gateway_idx').on(t.gatewayId),
    index('sensors_devices_asset_idx').on(t.assetKind, t.assetId),
    index('sensors_devices_position_gist').using('gist', t.position),
  ],
);

/**
 * Readings: one value per sensor and instant. In the database this table is PARTITIONED BY RANGE (observed_at),
 * one partition per calendar month (UTC) named `sensors_readings_pYYYYMM` plus `sensors_readings_default` for
 * anything outside them. Drizzle cannot declare partitioning: the custom migration `sensors-readings` replaces the
 * plain table drizzle-kit generated with the partitioned one (same columns, same primary key) and adds the
 * partition functions; this definition serves queries only. No foreign key to `sensors_devices` (a check per
 * row costs ingest time; sensors are never deleted).
 */
export const sensorsReadings = pgTable(
  'sensors_readings',
  {
    sensorId: uuid('sensor_id').notNull(),
    /** When the sensor measured the value (the device's clock). */
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull(),
    /** The value, in the sensor's unit. */
    value: doublePrecision('value').notNull(),
    /** When the server stored it. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sensorId, t.observedAt] })],
);

/** What an alarm rule watches: the value against thresholds, its rate of change, or silence (no data). */
export const ALARM_RULE_KINDS = ['threshold', 'rate-of-change', 'no-data'] as const;
export type AlarmRuleKind = (typeof ALARM_RULE_KINDS)[number];

/** Whether a level is reached when the value (or rate) is at or above its threshold, or at or below it. */
export type AlarmDirection = 'above' | 'below';

/**
 * An alarm rule (告警规则): data, not code. Levels 1–3 (3 = most severe); a level with a null threshold is not
 * used. Units of the thresholds: `threshold` → the sensor's unit; `rate-of-change` → the unit per minute;
 * `no-data` → seconds since the last reading (direction `above`).
 */
export const sensorsAlarmRules = pgTable(
  'sensors_alarm_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable code, unique (e.g. `gas-utility-tunnel`). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    sensorType: text('sensor_type').$type<SensorType>().notNull(),
    /** Applies only to sensors on this asset kind; null = every sensor of the type without a more specific rule. */
    assetKind: text('asset_kind'),
    kind: text('kind').$type<AlarmRuleKind>().notNull(),
    direction: text('direction').$type<AlarmDirection>().notNull(),
    level1: doublePrecision('level1'),
    level2: doublePrecision('level2'),
    level3: doublePrecision('level3'),
    /** Where each level's threshold comes from (standard and clause, or "project choice"). */
    level1Source: text('level1_source').notNull().default(''),
    level2Source: text('level2_source').notNull().default(''),
    level3Source: text('level3_source').notNull().default(''),
    /**
     * Local time window (Asia/Shanghai, minutes after midnight, [from, to), wrapping past midnight when from > to)
     * in which the rule applies; both null = all day. E.g. GB 12523-2011 day 06:00–22:00 = 360–1320.
     */
    activeFromMinute: integer('active_from_minute'),
    activeToMinute: integer('active_to_minute'),
    isEnabled: boolean('is_enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sensors_alarm_rules_code_uq').on(t.code),
    index('sensors_alarm_rules_type_idx').on(t.sensorType),
    check('sensors_alarm_rules_kind_ck', sql`${t.kind} IN ('threshold','rate-of-change','no-data')`),
    check('sensors_alarm_rules_direction_ck', sql`${t.direction} IN ('above','below')`),
    check('sensors_alarm_rules_levels_ck', sql`COALESCE(${t.level1}, ${t.level2}, ${t.level3}) IS NOT NULL`),
    check(
      'sensors_alarm_rules_window_ck',
      sql`(${t.activeFromMinute} IS NULL) = (${t.activeToMinute} IS NULL) AND COALESCE(${t.activeFromMinute} BETWEEN 0 AND 1439, true) AND COALESCE(${t.activeToMinute} BETWEEN 0 AND 1440, true)`,
    ),
  ],
);

/**
 * State of an alarm: 待研判 pending → 已推送 dispatched → 处置中 handling → 已闭环 closed, or 误报 false-alarm
 * (from pending, dispatched or handling). Allowed moves: server/sensors/alarm-transitions.ts.
 */
export const ALARM_STATUSES = ['pending', 'dispatched', 'handling', 'closed', 'false-alarm'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];
/** Statuses of an open alarm (at most one open alarm per sensor and rule). */
export const OPEN_ALARM_STATUSES = ['pending', 'dispatched', 'handling'] as const satisfies readonly AlarmStatus[];

/** One note of an alarm's handling, appended by each transition. */
export interface AlarmNote {
  /** ISO 8601 instant. */
  at: string;
  /** Audit label of the account (its e-mail). */
  by: string;
  from: AlarmStatus;
  to: AlarmStatus;
  note: string;
}

/** An alarm (告警): a sensor breaking a rule, from first to last seen, and its handling. */
export const sensorsAlarms = pgTable(
  'sensors_alarms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sensorId: uuid('sensor_id')
      .notNull()
      .references(() => sensorsDevices.id, { onDelete: 'restrict' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => sensorsAlarmRules.id, { onDelete: 'restrict' }),
    /** Copied from the sensor (scope filters need no join). */
    regionCode: text('region_code').notNull(),
    /** Highest level reached while open, 1–3 (3 = most severe). */
    level: integer('level').notNull(),
    /** The value that reached `level` (sensor unit; unit/min for rate rules; seconds for no-data rules). */
    value: doublePrecision('value').notNull(),
    /** The newest value breaking the rule. */
    lastValue: doublePrecision('last_value').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    status: text('status').$type<AlarmStatus>().notNull().default('pending'),
    /** When the alarm must be closed (first seen + the level's time limit, data/sensors/alarm-deadlines.ts). */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    /** The account handling it (set when dispatched), null = nobody yet. */
    assigneeId: text('assignee_id').references(() => accountsUsers.id, { onDelete: 'set null' }),
    /** One note per transition, oldest first. */
    notes: jsonb('notes').$type<AlarmNote[]>().notNull().default([]),
    /** Optimistic concurrency: a transition names the version it read. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sensors_alarms_open_uq').on(t.sensorId, t.ruleId).where(sql`${t.status} IN ('pending','dispatched','handling')`),
    index('sensors_alarms_region_status_idx').on(t.regionCode, t.status),
    index('sensors_alarms_sensor_idx').on(t.sensorId, t.lastSeenAt),
    check('sensors_alarms_level_ck', sql`${t.level} BETWEEN 1 AND 3`),
    check('sensors_alarms_status_ck', sql`${t.status} IN ('pending','dispatched','handling','closed','false-alarm')`),
  ],
);
