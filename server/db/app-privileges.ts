import pg from 'pg';

/**
 * What the app role may do in a migrated database, granted by the owner role after every migration.
 *
 * Notes:
 * - The app role gets USAGE on `public` and on every other schema the owner owns except {@link OWNER_ONLY_SCHEMAS}
 *   (pg-boss's `pgboss`), SELECT/INSERT/UPDATE/DELETE on the owner's tables, views and partitions there and
 *   USAGE/SELECT on its sequences. Never TRUNCATE, REFERENCES, TRIGGER, CREATE or ownership: it cannot change
 *   a table, an index, a trigger or a function. The owner's SECURITY DEFINER functions are executable by the app
 *   role only (EXECUTE revoked from PUBLIC). PostGIS and pg_trgm functions are executable by PUBLIC, and
 *   `spatial_ref_sys` readable by PUBLIC (PostGIS's own grants).
 * - {@link APPEND_ONLY_TABLES} get INSERT and SELECT only. The trigger of migration
 *   `0003_accounts-audit-append-only` stays as the second layer (it also stops the owner).
 * - The grants are code, not a migration: role names belong to the deployment (an operator may bring other
 *   names, see docs/security.md), and a migration that names a role fails on a database without it. They are
 *   re-applied in one transaction after every migration, so the app never sees a table without its grants.
 *   `ALTER DEFAULT PRIVILEGES` also covers tables the owner creates in between (a pg-boss queue partition).
 */

/** Tables the app may only append to and read. */
export const APPEND_ONLY_TABLES = ['accounts_audit_log'] as const;

/** Schemas the app has no use for: drizzle's migration journal. */
export const OWNER_ONLY_SCHEMAS = ['drizzle'] as const;

/** SQL keyword of each relation kind we grant on (`pg_class.relkind`). */
const RELATION_KIND_SQL: Record<string, 'TABLE' | 'SEQUENCE'> = { r: 'TABLE', p: 'TABLE', v: 'TABLE', m: 'TABLE', f: 'TABLE', S: 'SEQUENCE' };

/**
 * Grants the app role its privileges (see Notes) on everything the role of `ownerUrl` owns in that database, and
 * sets the owner's default privileges for what it creates later. Idempotent. Does nothing when the app role is
 * the owner role itself (a single-role setup: the owner may do everything anyway).
 * @param ownerUrl URL of the database as its owner role (`gantwin_owner`)
 * @param appRole the role the app connects as (`gantwin_app`)
 * @returns whether privileges were granted (false for a single-role setup)
 * @throws {Error} from pg when the URL cannot connect or `appRole` does not exist
 */
export async function grantAppPrivileges(ownerUrl: string, appRole: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows: who } = await client.query<{ role: string }>('SELECT current_user AS role');
    if (who[0].role === appRole) return false;
    const app = client.escapeIdentifier(appRole);
    const { rows: schemas } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace
        WHERE (nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) OR nspname = 'public')
          AND nspname <> ALL($1::text[]) ORDER BY nspname`,
      [OWNER_ONLY_SCHEMAS],
    );
    const { rows: relations } = await client.query<{ name: string; kind: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind AS kind
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
          AND c.relkind = ANY($1::"char"[]) AND n.nspname = ANY($2::text[]) ORDER BY 1`,
      [Object.keys(RELATION_KIND_SQL), schemas.map((s) => s.name)],
    );
    // SECURITY DEFINER functions run with the owner's rights: callable by the app role only, not by PUBLIC (the
    // default EXECUTE grant of CREATE FUNCTION), e.g. the sensors plate's partition functions (migration 0009).
    const { rows: definers } = await client.query<{ signature: string }>(
      `SELECT format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS signature
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND p.prosecdef
          AND n.nspname = ANY($1::text[]) ORDER BY 1`,
      [schemas.map((s) => s.name)],
    );
    const tables = relations.filter((r) => RELATION_KIND_SQL[r.kind] === 'TABLE').map((r) => r.name);
    const sequences = relations.filter((r) => RELATION_KIND_SQL[r.kind] === 'SEQUENCE').map((r) => r.name);
    await client.query('BEGIN');
    await client.query(`ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
    for (const schema of schemas) await client.query(`GRANT USAGE ON SCHEMA ${client.escapeIdentifier(schema.name)} TO ${app}`);
    if (tables.length) {
      await client.query(`REVOKE ALL ON TABLE ${tables.join(', ')} FROM ${app}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ${tables.join(', ')} TO ${app}`);
    }
    if (sequences.length) {
      await client.query(`REVOKE ALL ON SEQUENCE ${sequences.join(', ')} FROM ${app}`);
      await client.query(`GRANT USAGE, SELECT ON SEQUENCE ${sequences.join(', ')} TO ${app}`);
    }
    for (const { signature } of definers) {
      await client.query(`REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC`);
      await client.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${app}`);
    }
    for (const table of APPEND_ONLY_TABLES) {
      if (tables.includes(`public.${table}`)) await client.query(`REVOKE UPDATE, DELETE ON TABLE public.${table} FROM ${app}`);
    }
    await client.query('COMMIT');
    return true;
  } finally {
    // On a failure the open transaction is rolled back when the session ends.
    await client.end();
  }
}
