import { SENSOR_TYPE_DEFINITIONS, type SensorType } from '@data/sensors/sensor-types';

/**
 * Simulated readings of the demo sensors (示例数据) for `npm run simulate` (scripts/simulate.ts): pure and
 * deterministic. A value is a function of (seed, sensor code, instant) only — no state, no clock, no Math.random —
 * so a re-sent time range gives the same values (the ingest sees duplicates, never conflicting values) and tests
 * are exact. Randomness is a 32-bit hash of (seed, code, purpose, index) (FNV-1a + a murmur3 finaliser).
 *
 * What a value is made of (units of the type, data/sensors/sensor-types.ts; "local" = China Standard Time, UTC+8):
 * - a per-sensor baseline, a daily cycle by local hour, Gaussian noise;
 * - drift: a per-sensor slope that grows over a 30-day calibration cycle and resets (recalibration);
 * - dropouts: a reading missing with probability `dropoutRate`, and whole outages (`outagesPerDay`, 20–120 min)
 *   long enough for the sensor to show `offline` on the map;
 * - incidents (`incidentsPerDay` per sensor, 20–90 min): a gas leak (up to 12–45 %LEL), a main burst (pressure down
 *   to 0.06–0.15 MPa), a rainstorm filling a drainage well (water 0.1–0.9 m below the cover) — each ramps in,
 *   holds and recovers, and most cross the default alarm rules' levels (data/sensors/alarm-rules.ts).
 *
 * Values are rounded to the sensor's resolution and clamped into the type's plausible range.
 */

/** Options of the generator. */
export interface SimulationOptions {
  /** Seed of every random choice. */
  seed: number;
  /** Reading interval, seconds: readings lie on multiples of it since the epoch. */
  stepS: number;
  /** Probability of one reading being missing. */
  dropoutRate: number;
  /** Expected outages (no readings for 20–120 min) per sensor per day. */
  outagesPerDay: number;
  /** Expected incidents per sensor per day. */
  incidentsPerDay: number;
}

/** Defaults: one reading a minute, 1 % dropouts, an outage every 20 days and an incident every 4 days per sensor. */
export const SIMULATION_DEFAULTS = { seed: 11, stepS: 60, dropoutRate: 0.01, outagesPerDay: 0.05, incidentsPerDay: 0.25 } satisfies SimulationOptions;

/** A sensor to simulate. */
export interface SimulatedSensor {
  id: string;
  code: string;
  type: SensorType;
}

/** One simulated reading, in the ingest's wire form. */
export interface SimulatedReading {
  sensorId: string;
  /** ISO 8601, UTC. */
  observedAt: string;
  value: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Incidents and outages are drawn per slot: at most one of each per sensor and slot. */
const SLOT_MS = 6 * HOUR_MS;

/** 32-bit FNV-1a of the parts joined by '|', then murmur3's finaliser; in [0, 1). */
function unit(seed: number, code: string, purpose: string, index: number): number {
  let hash = 0x811c9dc5;
  const text = `${seed}|${code}|${purpose}|${index}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

/** Standard normal value (Box–Muller) of two hash draws. */
function gaussian(seed: number, code: string, purpose: string, index: number): number {
  const u = Math.max(1e-12, unit(seed, code, `${purpose}:u`, index));
  const v = unit(seed, code, `${purpose}:v`, index);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Local (UTC+8) hour of the day, fractional. */
function localHour(atMs: number): number {
  return (((atMs / HOUR_MS + 8) % 24) + 24) % 24;
}

/** A bump of height 1 centred at `centre` hours with width `width` hours (wraps around midnight). */
function bump(hour: number, centre: number, width: number): number {
  const d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
  return Math.exp(-(d * d) / (2 * width * width));
}

/** An incident or outage window of a sensor. */
export interface SimulationWindow {
  startMs: number;
  endMs: number;
  /** 0–1: how strong (incidents), unused for outages. */
  severity: number;
}

/** The window of `purpose` ('incident' / 'outage') in the slot holding `atMs`, or null. */
function windowAt(code: string, atMs: number, purpose: string, perDay: number, minMin: number, maxMin: number, seed: number): SimulationWindow | null {
  const slot = Math.floor(atMs / SLOT_MS);
  if (unit(seed, code, purpose, slot) >= perDay * (SLOT_MS / DAY_MS)) return null;
  const durationMs = (minMin + (maxMin - minMin) * unit(seed, code, `${purpose}:length`, slot)) * 60_000;
  const startMs = slot * SLOT_MS + Math.floor(unit(seed, code, `${purpose}:start`, slot) * (SLOT_MS - durationMs));
  const window = { startMs, endMs: startMs + durationMs, severity: unit(seed, code, `${purpose}:severity`, slot) };
  return atMs >= window.startMs && atMs < window.endMs ? window : null;
}

/** The incident of a sensor at `atMs` (20–90 min windows), or null. */
export function incidentAt(code: string, atMs: number, options: SimulationOptions = SIMULATION_DEFAULTS): SimulationWindow | null {
  return windowAt(code, atMs, 'incident', options.incidentsPerDay, 20, 90, options.seed);
}

/** The outage of a sensor at `atMs` (20–120 min without readings), or null. */
export function outageAt(code: string, atMs: number, options: SimulationOptions = SIMULATION_DEFAULTS): SimulationWindow | null {
  return windowAt(code, atMs, 'outage', options.outagesPerDay, 20, 120, options.seed);
}

/** Incident shape 0–1 at `atMs`: ramps in over the first 25 %, holds, recovers over the last 40 %. */
function shape(window: SimulationWindow, atMs: number): number {
  const f = (atMs - window.startMs) / (window.endMs - window.startMs);
  if (f < 0.25) return f / 0.25;
  if (f > 0.6) return Math.max(0, (1 - f) / 0.4);
  return 1;
}

interface TypeModel {
  /** Per-sensor baseline from a 0–1 draw. */
  baseline: (draw: number) => number;
  /** Daily cycle added to the baseline, by local hour. */
  daily: (hour: number) => number;
  noise: number;
  /** Largest drift per day (the sensor's slope is drawn in ±this). */
  driftPerDay: number;
  /** The value an incident of severity 0–1 drives the reading to. */
  incidentPeak: (severity: number) => number;
  decimals: number;
}

const MODELS: Record<SensorType, TypeModel> = {
  // Manhole gas: near zero, a little higher in the warm afternoon; leaks of 12–45 %LEL.
  gas: { baseline: (d) => 0.3 + 1.2 * d, daily: (h) => 0.4 * bump(h, 15, 3), noise: 0.12, driftPerDay: 0.02, incidentPeak: (s) => 12 + 33 * s, decimals: 2 },
  // Supply pressure: lowest at the morning (07:30) and evening (19:30) demand peaks; bursts down to 0.06–0.15 MPa.
  'water-pressure': { baseline: (d) => 0.3 + 0.08 * d, daily: (h) => -0.06 * bump(h, 7.5, 1.5) - 0.05 * bump(h, 19.5, 2) + 0.02 * bump(h, 3, 2.5), noise: 0.004, driftPerDay: 0.0005, incidentPeak: (s) => 0.15 - 0.09 * s, decimals: 3 },
  // Drainage well level below the cover: 2–3.5 m dry weather, a little less in the evening; storms to 0.1–0.9 m.
  'water-level': { baseline: (d) => 2 + 1.5 * d, daily: (h) => -0.08 * bump(h, 20, 2.5), noise: 0.01, driftPerDay: 0.004, incidentPeak: (s) => 0.9 - 0.8 * s, decimals: 3 },
  flow: { baseline: (d) => 200 + 600 * d, daily: (h) => 250 * bump(h, 7.5, 1.5) + 200 * bump(h, 19.5, 2) - 120 * bump(h, 3, 2.5), noise: 8, driftPerDay: 0.5, incidentPeak: (s) => 1500 + 2500 * s, decimals: 1 },
  noise: { baseline: (d) => 42 + 6 * d, daily: (h) => 18 * (bump(h, 10, 2.5) + bump(h, 15, 2.5)) * 0.8, noise: 1.5, driftPerDay: 0.02, incidentPeak: (s) => 72 + 14 * s, decimals: 1 },
  pm25: { baseline: (d) => 20 + 25 * d, daily: (h) => 15 * bump(h, 8, 2) + 10 * bump(h, 21, 3), noise: 3, driftPerDay: 0.1, incidentPeak: (s) => 150 + 250 * s, decimals: 0 },
  pm10: { baseline: (d) => 40 + 40 * d, daily: (h) => 25 * bump(h, 8, 2) + 15 * bump(h, 21, 3), noise: 5, driftPerDay: 0.15, incidentPeak: (s) => 250 + 350 * s, decimals: 0 },
};

/**
 * The reading of `sensor` at `atMs` (any instant; the simulator uses multiples of `stepS`), or null when it is
 * missing (dropout or outage). In the unit of the sensor's type, within its plausible range.
 */
export function simulatedValue(sensor: Pick<SimulatedSensor, 'code' | 'type'>, atMs: number, options: SimulationOptions = SIMULATION_DEFAULTS): number | null {
  const { seed } = options;
  const index = Math.floor(atMs / 1000);
  if (unit(seed, sensor.code, 'dropout', index) < options.dropoutRate || outageAt(sensor.code, atMs, options)) return null;
  const model = MODELS[sensor.type];
  const slope = (2 * unit(seed, sensor.code, 'drift', 0) - 1) * model.driftPerDay;
  const cycleDays = (atMs / DAY_MS + 30 * unit(seed, sensor.code, 'drift-phase', 0)) % 30;
  let value = model.baseline(unit(seed, sensor.code, 'baseline', 0)) + model.daily(localHour(atMs)) + slope * cycleDays + model.noise * gaussian(seed, sensor.code, 'noise', index);
  const incident = incidentAt(sensor.code, atMs, options);
  if (incident) {
    const s = shape(incident, atMs);
    value += s * (model.incidentPeak(incident.severity) - value);
  }
  const { plausibleMin, plausibleMax } = SENSOR_TYPE_DEFINITIONS[sensor.type];
  const factor = 10 ** model.decimals;
  return Math.min(plausibleMax, Math.max(plausibleMin, Math.round(value * factor) / factor));
}

/**
 * The readings of `sensors` at every multiple of `stepS` in (fromMs, toMs], oldest first, missing ones left out.
 * @throws {RangeError} when the range holds more than `maxReadings` slots (bounded work; default 1 000 000)
 */
export function simulatedReadings(sensors: readonly SimulatedSensor[], fromMs: number, toMs: number, options: SimulationOptions = SIMULATION_DEFAULTS, maxReadings = 1_000_000): SimulatedReading[] {
  const stepMs = options.stepS * 1000;
  const first = Math.floor(fromMs / stepMs) + 1;
  const last = Math.floor(toMs / stepMs);
  if ((last - first + 1) * sensors.length > maxReadings) throw new RangeError(`simulation: ${(last - first + 1) * sensors.length} readings requested, at most ${maxReadings}`);
  const readings: SimulatedReading[] = [];
  for (let step = first; step <= last; step++) {
    const atMs = step * stepMs;
    const observedAt = new Date(atMs).toISOString();
    for (const sensor of sensors) {
      const value = simulatedValue(sensor, atMs, options);
      if (value !== null) readings.push({ sensorId: sensor.id, observedAt, value });
    }
  }
  return readings;
}
