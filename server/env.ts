import path from 'node:path';
import { z } from 'zod';
import { InputError, InvariantError } from '@kernel/errors';

/**
 * Runtime configuration: the only module that reads `process.env` (STYLE rule 22).
 *
 * Server names: `DATABASE_URL`, `DATABASE_MIGRATION_URL`, `TILES_DIR`, `SHARED_DATA_DIR`, `LOCAL_PG_PORT`, `AUTH_SECRET`,
 * `GANTWIN_PUBLIC_URL`, `SIGN_IN_LIMIT_PER_MINUTE`, `TRUST_PROXY`, `CATALOGUE_UPLOAD_MAX_BYTES`, the review plate's `REVIEW_UPLOAD_MAX_BYTES`,
 * `REVIEW_JOB_TIME_LIMIT_S`, `REVIEW_JOB_MEMORY_LIMIT_MB`, `REVIEW_JOB_EXPIRY_MARGIN_S`, the worker's
 * `JOB_MAINTENANCE_INTERVAL_S`, the sensors plate's `SENSORS_*` and `MQTT_URL`, `MQTT_LOCAL_PORT`, `MQTT_CLIENT_ID`
 * (server/sensors/sensors-env.ts), the lifelines plate's `LIFELINES_IMPORT_*` (server/lifelines/lifelines-env.ts),
 * `STORAGE_DIR` and the
 * object-storage names `S3_ENDPOINT`, `S3_BUCKET`, `S3_REGION`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`,
 * `S3_FORCE_PATH_STYLE` (server/storage/README.md). Client names start with `NEXT_PUBLIC_`.
 * `DATABASE_URL` is optional at import time (so `next build`, `db-up` and the tiling tests can load this module
 * without a database) and required at the first use through {@link requireDatabaseUrl}.
 *
 * @see docs/api.md "Runtime config"
 */
const serverEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  DATABASE_MIGRATION_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  TILES_DIR: z.string().min(1).default('.gantwin/tiles'),
  SHARED_DATA_DIR: z.string().min(1).default('../shared/data'),
  LOCAL_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  NEXT_PUBLIC_DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  AUTH_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  GANTWIN_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  SIGN_IN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
  TRUST_PROXY: z.coerce
    .number({ error: 'must be the number of trusted reverse proxies, 0-10' })
    .int({ error: 'must be the number of trusted reverse proxies, 0-10' })
    .min(0, { error: 'must be the number of trusted reverse proxies, 0-10' })
    .max(10, { error: 'must be the number of trusted reverse proxies, 0-10' })
    .default(0),
  CATALOGUE_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 ** 3).default(1024 ** 3),
  REVIEW_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 ** 3).default(500 * 1024 ** 2),
  REVIEW_JOB_TIME_LIMIT_S: z.coerce.number().int().min(10).max(6 * 60 * 60).default(1800),
  REVIEW_JOB_MEMORY_LIMIT_MB: z.coerce.number().int().min(256).max(64 * 1024).default(6144),
  REVIEW_JOB_EXPIRY_MARGIN_S: z.coerce.number().int().min(1).max(3600).default(120),
  JOB_MAINTENANCE_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(60),
  SENSORS_INGEST_MAX_READINGS: z.coerce.number().int().min(1).max(100_000).default(5000),
  SENSORS_INGEST_MAX_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 ** 2).default(1024 ** 2),
  SENSORS_INGEST_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  SENSORS_FUTURE_TOLERANCE_S: z.coerce.number().int().min(0).max(3600).default(300),
  SENSORS_READING_RETENTION_MONTHS: z.coerce.number().int().min(2).max(240).default(36),
  SENSORS_PARTITION_MONTHS_AHEAD: z.coerce.number().int().min(1).max(24).default(3),
  MQTT_URL: z.url({ protocol: /^mqtts?$/, error: 'must be an mqtt:// or mqtts:// URL' }).optional(),
  MQTT_LOCAL_PORT: z.coerce.number().int().min(1024).max(65535).default(18830),
  MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_-]{1,23}$/, { error: 'must be 1-23 characters: A-Z, a-z, 0-9, "_", "-"' }).default('gantwin-ingest'),
  LIFELINES_IMPORT_MAX_FEATURES: z.coerce.number().int().min(1).max(200_000).default(20_000),
  LIFELINES_IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(512 * 1024 ** 2).default(32 * 1024 ** 2),
  VILLAGES_MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 ** 2).default(25 * 1024 ** 2),
  STORAGE_DIR: z.string().min(1).default('.gantwin/storage'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be an S3 bucket name (3-63 characters: a-z, 0-9, ".", "-")' })
    .optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{1,64}$/, { error: 'must be a region name such as us-east-1' }).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
}).superRefine((value, ctx) => {
  // Object storage is on when S3_BUCKET is set; any other S3_* without it is a half-done configuration.
  const without = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((name) => value[name] !== undefined);
  if (value.S3_BUCKET === undefined && without.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: `must be set when ${without.join(', ')} is set (object storage needs a bucket)` });
  }
  if ((value.S3_ACCESS_KEY_ID === undefined) !== (value.S3_SECRET_ACCESS_KEY === undefined)) {
    const missing = value.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (or neither: the AWS default credentials)' });
  }
});

/** Validated environment as read at startup; paths are made absolute against the working directory. */
export interface ServerEnv {
  /**
   * PostgreSQL connection string of the app (web server, worker, seeders): the app role `gantwin_app` that `db:up`
   * prints, or `undefined` when not configured. Given to `db:up` (without `DATABASE_MIGRATION_URL`), it names the
   * server and a role that may set it up (create the database and the roles; docs/security.md "Database roles").
   */
  DATABASE_URL: string | undefined;
  /**
   * Connection string migrations and pg-boss schema changes run as: the owner role `gantwin_owner` (`db:up` prints
   * it). Only `db:up` and `db:migrate` read it; leave it out of the app's environment.
   */
  DATABASE_MIGRATION_URL: string | undefined;
  /** Absolute directory holding one output directory per converted model. */
  TILES_DIR: string;
  /** Absolute directory of the shared sample data (`ifc/`, `geo/`, …). */
  SHARED_DATA_DIR: string;
  /** TCP port of the project-local PostgreSQL cluster (used only when DATABASE_URL is not set). */
  LOCAL_PG_PORT: number;
  NEXT_PUBLIC_DEFAULT_LOCALE: 'zh-CN' | 'en';
  /** Secret that signs session cookies; when unset, one is generated into `.gantwin/auth-secret` (0600). */
  AUTH_SECRET: string | undefined;
  /**
   * The origin users reach the app at (e.g. `https://twin.example.gov.cn`), when it is fixed. An `https://` URL
   * makes session cookies `Secure`; the origin is the only one trusted for sign-in (CSRF check). When unset,
   * the request's own origin is trusted and cookies are not `Secure` (plain-HTTP intranet or localhost).
   */
  GANTWIN_PUBLIC_URL: string | undefined;
  /** Sign-in attempts per client address per 60 s (default 5); the e2e run raises it, as all its browsers share 127.0.0.1. */
  SIGN_IN_LIMIT_PER_MINUTE: number;
  /**
   * Reverse proxies in front of the app that append the client address to `X-Forwarded-For` (0–10, default 0).
   * 0: the header is not trusted; the client address is the TCP peer's (server/api/client-address.ts). Set it to
   * the number of proxies only when every request passes through them (else a client picks its own address).
   */
  TRUST_PROXY: number;
  /** Largest archive or vector file one catalogue upload may send, bytes (default 1 GiB; 1 KiB–64 GiB). */
  CATALOGUE_UPLOAD_MAX_BYTES: number;
  /** Largest IFC / IFCZIP an applicant may upload for review, bytes (default 500 MiB). */
  REVIEW_UPLOAD_MAX_BYTES: number;
  /** Wall-clock limit of one review conversion + check run, seconds (default 1800; server/jobs/limited-child.ts). */
  REVIEW_JOB_TIME_LIMIT_S: number;
  /** Resident-memory limit of one review run, MiB (default 6144). */
  REVIEW_JOB_MEMORY_LIMIT_MB: number;
  /** Seconds a review job may outlive its time limit before pg-boss hands it to another worker (default 120). */
  REVIEW_JOB_EXPIRY_MARGIN_S: number;
  /** How often a worker runs pg-boss maintenance (expiring jobs of dead workers, archiving), seconds (default 60). */
  JOB_MAINTENANCE_INTERVAL_S: number;
  /** Most readings one `POST /api/sensors/readings` may carry (default 5 000; more → 413). */
  SENSORS_INGEST_MAX_READINGS: number;
  /** Largest body of one ingest request, bytes (default 1 MiB; more → 413, read streamed with this cap). */
  SENSORS_INGEST_MAX_BYTES: number;
  /** Ingest requests one token (sensor or gateway) may make per 60 s (default 600; more → 429). */
  SENSORS_INGEST_REQUESTS_PER_MINUTE: number;
  /** How far a reading's `observedAt` may lie ahead of the server clock, seconds (default 300: device clock drift). */
  SENSORS_FUTURE_TOLERANCE_S: number;
  /** Months of readings kept (default 36 = 3 years): older readings are refused at ingest and their partitions dropped. */
  SENSORS_READING_RETENTION_MONTHS: number;
  /** Most features (pipes + nodes) one lifelines network import may hold (default 20 000; more → 413). */
  LIFELINES_IMPORT_MAX_FEATURES: number;
  /** Largest lifelines import file (GeoJSON, or Shapefile zip and each inflated .shp/.dbf), bytes (default 32 MiB). */
  LIFELINES_IMPORT_MAX_BYTES: number;
  /** Largest image one village media upload may send, bytes (default 25 MiB; 1 KiB–200 MiB; more → 413). */
  VILLAGES_MEDIA_MAX_BYTES: number;
  /** Monthly reading partitions created ahead of the current month by `sensors.maintain-partitions` (default 3). */
  SENSORS_PARTITION_MONTHS_AHEAD: number;
  /**
   * The MQTT broker the ingest consumer (`npm run ingest`) and the simulator connect to; unset: the project-local
   * Mosquitto that `scripts/mqtt-up.ts` starts on 127.0.0.1:`MQTT_LOCAL_PORT` (server/sensors/README.md "MQTT").
   */
  MQTT_URL: string | undefined;
  /** TCP port of the project-local Mosquitto (default 18830; used only when `MQTT_URL` is not set). */
  MQTT_LOCAL_PORT: number;
  /**
   * Client id of the ingest consumer's persistent session (default `gantwin-ingest`): keep it stable, the broker
   * keeps the session's undelivered readings under it; two consumers with one id take the session from each other.
   */
  MQTT_CLIENT_ID: string;
  /** Absolute folder of the local object store (server/storage/), used when `S3_BUCKET` is unset. */
  STORAGE_DIR: string;
  /** Endpoint URL of an S3-compatible server (MinIO, Ceph …); unset with `S3_BUCKET` set: AWS S3 itself. */
  S3_ENDPOINT: string | undefined;
  /** Bucket of the object store; setting it switches server/storage/ from `STORAGE_DIR` to S3. */
  S3_BUCKET: string | undefined;
  /** Region of the bucket (default `us-east-1`, what MinIO expects unless configured otherwise). */
  S3_REGION: string;
  /** Static credentials (both or neither; neither: the AWS SDK's default chain). Never logged. */
  S3_ACCESS_KEY_ID: string | undefined;
  S3_SECRET_ACCESS_KEY: string | undefined;
  /** Path-style URLs (`host/bucket/key`), default true for MinIO/self-hosted; false for AWS virtual-hosted style. */
  S3_FORCE_PATH_STYLE: boolean;
}

/**
 * Parses an environment record (default: `process.env`).
 * @throws {InputError} naming every invalid variable
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = serverEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const names = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InputError(`env: invalid environment variables: ${names}`, { context: { issues: result.error.issues } });
  }
  const value = result.data;
  return {
    DATABASE_URL: value.DATABASE_URL,
    DATABASE_MIGRATION_URL: value.DATABASE_MIGRATION_URL,
    TILES_DIR: path.resolve(value.TILES_DIR),
    SHARED_DATA_DIR: path.resolve(value.SHARED_DATA_DIR),
    LOCAL_PG_PORT: value.LOCAL_PG_PORT,
    NEXT_PUBLIC_DEFAULT_LOCALE: value.NEXT_PUBLIC_DEFAULT_LOCALE,
    AUTH_SECRET: value.AUTH_SECRET,
    GANTWIN_PUBLIC_URL: value.GANTWIN_PUBLIC_URL?.replace(/\/+$/, ''),
    SIGN_IN_LIMIT_PER_MINUTE: value.SIGN_IN_LIMIT_PER_MINUTE,
    TRUST_PROXY: value.TRUST_PROXY,
    CATALOGUE_UPLOAD_MAX_BYTES: value.CATALOGUE_UPLOAD_MAX_BYTES,
    REVIEW_UPLOAD_MAX_BYTES: value.REVIEW_UPLOAD_MAX_BYTES,
    REVIEW_JOB_TIME_LIMIT_S: value.REVIEW_JOB_TIME_LIMIT_S,
    REVIEW_JOB_MEMORY_LIMIT_MB: value.REVIEW_JOB_MEMORY_LIMIT_MB,
    REVIEW_JOB_EXPIRY_MARGIN_S: value.REVIEW_JOB_EXPIRY_MARGIN_S,
    JOB_MAINTENANCE_INTERVAL_S: value.JOB_MAINTENANCE_INTERVAL_S,
    SENSORS_INGEST_MAX_READINGS: value.SENSORS_INGEST_MAX_READINGS,
    SENSORS_INGEST_MAX_BYTES: value.SENSORS_INGEST_MAX_BYTES,
    SENSORS_INGEST_REQUESTS_PER_MINUTE: value.SENSORS_INGEST_REQUESTS_PER_MINUTE,
    SENSORS_FUTURE_TOLERANCE_S: value.SENSORS_FUTURE_TOLERANCE_S,
    SENSORS_READING_RETENTION_MONTHS: value.SENSORS_READING_RETENTION_MONTHS,
    SENSORS_PARTITION_MONTHS_AHEAD: value.SENSORS_PARTITION_MONTHS_AHEAD,
    MQTT_URL: value.MQTT_URL,
    MQTT_LOCAL_PORT: value.MQTT_LOCAL_PORT,
    MQTT_CLIENT_ID: value.MQTT_CLIENT_ID,
    LIFELINES_IMPORT_MAX_FEATURES: value.LIFELINES_IMPORT_MAX_FEATURES,
    LIFELINES_IMPORT_MAX_BYTES: value.LIFELINES_IMPORT_MAX_BYTES,
    VILLAGES_MEDIA_MAX_BYTES: value.VILLAGES_MEDIA_MAX_BYTES,
    STORAGE_DIR: path.resolve(value.STORAGE_DIR),
    S3_ENDPOINT: value.S3_ENDPOINT?.replace(/\/+$/, ''),
    S3_BUCKET: value.S3_BUCKET,
    S3_REGION: value.S3_REGION,
    S3_ACCESS_KEY_ID: value.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: value.S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: value.S3_FORCE_PATH_STYLE,
  };
}

/** The process environment, validated once at import. */
export const env: ServerEnv = parseEnv();

/**
 * The configured database URL.
 * @throws {InvariantError} when `DATABASE_URL` is not set (a deployment error: HTTP 500 with the message hidden;
 *   scripts print it) — run `npm run db:up` and export its last line
 */
export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new InvariantError('env: DATABASE_URL is not set; run `npm run db:up` and export the DATABASE_URL it prints');
  }
  return env.DATABASE_URL;
}

/** True under `next dev` (Next.js sets `NODE_ENV=development`); the page CSP then allows React's dev `eval`. */
export const IS_NEXT_DEV: boolean = process.env.NODE_ENV === 'development';
