import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { InputError } from '@kernel/errors';
import { SILENT_LOGGER, type Logger } from '@kernel/logger';

/**
 * The two PostgreSQL roles GanTwin runs as, and their creation on a server (cluster-wide).
 *
 * Notes:
 * - Why two roles: the app used to connect as the superuser that ran the migrations, so its credentials could
 *   `ALTER TABLE accounts_audit_log DISABLE TRIGGER …` and rewrite the append-only audit trail. Now the owner role
 *   owns every table, runs the migrations and creates pg-boss's schema and queues; the app role has DML only
 *   (server/db/app-privileges.ts), and only INSERT/SELECT on the audit trail. Neither is a superuser.
 * - Roles are cluster-global: every database on the server (the app's, the e2e one, each vitest run's) shares
 *   them, and several runs may create them at once. Creation holds a session advisory lock in the maintenance
 *   database (`postgres`, which every setup connects to) and still treats `duplicate_object` (42710) and a unique
 *   violation on `pg_authid` (23505) as "someone else created it".
 * - Passwords: when the setup URL carries a password (a server with password authentication), each role's is
 *   HMAC-SHA-256(setup password, `gantwin-db-role:<role>`), base64url. It is derived, not stored: every checkout
 *   and every run with the same setup URL gets the same one, so concurrent runs agree, and nothing is written to
 *   disk; a different setup URL on the same server sets other passwords (the last set-up wins). The server
 *   receives only a SCRAM-SHA-256 verifier, never the password (no cleartext in its logs: checked with
 *   `log_statement=all` on a scram-sha-256 cluster). When the setup URL has no password (trust, peer or certificate
 *   authentication) the roles get none either.
 *   Alternatives rejected: a random password in `.gantwin/` (two checkouts on one server would overwrite each
 *   other's), an environment variable per role (more for operators to get wrong).
 * - The local cluster authenticates 127.0.0.1 by trust (server/db/local-cluster.ts): there, any local process may
 *   connect as any role; the roles stop SQL sent through the app's own connections, not a local shell user.
 * @see docs/security.md "Database roles"
 */

/** Names of the two roles. */
export interface DatabaseRoleNames {
  /** Owns the schema objects, runs migrations and pg-boss schema changes. */
  owner: string;
  /** What the app (web server, worker, seeders) connects as. */
  app: string;
}

/** The role names GanTwin uses. */
export const DATABASE_ROLES = { owner: 'gantwin_owner', app: 'gantwin_app' } as const satisfies DatabaseRoleNames;

/** Attributes both roles get; anything more (SUPERUSER, CREATEROLE, …) is taken away again on the next setup. */
const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

/** Advisory lock key (session level, database `postgres`) that serialises role setup across runs: "gantwin". */
const ROLES_LOCK_KEY = 0x67616e7477696en;

/** SQLSTATEs that mean a concurrent setup created the role first. */
const ALREADY_EXISTS = new Set(['42710', '23505']);

/** SCRAM-SHA-256 iteration count (PostgreSQL's default `scram_iterations`). */
const SCRAM_ITERATIONS = 4096;

/** What the setup role may do on its server. */
export interface SetupRights {
  /** `current_user` of the setup URL. */
  role: string;
  isSuperuser: boolean;
  /** Superuser or CREATEROLE: may create {@link DATABASE_ROLES}. */
  canCreateRoles: boolean;
}

/**
 * Reads what the role of `adminUrl` may do.
 * @param adminUrl `postgres://` URL of a maintenance database (`postgres`) on the server
 * @throws {Error} from pg when the server cannot be reached
 */
export async function setupRightsOf(adminUrl: string): Promise<SetupRights> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; rolsuper: boolean; rolcreaterole: boolean }>(
      'SELECT current_user AS role, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user',
    );
    const { role, rolsuper, rolcreaterole } = rows[0];
    return { role, isSuperuser: rolsuper, canCreateRoles: rolsuper || rolcreaterole };
  } finally {
    await client.end();
  }
}

/**
 * The password of a role derived from the setup password (see Notes).
 * @param setupPassword password of the setup URL (decoded), non-empty
 * @returns 43 base64url characters (256 bits)
 */
export function rolePassword(setupPassword: string, role: string): string {
  return createHmac('sha256', setupPassword).update(`gantwin-db-role:${role}`).digest('base64url');
}

/**
 * A SCRAM-SHA-256 verifier of `password` in PostgreSQL's `pg_authid.rolpassword` format, so that `CREATE ROLE …
 * PASSWORD` never sends the password itself. A fresh random salt each call (16 bytes).
 * @param password ASCII (SASLprep leaves it unchanged; {@link rolePassword} returns base64url)
 * @returns `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64)
 * @see RFC 5802 §3 and RFC 7677 (SCRAM-SHA-256); PostgreSQL `src/common/scram-common.c`
 */
export function scramVerifier(password: string, iterations = SCRAM_ITERATIONS, salt = randomBytes(16)): string {
  const saltedPassword = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', saltedPassword).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', saltedPassword).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * The URL a role connects with: `url` with its user replaced by `role` and its password by the role's derived one
 * (none when `url` has none). Host, port, database and query parameters (`sslmode`, …) stay.
 * @param url the setup URL pointing at the database the role should use
 */
export function roleUrl(url: string, role: string): string {
  const parsed = new URL(url);
  const setupPassword = decodeURIComponent(parsed.password);
  parsed.username = role;
  parsed.password = setupPassword ? rolePassword(setupPassword, role) : '';
  return parsed.toString();
}

/**
 * The role a URL connects as: its user name, or (when it names none and the OS user applies) `current_user` as
 * reported by the server.
 * @throws {Error} from pg when the URL names no user and the server cannot be reached
 */
export async function roleOfUrl(url: string): Promise<string> {
  const named = decodeURIComponent(new URL(url).username);
  if (named) return named;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ role: string }>('SELECT current_user AS role')).rows[0].role;
  } finally {
    await client.end();
  }
}

/**
 * The error for a setup URL that connects as the app role (e.g. the `DATABASE_URL` printed by `db:up`, exported
 * into a shell and given back to `db:up`, the e2e or the test set-up).
 */
export function appRoleAsSetupError(): InputError {
  return new InputError(
    `db-roles: the setup URL connects as ${DATABASE_ROLES.app}, the app role, which may not create or migrate anything; ` +
      'set DATABASE_URL to a role that may create roles and databases (or DATABASE_MIGRATION_URL to the owner\'s URL, ' +
      'see docs/security.md "Database roles")',
  );
}

/** Options of {@link ensureDatabaseRoles}. */
export interface EnsureRolesOptions {
  /** Role names (default {@link DATABASE_ROLES}; tests use their own). */
  roles?: DatabaseRoleNames;
  logger?: Logger;
}

const ROLE_ROW_QUERY = 'SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1';

interface RoleRow {
  rolcanlogin: boolean;
  rolsuper: boolean;
  rolcreatedb: boolean;
  rolcreaterole: boolean;
  rolreplication: boolean;
  rolbypassrls: boolean;
}

/**
 * Creates the two roles ({@link DATABASE_ROLES}) on the server of `adminUrl` when missing, resets their attributes to
 * LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS, sets their derived passwords (when the
 * setup URL has one) and removes the app role's membership in the owner role. Idempotent and safe to run from
 * several processes at once (see Notes).
 * @param adminUrl URL of a maintenance database as a superuser or CREATEROLE role
 * @throws {InputError} when an existing role is a superuser, replication or BYPASSRLS role and the setup role is
 *   not a superuser (only a superuser may take that away), or when the app role is a member of the owner role
 *   through another role
 * @throws {Error} from pg, e.g. 42501 when the setup role may not create roles
 */
export async function ensureDatabaseRoles(adminUrl: string, options: EnsureRolesOptions = {}): Promise<void> {
  const logger = options.logger ?? SILENT_LOGGER;
  const roles = options.roles ?? DATABASE_ROLES;
  const setupPassword = decodeURIComponent(new URL(adminUrl).password);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Released when the session ends (client.end below), also when a statement fails.
    await client.query('SELECT pg_advisory_lock($1)', [ROLES_LOCK_KEY]);
    const { rows: setup } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    const isSuperuser = setup[0].rolsuper;
    for (const role of [roles.owner, roles.app]) {
      const name = client.escapeIdentifier(role);
      const password = setupPassword ? ` PASSWORD ${client.escapeLiteral(scramVerifier(rolePassword(setupPassword, role)))}` : '';
      const { rows } = await client.query<RoleRow>(ROLE_ROW_QUERY, [role]);
      if (rows.length === 0) {
        try {
          await client.query(`CREATE ROLE ${name} ${ROLE_ATTRIBUTES}${password}`);
          logger.info(`db-roles: created role ${role}`);
          continue;
        } catch (error) {
          if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
          rows.push((await client.query<RoleRow>(ROLE_ROW_QUERY, [role])).rows[0]);
        }
      }
      const r = rows[0];
      const isPrivileged = r.rolsuper || r.rolreplication || r.rolbypassrls;
      if (isPrivileged && !isSuperuser) {
        throw new InputError(
          `db-roles: role ${role} is a superuser, replication or BYPASSRLS role; only a superuser may take that away ` +
            `(ALTER ROLE ${role} NOSUPERUSER NOREPLICATION NOBYPASSRLS)`,
          { context: { role } },
        );
      }
      if (isPrivileged || r.rolcreatedb || r.rolcreaterole || !r.rolcanlogin || password) {
        // PostgreSQL 15 lets only a superuser name (NO)SUPERUSER, (NO)REPLICATION or (NO)BYPASSRLS in ALTER ROLE.
        const attributes = isSuperuser ? ROLE_ATTRIBUTES : 'LOGIN NOCREATEDB NOCREATEROLE';
        await client.query(`ALTER ROLE ${name} ${attributes}${password}`);
      }
    }
    const isAppOwner = async (): Promise<boolean> =>
      (await client.query<{ isMember: boolean }>(`SELECT pg_has_role($1, $2, 'MEMBER') AS "isMember"`, [roles.app, roles.owner])).rows[0].isMember;
    if (await isAppOwner()) {
      logger.warn(`db-roles: ${roles.app} was a member of ${roles.owner}; revoking that membership`);
      await client.query(`REVOKE ${client.escapeIdentifier(roles.owner)} FROM ${client.escapeIdentifier(roles.app)}`);
      if (await isAppOwner()) {
        throw new InputError(`db-roles: ${roles.app} is still a member of ${roles.owner} through another role; remove that membership`);
      }
    }
  } finally {
    await client.end();
  }
}
