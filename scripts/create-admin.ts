/**
 * `npm run accounts:create-admin -- --email <e-mail> [--name <name>]`: the first-run command. Creates the first
 * admin account (region 360000, the whole province) and prints its one-time password once; it must be changed
 * at the first sign-in. Refuses when an admin already exists.
 *
 * With `--if-none` (what `npm start` runs), an existing admin is not an error: the command says so and exits 0.
 *
 * `npm run accounts:create-admin -- --reset <e-mail>`: prints a new one-time password for an existing account
 * (recovery when every admin lost access); recorded in the audit trail as `cli:create-admin`.
 *
 * Needs `DATABASE_URL` (run `npm run db:up`, migrate and seed first: the province region must exist).
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createFirstAdmin, resetPassword } from '@server/accounts/users-service';
import { createDb } from '@server/db/client';
import { accountsUsers } from '@server/db/schema/accounts';
import { requireDatabaseUrl } from '@server/env';
import { NotFoundError } from '@kernel/errors';

const USAGE = 'usage: npm run accounts:create-admin -- --email <e-mail> [--name <name>] [--if-none] | --reset <e-mail>';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, reset: { type: 'string' }, 'if-none': { type: 'boolean' }, help: { type: 'boolean' } } });
if (values.help || (!values.email && !values.reset)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const { db, pool } = createDb(requireDatabaseUrl(), 2);
try {
  if (values.reset) {
    const email = values.reset.trim().toLowerCase();
    const [user] = await db.select({ id: accountsUsers.id }).from(accountsUsers).where(eq(accountsUsers.email, email));
    if (!user) throw new NotFoundError(`no account has e-mail ${email}`);
    const { oneTimePassword } = await resetPassword(db, { cli: 'create-admin' }, { id: user.id });
    console.log(`accounts: new one-time password for ${email}: ${oneTimePassword}`);
  } else {
    const [admin] = await db.select({ email: accountsUsers.email }).from(accountsUsers).where(eq(accountsUsers.role, 'admin')).limit(1);
    if (admin && values['if-none']) {
      console.log(`accounts: an admin exists (${admin.email}); lost its password? npm run accounts:create-admin -- --reset ${admin.email}`);
      process.exit(0);
    }
    const email = values.email ?? '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`--email: "${email}" is not an e-mail address`);
    const { user, oneTimePassword } = await createFirstAdmin(db, { email, name: values.name ?? '系统管理员' });
    console.log(`accounts: created admin ${user.email} (${user.regionName || user.regionCode})`);
    console.log(`accounts: one-time password: ${oneTimePassword}`);
  }
  console.log('accounts: sign in at /sign-in; you will be asked to choose a new password. This password is not shown again.');
} catch (error) {
  console.error(`accounts: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
