import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { rolePassword, roleUrl, scramVerifier } from './database-roles';
import { connectTestDb } from './test-database';

/**
 * Regression test of the finding "the app connects as a superuser, so its credentials can switch off the audit
 * trigger": this file connects exactly as the app does (the test setup's `databaseUrl`, the app role) and tries
 * what an attacker holding the app's connection would try.
 */
const app = connectTestDb();
afterAll(() => app.pool.end());

const TRIGGER = 'accounts_audit_log_no_update_delete';

/** `<SQLSTATE> <message>` of the error a statement fails with, or 'ok' (each statement autocommits on its own). */
async function outcomeOf(statement: string, values: unknown[] = []): Promise<string> {
  try {
    await app.pool.query(statement, values);
    return 'ok';
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return `${code} ${message}`;
  }
}

/** 42501 insufficient_privilege from the privilege system ("must be owner of …", "permission denied …"). */
const DENIED = /^42501 (must be owner of|permission denied)/;
/** A privilege refusal on the audit table, before its trigger could run (the trigger also raises 42501). */
const AUDIT_DENIED = '42501 permission denied for table accounts_audit_log';

async function insertAuditRow(label: string): Promise<number> {
  const { rows } = await app.pool.query<{ id: string }>(
    `INSERT INTO accounts_audit_log (actor_label, action, table_name, record_id) VALUES ($1, 'create', 'models', 'x') RETURNING id`,
    [label],
  );
  return Number(rows[0].id);
}

describe('the app role (the connection the app uses)', () => {
  it('is not a superuser and cannot create roles, databases or bypass row security', async () => {
    const { rows } = await app.pool.query(
      'SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows[0]).toEqual({ name: 'gantwin_app', rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false });
  });

  it('cannot switch off, drop or replace the append-only trigger of accounts_audit_log', async () => {
    expect(await outcomeOf(`ALTER TABLE accounts_audit_log DISABLE TRIGGER ${TRIGGER}`)).toMatch(DENIED);
    expect(await outcomeOf('ALTER TABLE accounts_audit_log DISABLE TRIGGER ALL')).toMatch(DENIED);
    expect(await outcomeOf(`DROP TRIGGER ${TRIGGER} ON accounts_audit_log`)).toMatch(DENIED);
    expect(await outcomeOf('DROP FUNCTION accounts_audit_log_reject_change() CASCADE')).toMatch(DENIED);
    expect(await outcomeOf(`CREATE OR REPLACE FUNCTION accounts_audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`)).toMatch(DENIED);
    // Triggers do not fire in replica mode; setting it needs superuser.
    expect(await outcomeOf('SET session_replication_role = replica')).toMatch(DENIED);
    // Nor can it become the owner, or change any table.
    expect(await outcomeOf('SET ROLE gantwin_owner')).toMatch(DENIED);
    expect(await outcomeOf('ALTER TABLE accounts_audit_log OWNER TO gantwin_app')).toMatch(DENIED);
    expect(await outcomeOf('ALTER TABLE models ADD COLUMN forged integer')).toMatch(DENIED);
    expect(await outcomeOf('CREATE TABLE public.forged (id integer)')).toMatch(DENIED);
    const { rows } = await app.pool.query(`SELECT tgenabled FROM pg_trigger WHERE tgname = $1`, [TRIGGER]);
    expect(rows).toEqual([{ tgenabled: 'O' }]);
  });

  it('can INSERT and SELECT audit rows but not UPDATE, DELETE or TRUNCATE them', async () => {
    const id = await insertAuditRow('cli:database-roles-test');
    expect(await outcomeOf(`UPDATE accounts_audit_log SET actor_label = 'forged' WHERE id = $1`, [id])).toBe(AUDIT_DENIED);
    expect(await outcomeOf('DELETE FROM accounts_audit_log WHERE id = $1', [id])).toBe(AUDIT_DENIED);
    expect(await outcomeOf('TRUNCATE accounts_audit_log')).toBe(AUDIT_DENIED);
    const { rows } = await app.pool.query('SELECT actor_label FROM accounts_audit_log WHERE id = $1', [id]);
    expect(rows).toEqual([{ actor_label: 'cli:database-roles-test' }]);
  });

  it('does the usual INSERT, UPDATE, DELETE on the other tables', async () => {
    const key = `database-roles-test-${process.pid}-${Date.now()}`;
    expect(await outcomeOf('INSERT INTO accounts_rate_limits (id, key, count, last_request) VALUES ($1, $1, 1, 0)', [key])).toBe('ok');
    expect(await outcomeOf('UPDATE accounts_rate_limits SET count = 2 WHERE key = $1', [key])).toBe('ok');
    const { rows } = await app.pool.query('SELECT count FROM accounts_rate_limits WHERE key = $1', [key]);
    expect(rows).toEqual([{ count: 2 }]);
    expect(await outcomeOf('DELETE FROM accounts_rate_limits WHERE key = $1', [key])).toBe('ok');
    // TRUNCATE is never granted: a bulk wipe is a migration's job.
    expect(await outcomeOf('TRUNCATE accounts_rate_limits')).toMatch(DENIED);
  });

  it("may run the owner's SECURITY DEFINER functions, which PUBLIC may not (a role without them cannot make partitions)", async () => {
    const { rows } = await app.pool.query<{ fn: string; app: boolean; public: boolean }>(
      `SELECT p.proname AS fn, has_function_privilege(current_user, p.oid, 'EXECUTE') AS app,
              coalesce(bool_or(a.grantee = 0 AND a.privilege_type = 'EXECUTE'), false) AS public
         FROM pg_proc p LEFT JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a ON true
        WHERE p.prosecdef AND p.pronamespace = 'public'::regnamespace
          AND p.proowner = (SELECT relowner FROM pg_class WHERE oid = 'public.accounts_audit_log'::regclass)
        GROUP BY p.oid, p.proname ORDER BY p.proname`,
    );
    expect(rows.map((r) => r.fn)).toEqual(expect.arrayContaining(['sensors_create_reading_partitions', 'sensors_drop_reading_partitions']));
    for (const row of rows) expect(row).toEqual({ fn: row.fn, app: true, public: false });
  });
});

describe('roleUrl', () => {
  it('keeps host, port, database and parameters, and replaces user and password', () => {
    expect(roleUrl('postgres://postgres@127.0.0.1:54329/gantwin', 'gantwin_app')).toBe('postgres://gantwin_app@127.0.0.1:54329/gantwin');
    const url = new URL(roleUrl('postgresql://admin:s3cr%40t@db.example:6432/twin?sslmode=require', 'gantwin_owner'));
    expect([url.protocol, url.host, url.pathname, url.search, url.username]).toEqual(['postgresql:', 'db.example:6432', '/twin', '?sslmode=require', 'gantwin_owner']);
    // Derived from the decoded setup password; 256 bits, URL-safe.
    expect(url.password).toBe(rolePassword('s3cr@t', 'gantwin_owner'));
    expect(url.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rolePassword('s3cr@t', 'gantwin_app')).not.toBe(url.password);
    expect(rolePassword('other', 'gantwin_owner')).not.toBe(url.password);
  });
});

/** pg's own SCRAM-SHA-256 client (pg 8.23, lib/crypto/sasl.js): an implementation independent of ours. */
interface PgSaslSession {
  clientNonce: string;
  response: string;
  serverSignature: string;
}
const pgSasl = createRequire(import.meta.url)('pg/lib/crypto/sasl') as {
  startSession(mechanisms: string[]): PgSaslSession;
  continueSession(session: PgSaslSession, password: string, serverData: string): Promise<void>;
};

describe('scramVerifier', () => {
  it("lets pg's SCRAM client authenticate with the password, and not with another one", async () => {
    const password = rolePassword('setup-password', 'gantwin_app');
    const verifier = scramVerifier(password);
    const match = /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(verifier);
    expect(match).not.toBeNull();
    const [, iterations, salt, storedKeyB64, serverKeyB64] = match as RegExpExecArray;
    expect(Number(iterations)).toBe(4096);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    /** The server's side of RFC 5802 §3: does the client's proof match the stored key, and its signature ours? */
    const serverAccepts = async (tried: string): Promise<boolean> => {
      const session = pgSasl.startSession(['SCRAM-SHA-256']);
      const serverFirst = `r=${session.clientNonce}server-nonce,s=${salt},i=${iterations}`;
      await pgSasl.continueSession(session, tried, serverFirst);
      const [channelBinding, nonce, proof] = session.response.split(',');
      const authMessage = `n=*,r=${session.clientNonce},${serverFirst},${channelBinding},${nonce}`;
      const storedKey = Buffer.from(storedKeyB64, 'base64');
      const clientSignature = createHmac('sha256', storedKey).update(authMessage).digest();
      const clientKey = Buffer.from(proof.slice(2), 'base64').map((byte, i) => byte ^ clientSignature[i]);
      const serverSignature = createHmac('sha256', Buffer.from(serverKeyB64, 'base64')).update(authMessage).digest('base64');
      return timingSafeEqual(createHash('sha256').update(clientKey).digest(), storedKey) && serverSignature === session.serverSignature;
    };
    expect(await serverAccepts(password)).toBe(true);
    expect(await serverAccepts(rolePassword('setup-password', 'gantwin_owner'))).toBe(false);
    // A fresh salt each time, for the same password.
    expect(scramVerifier(password)).not.toBe(verifier);
  });
});
