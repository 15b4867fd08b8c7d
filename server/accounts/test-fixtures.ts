import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { accountsUsers, type Role } from '@server/db/schema/accounts';
import { regions, type RegionLevel } from '@server/db/schema/regions';
import { elements, models } from '@server/db/schema/twin';
import { createUser } from './users-service';
import { authHttpResponse } from './auth-http-handler';

/**
 * Test support for the accounts plate: a few real region codes (inserted if absent, so tests need no shared
 * data), accounts created through the real service, and models with one element in chosen regions.
 */

/** Region codes used by tests: the province, two cities and one county of each (GB/T 2260). */
export const TEST_REGIONS = {
  province: '360000',
  nanchang: '360100',
  donghu: '360102',
  jiujiang: '360400',
  lianxi: '360402',
} as const;

const REGION_ROWS: TestRegionRow[] = [
  { code: '360000', name: '江西省', level: 'province', parentCode: null, lon: 115.9, lat: 27.6 },
  { code: '360100', name: '南昌市', level: 'city', parentCode: '360000', lon: 115.86, lat: 28.68 },
  { code: '360102', name: '东湖区', level: 'county', parentCode: '360100', lon: 115.9, lat: 28.69 },
  { code: '360400', name: '九江市', level: 'city', parentCode: '360000', lon: 116.0, lat: 29.7 },
  { code: '360402', name: '濂溪区', level: 'county', parentCode: '360400', lon: 116.0, lat: 29.67 },
];

/** A region row for tests: code, name, level, parent and label point (degrees WGS84). */
export interface TestRegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  lon: number;
  lat: number;
}

/**
 * Inserts region rows unless present, each with a square boundary of `halfSizeDeg` around its label point (source
 * `test fixture`). Other plates' fixtures use it for the regions their records need.
 */
export async function insertTestRegions(db: Db, rows: readonly TestRegionRow[], halfSizeDeg = 0.01): Promise<void> {
  for (const r of rows) {
    const d = halfSizeDeg;
    const ring: [number, number][] = [
      [r.lon - d, r.lat - d],
      [r.lon + d, r.lat - d],
      [r.lon + d, r.lat + d],
      [r.lon - d, r.lat + d],
      [r.lon - d, r.lat - d],
    ];
    await db
      .insert(regions)
      .values({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parentCode,
        center: { type: 'Point', coordinates: [r.lon, r.lat] },
        boundary: { type: 'MultiPolygon', coordinates: [[ring]] },
        source: 'test fixture',
        sourceCrs: 'EPSG:4326',
      })
      .onConflictDoNothing();
  }
}

/** Inserts the {@link TEST_REGIONS} rows unless present (a 0.02° square around each label point). */
export async function ensureTestRegions(db: Db): Promise<void> {
  await insertTestRegions(db, REGION_ROWS);
}

/**
 * Creates an account through the service (audited as `cli:test`) and returns it as an {@link Actor}. Unless
 * `pendingPassword`, the stored account is marked as having chosen its password (sign-in gives full access);
 * the returned password is the one-time password either way.
 */
export async function createTestAccount(
  db: Db,
  role: Role,
  regionCode: string,
  label: string = role,
  { pendingPassword = false }: { pendingPassword?: boolean } = {},
): Promise<{ actor: Actor; password: string }> {
  const email = `${label}.${regionCode}.${randomUUID().slice(0, 8)}@test.gantwin.local`;
  const { user, oneTimePassword } = await createUser(db, { cli: 'test' }, { email, name: `${label} ${regionCode}`, role, regionCode });
  if (!pendingPassword) await db.update(accountsUsers).set({ mustChangePassword: false }).where(eq(accountsUsers.id, user.id));
  const actor: Actor = { userId: user.id, email, name: user.name, role, regionCode, mustChangePassword: pendingPassword, ipAddress: '192.0.2.10', userAgent: 'vitest' };
  return { actor, password: oneTimePassword };
}

/** Inserts a ready model with one element (GlobalId returned) in `regionCode`. */
export async function createTestModel(
  db: Db,
  regionCode: string | null,
  visibility: 'public' | 'internal' = 'internal',
): Promise<{ modelId: string; globalId: string }> {
  const [row] = await db
    .insert(models)
    .values({ name: `scope ${regionCode}`, fileName: 'scope.ifc', sourceSha256: randomUUID(), status: 'ready', tilesetDir: `scope-${randomUUID()}`, regionCode, visibility })
    .returning({ id: models.id });
  const globalId = `0${randomUUID().replace(/-/g, '').slice(0, 21)}`; // IFC GlobalId: 22 base-64 characters, first one 0–3
  await db.insert(elements).values({ modelId: row.id, globalId, expressId: 1, ifcClass: 'IfcWall', name: 'wall' });
  return { modelId: row.id, globalId };
}

/**
 * A province-wide reader (role planner, region 360000) for service tests that are not about scope: it sees
 * every model. Not stored; read procedures do not look the account up.
 */
export const PROVINCE_READER: Actor = {
  userId: '00000000-0000-4000-8000-00000000a11e',
  email: 'province.reader@test.gantwin.local',
  name: 'province reader',
  role: 'planner',
  regionCode: '360000',
  mustChangePassword: false,
  ipAddress: null,
  userAgent: 'vitest',
};

/**
 * A session cookie (`gantwin.session_token=…`) of a fresh account of `role` in `regionCode`, signed in through the
 * real auth handler — for tests of route handlers that read the session themselves (uploads, tiles).
 * @returns the cookie pair and the account as an actor
 */
export async function signedInCookie(db: Db, role: Role, regionCode: string): Promise<{ cookie: string; actor: Actor }> {
  const { actor, password } = await createTestAccount(db, role, regionCode);
  // A random address of 198.18.0.0/15 (RFC 2544, benchmarking): the sign-in limit (5 per address and minute) is kept
  // in the run's one database, and test files in parallel processes once counted up the same few addresses.
  const address = `198.${18 + randomInt(0, 2)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  const signIn = await authHttpResponse(
    new Request('http://localhost/api/auth/sign-in/email', {
      method: 'POST',
      body: JSON.stringify({ email: actor.email, password }),
      headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-forwarded-for': address },
    }),
    db,
  );
  const cookie = (signIn.headers.getSetCookie().find((c) => c.startsWith('gantwin.session_token=')) ?? '').split(';')[0];
  return { cookie, actor };
}

