import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testDatabaseUrl } from './test-database';
import { InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { installJobQueues } from '@server/jobs/install-job-queues';
import { DATABASE_ROLES, ensureDatabaseRoles, roleUrl } from './database-roles';
import { dropDatabase, ensureDatabase, withDatabase } from './local-cluster';
import { extensionsOfMigrations, runMigrations } from './migrate';
import { provisionDatabase } from './provision';

/**
 * provisionDatabase on the test server (its `DATABASE_URL` is a superuser): who owns what after a set-up, a
 * database migrated before the roles existed, a setup role without CREATEROLE, concurrent role creation.
 * Databases and roles made here are named `gantwin_test_*_<pid>` and removed in afterAll.
 */
const adminUrl = inject('databaseAdminUrl');
const suffix = `${process.pid}_${Date.now()}`;
const databasesToDrop: string[] = [];
const rolesToDrop: string[] = [];

async function query<T extends pg.QueryResultRow>(url: string, statement: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of databasesToDrop) await dropDatabase(adminUrl, name);
  for (const role of rolesToDrop) await query(adminUrl, `DROP ROLE IF EXISTS ${role}`);
});

/** Owner of every object of ours (not pg_*, information_schema, extension members) in the database. */
const OWNERS_OF_OUR_OBJECTS = `
  SELECT DISTINCT pg_get_userbyid(owner) AS owner FROM (
    SELECT c.relowner AS owner, c.oid, 'pg_class'::regclass AS classid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('public', 'drizzle', 'pgboss') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
    UNION ALL SELECT p.proowner, p.oid, 'pg_proc'::regclass FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname IN ('public', 'drizzle', 'pgboss')
    UNION ALL SELECT t.typowner, t.oid, 'pg_type'::regclass FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname IN ('public', 'drizzle', 'pgboss') AND t.typtype IN ('e', 'd')
    UNION ALL SELECT n.nspowner, n.oid, 'pg_namespace'::regclass FROM pg_namespace n WHERE n.nspname IN ('drizzle', 'pgboss')
  ) o WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.deptype = 'e' AND d.classid = o.classid AND d.objid = o.oid)`;

/** The app role's table privileges on `table`, as a sorted list. */
async function appPrivilegesOn(url: string, table: string): Promise<string[]> {
  const rows = await query<{ privilege: string }>(
    url,
    `SELECT p AS privilege FROM unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
      WHERE has_table_privilege($1, $2, p) ORDER BY p`,
    [DATABASE_ROLES.app, table],
  );
  return rows.map((r) => r.privilege);
}

describe('a database provisioned by the test set-up (as db:up does)', () => {
  const ownerUrl = testDatabaseUrl('owner');

  it('belongs to gantwin_owner: every table (and so its indexes), sequence, function, type and schema of ours, pg-boss included', async () => {
    expect(await query(ownerUrl, OWNERS_OF_OUR_OBJECTS)).toEqual([{ owner: 'gantwin_owner' }]);
    const [pgboss] = await query<{ n: number }>(ownerUrl, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'pgboss'`);
    expect(pgboss.n).toBeGreaterThanOrEqual(6); // version, queue, schedule, subscription, job, archive, + a partition per queue
  });

  it('gives the app DML only, INSERT/SELECT only on the audit trail, pg-boss tables, and nothing in drizzle', async () => {
    expect(await appPrivilegesOn(ownerUrl, 'accounts_audit_log')).toEqual(['INSERT', 'SELECT']);
    expect(await appPrivilegesOn(ownerUrl, 'models')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(await appPrivilegesOn(ownerUrl, 'pgboss.job')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    const [schemas] = await query<{ public: boolean; pgboss: boolean; drizzle: boolean; create: boolean; createDb: boolean }>(
      ownerUrl,
      `SELECT has_schema_privilege($1, 'public', 'USAGE') AS public, has_schema_privilege($1, 'pgboss', 'USAGE') AS pgboss,
              has_schema_privilege($1, 'drizzle', 'USAGE') AS drizzle, has_schema_privilege($1, 'public', 'CREATE') AS create,
              has_database_privilege($1, current_database(), 'CREATE') AS "createDb"`,
      [DATABASE_ROLES.app],
    );
    expect(schemas).toEqual({ public: true, pgboss: true, drizzle: false, create: false, createDb: false });
  });

  it('finds the extensions the migrations create, for the setup role to create first', () => {
    expect(extensionsOfMigrations()).toEqual(['postgis', 'pg_trgm']);
  });
});

describe('provisionDatabase', () => {
  it('hands a database migrated by the superuser before the roles existed to gantwin_owner, pg-boss included', async () => {
    const name = `gantwin_test_legacy_${suffix}`;
    databasesToDrop.push(name);
    const legacyUrl = await ensureDatabase(adminUrl, name);
    await runMigrations(legacyUrl);
    await installJobQueues(legacyUrl);
    expect(await query(legacyUrl, OWNERS_OF_OUR_OBJECTS)).toEqual([{ owner: 'postgres' }]);
    const messages: string[] = [];
    const logger: Logger = { debug: () => {}, info: (m) => messages.push(m), warn: (m) => messages.push(m), error: (m) => messages.push(m) };

    const database = await provisionDatabase(adminUrl, name, { installJobQueues, logger });

    expect(database).toEqual({ appUrl: roleUrl(legacyUrl, 'gantwin_app'), ownerUrl: roleUrl(legacyUrl, 'gantwin_owner'), hasSeparateRoles: true });
    expect(await query(legacyUrl, OWNERS_OF_OUR_OBJECTS)).toEqual([{ owner: 'gantwin_owner' }]);
    expect(messages).toEqual([
      expect.stringMatching(new RegExp(`^db-roles: database ${name}: \\d+ objects of an earlier setup handed to gantwin_owner$`)),
      `db-roles: database ${name}: migrations run as gantwin_owner, the app as gantwin_app`,
    ]);
    expect(await appPrivilegesOn(legacyUrl, 'accounts_audit_log')).toEqual(['INSERT', 'SELECT']);
    await expect(query(database.appUrl, 'ALTER TABLE accounts_audit_log DISABLE TRIGGER ALL')).rejects.toMatchObject({ code: '42501' });
    // Run again: nothing left to hand over, the same URLs.
    messages.length = 0;
    await expect(provisionDatabase(adminUrl, name, { installJobQueues, logger })).resolves.toEqual(database);
    expect(messages).toEqual([`db-roles: database ${name}: migrations run as gantwin_owner, the app as gantwin_app`]);
  });

  it('runs everything as a setup role without CREATEROLE, and says so in a warning', async () => {
    const role = `gantwin_test_plain_${suffix}`;
    const name = `gantwin_test_plain_${suffix}`;
    rolesToDrop.push(role);
    databasesToDrop.push(name);
    // What a hosting provider may hand out: a database of one's own with PostGIS already created, no CREATEROLE.
    await query(adminUrl, `CREATE ROLE ${role} LOGIN NOCREATEROLE NOCREATEDB`);
    await query(adminUrl, `CREATE DATABASE ${name} OWNER ${role}`);
    for (const extension of extensionsOfMigrations()) await query(withDatabase(adminUrl, name), `CREATE EXTENSION ${extension}`);
    const plainAdminUrl = roleUrl(adminUrl, role);
    const warnings: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };

    const database = await provisionDatabase(plainAdminUrl, name, { installJobQueues, logger });

    const url = withDatabase(plainAdminUrl, name);
    expect(database).toEqual({ appUrl: url, ownerUrl: url, hasSeparateRoles: false });
    expect(warnings).toEqual([
      `db-roles: ${role} may not create roles (no CREATEROLE): migrations AND the app run as ${role}, which owns the tables and can ` +
        'switch off the audit trigger; see docs/security.md "Database roles"',
    ]);
    const [row] = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(row.n).toBeGreaterThan(0);
  });

  it('refuses the app role as the setup role, naming what to set instead', async () => {
    const appAdminUrl = roleUrl(adminUrl, DATABASE_ROLES.app);
    const refusal = provisionDatabase(appAdminUrl, `gantwin_test_never_${suffix}`);
    await expect(refusal).rejects.toBeInstanceOf(InputError);
    await expect(refusal).rejects.toThrow(/setup URL connects as gantwin_app, the app role.*DATABASE_MIGRATION_URL/);
  });
});

describe('ensureDatabaseRoles', () => {
  it('creates the roles once when several set-ups run at the same time, with the wanted attributes', async () => {
    const roles = { owner: `gantwin_test_owner_${suffix}`, app: `gantwin_test_app_${suffix}` };
    rolesToDrop.push(roles.app, roles.owner);
    await Promise.all(Array.from({ length: 4 }, () => ensureDatabaseRoles(adminUrl, { roles })));
    const rows = await query(
      adminUrl,
      'SELECT rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname',
      [[roles.app, roles.owner]],
    );
    const wanted = { rolcanlogin: true, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false };
    expect(rows).toEqual([{ rolname: roles.app, ...wanted }, { rolname: roles.owner, ...wanted }]);
  });

  it('takes away superuser and membership in the owner role that someone gave the app role', async () => {
    const roles = { owner: `gantwin_test_owner2_${suffix}`, app: `gantwin_test_app2_${suffix}` };
    rolesToDrop.push(roles.app, roles.owner);
    await ensureDatabaseRoles(adminUrl, { roles });
    await query(adminUrl, `ALTER ROLE ${roles.app} SUPERUSER CREATEDB`);
    await query(adminUrl, `GRANT ${roles.owner} TO ${roles.app}`);
    const warnings: string[] = [];
    await ensureDatabaseRoles(adminUrl, { roles, logger: { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: () => {} } });
    const [row] = await query<{ rolsuper: boolean; rolcreatedb: boolean; isMember: boolean }>(
      adminUrl,
      `SELECT rolsuper, rolcreatedb, pg_has_role($1, $2, 'MEMBER') AS "isMember" FROM pg_roles WHERE rolname = $1`,
      [roles.app, roles.owner],
    );
    expect(row).toEqual({ rolsuper: false, rolcreatedb: false, isMember: false });
    expect(warnings).toEqual([`db-roles: ${roles.app} was a member of ${roles.owner}; revoking that membership`]);
  });
});
