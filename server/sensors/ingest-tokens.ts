import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { sensorsDevices, sensorsGateways } from '@server/db/schema/sensors';

/**
 * Ingest tokens (接入令牌) of sensors and gateways. A token is `gts_` (sensor) or `gtg_` (gateway) followed by 32
 * random bytes in base64url (43 characters); only its SHA-256 (hex) is stored, in `token_sha256` (unique). The
 * token is returned once, at creation; a lost token is replaced by issuing a new one (the old hash is overwritten).
 * A sensor token writes only that sensor's readings; a gateway token writes the readings of the active sensors
 * whose `gateway_id` is that gateway. A salt-free hash is enough: the token has 256 bits of entropy, so a stolen
 * hash list cannot be reversed, and lookup by hash needs no constant-time comparison.
 */

/** Prefix of a sensor's own token. */
export const SENSOR_TOKEN_PREFIX = 'gts_';
/** Prefix of a gateway's token. */
export const GATEWAY_TOKEN_PREFIX = 'gtg_';
const TOKEN_PATTERN = /^gt[sg]_[A-Za-z0-9_-]{43}$/;

/** Who may write readings: one sensor, or a gateway (for its sensors). */
export type IngestPrincipal = { kind: 'sensor'; id: string; regionCode: string } | { kind: 'gateway'; id: string; regionCode: string };

/** A new random token of a sensor or gateway and the SHA-256 (hex) to store. */
export function newIngestToken(kind: IngestPrincipal['kind']): { token: string; sha256: string } {
  const token = `${kind === 'sensor' ? SENSOR_TOKEN_PREFIX : GATEWAY_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, sha256: ingestTokenSha256(token) };
}

/** SHA-256 of a token, lower-case hex (what `token_sha256` stores). */
export function ingestTokenSha256(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The sensor or gateway a bearer token belongs to, or null for a malformed or unknown token (no database query
 * for a malformed one). A retired sensor's token still resolves; ingest refuses its readings.
 */
export async function principalOfToken(db: Db, token: string): Promise<IngestPrincipal | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const sha256 = ingestTokenSha256(token);
  if (token.startsWith(SENSOR_TOKEN_PREFIX)) {
    const [row] = await db.select({ id: sensorsDevices.id, regionCode: sensorsDevices.regionCode }).from(sensorsDevices).where(eq(sensorsDevices.tokenSha256, sha256));
    return row ? { kind: 'sensor', ...row } : null;
  }
  const [row] = await db.select({ id: sensorsGateways.id, regionCode: sensorsGateways.regionCode }).from(sensorsGateways).where(eq(sensorsGateways.tokenSha256, sha256));
  return row ? { kind: 'gateway', ...row } : null;
}
