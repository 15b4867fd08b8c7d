import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@kernel/logger';
import type { Db } from '@server/db/client';
import { errorResponse } from '@server/api/error-response';
import { hasJsonBody, readLimitedBody, textResponse, throttleAnonymous, tooManyRequests } from '@server/api/request-limits';
import { ingestReadings, parseReadingsBatch } from './ingest';
import { principalOfToken } from './ingest-tokens';
import type { SensorsEnv } from './sensors-env';

/**
 * `POST /api/sensors/readings` (app/api/sensors/readings/route.ts): a sensor or gateway sends a batch
 * `{ "readings": [ { "sensorId": uuid, "observedAt": ISO 8601, "value": number } … ] }` with
 * `Authorization: Bearer <ingest token>` (./ingest-tokens.ts). Answers, as JSON after the commit:
 * 200 `{ accepted, duplicates }`; 400 invalid body or readings; 401 no/unknown token (`WWW-Authenticate: Bearer`);
 * 403 a sensor the token may not write; 413 more than `SENSORS_INGEST_MAX_READINGS` readings or
 * `SENSORS_INGEST_MAX_BYTES` bytes (read streamed, cut at the cap); 415 not `application/json`; 429 over
 * `SENSORS_INGEST_REQUESTS_PER_MINUTE` for the token (failed authentications count against the client address).
 * Not behind the page proxy (proxy.ts matcher), which would buffer the body.
 */

/** What the handler needs. */
export interface IngestResponseDeps {
  getDb: () => Db;
  logger: Logger;
  settings: SensorsEnv;
  /** The server clock (ms since the epoch). */
  now?: () => number;
}

const limiters = new Map<number, RateLimiterMemory>();
/** One in-memory limiter per configured budget (tests use several), keyed by the principal's id. */
function limiterFor(pointsPerMinute: number): RateLimiterMemory {
  let limiter = limiters.get(pointsPerMinute);
  if (!limiter) limiters.set(pointsPerMinute, (limiter = new RateLimiterMemory({ points: pointsPerMinute, duration: 60 })));
  return limiter;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });

/** Handles one ingest request (see the module doc for the answers). */
export async function ingestResponse(deps: IngestResponseDeps, req: Request): Promise<Response> {
  if (req.method !== 'POST') return textResponse(405, 'Use POST', { allow: 'POST' });
  const token = /^Bearer ([^\s]{1,200})$/.exec(req.headers.get('authorization') ?? '')?.[1];
  const db = deps.getDb();
  try {
    const principal = token ? await principalOfToken(db, token) : null;
    if (!principal) {
      const throttled = await throttleAnonymous(req);
      return throttled ?? json(401, { error: 'A valid sensor or gateway ingest token is required (Authorization: Bearer …)' }, { 'www-authenticate': 'Bearer' });
    }
    try {
      await limiterFor(deps.settings.SENSORS_INGEST_REQUESTS_PER_MINUTE).consume(`${principal.kind}:${principal.id}`);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return tooManyRequests(rejection.msBeforeNext);
      throw rejection;
    }
    if (!hasJsonBody(req)) return json(415, { error: 'Content-Type must be application/json' });
    const body = await readLimitedBody(req, deps.settings.SENSORS_INGEST_MAX_BYTES);
    if (body instanceof Response) return json(413, { error: `Request body exceeds the limit of ${deps.settings.SENSORS_INGEST_MAX_BYTES} bytes` });
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      return json(400, { error: 'body: not valid JSON' });
    }
    const readings = parseReadingsBatch(decoded, deps.settings.SENSORS_INGEST_MAX_READINGS);
    const result = await ingestReadings(db, principal, readings, {
      maxReadings: deps.settings.SENSORS_INGEST_MAX_READINGS,
      futureToleranceS: deps.settings.SENSORS_FUTURE_TOLERANCE_S,
      retentionMonths: deps.settings.SENSORS_READING_RETENTION_MONTHS,
      nowMs: (deps.now ?? Date.now)(),
    });
    return json(200, { accepted: result.accepted, duplicates: result.duplicates });
  } catch (error) {
    const answer = errorResponse('sensors-ingest', error, deps.logger);
    return json(answer.status, { error: await answer.text() });
  }
}
