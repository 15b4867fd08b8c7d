/**
 * End-to-end support: creates the accounts the Playwright journeys sign in with, each with a random password
 * already chosen (no one-time password pending), and writes them to `.gantwin/e2e/accounts.json` (mode 0600)
 * for `e2e/*.spec.ts` to read. Needs the seeded e2e `DATABASE_URL`. Audited as `cli:e2e-accounts`.
 *
 * accounts.json: `{ "<key>": { "email", "password", "role", "regionCode" } }` with keys `provinceAdmin`,
 * `nanchangAdmin`, `nanchangPlanner`, `nanchangApplicant`, `jiujiangPlanner`, `nanchangInspector`,
 * `nanchangOfficer`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { hashPassword } from '@server/accounts/password';
import { createUser } from '@server/accounts/users-service';
import { createDb } from '@server/db/client';
import { accountsCredentials, accountsUsers, type Role } from '@server/db/schema/accounts';
import { requireDatabaseUrl } from '@server/env';

const ACCOUNTS: Record<string, { role: Role; regionCode: string; name: string }> = {
  provinceAdmin: { role: 'admin', regionCode: '360000', name: '省厅管理员' },
  nanchangAdmin: { role: 'admin', regionCode: '360100', name: '南昌市管理员' },
  nanchangPlanner: { role: 'planner', regionCode: '360100', name: '南昌规划审查员' },
  nanchangApplicant: { role: 'applicant', regionCode: '360100', name: '南昌申报单位' },
  jiujiangPlanner: { role: 'planner', regionCode: '360400', name: '九江规划审查员' },
  nanchangInspector: { role: 'inspector', regionCode: '360100', name: '南昌巡检员' },
  nanchangOfficer: { role: 'officer', regionCode: '360100', name: '南昌村落管理员' },
};
const OUT = path.resolve('.gantwin/e2e/accounts.json');

const { db, pool } = createDb(requireDatabaseUrl(), 2);
try {
  const written: Record<string, { email: string; password: string; role: Role; regionCode: string }> = {};
  for (const [key, account] of Object.entries(ACCOUNTS)) {
    const email = `${key.toLowerCase()}@e2e.gantwin.local`;
    const { user } = await createUser(db, { cli: 'e2e-accounts' }, { email, ...account });
    const password = randomBytes(12).toString('base64url');
    await db.update(accountsCredentials).set({ password: await hashPassword(password) }).where(and(eq(accountsCredentials.userId, user.id), eq(accountsCredentials.providerId, 'credential')));
    await db.update(accountsUsers).set({ mustChangePassword: false }).where(eq(accountsUsers.id, user.id));
    written[key] = { email, password, role: account.role, regionCode: account.regionCode };
  }
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(written, null, 2), { mode: 0o600 });
  console.error(`e2e-accounts: ${Object.keys(written).length} accounts written to ${OUT}`);
} catch (error) {
  console.error(`e2e-accounts: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
