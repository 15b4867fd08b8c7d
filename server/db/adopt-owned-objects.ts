import pg from 'pg';

/**
 * Hands a database migrated before the roles existed to the owner role.
 *
 * Notes: until the two roles, the setup role itself (the local cluster's `postgres`, or the `DATABASE_URL` user)
 * ran the migrations and pg-boss, so it owns the tables, the audit trigger function, pg-boss's schema, partitions,
 * functions and enum type, and drizzle's journal. The owner role could then neither migrate nor grant. This moves
 * exactly the objects the setup role owns in that database's own schemas (not `pg_*`, `information_schema`, nor
 * extension members such as PostGIS's functions and `spatial_ref_sys`) to the owner. `REASSIGN OWNED` is not used:
 * for the bootstrap superuser it refuses ("required by the database system"), and it would also move the database
 * itself. Indexes, column-owned and identity sequences, triggers and array types follow their table or type.
 */

/** `ALTER … OWNER TO` statements for the setup role's objects; `$1` = new owner. */
const ADOPTION_STATEMENTS = `
  WITH me AS (SELECT oid FROM pg_roles WHERE rolname = current_user),
  ours AS (
    SELECT n.oid, n.nspname, n.nspowner FROM pg_namespace n
     WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
  ),
  extension_members AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
  SELECT format('ALTER SCHEMA %I OWNER TO %I', s.nspname, $1::text) AS statement
    FROM ours s
   WHERE s.nspowner = (SELECT oid FROM me) AND s.nspname <> 'public'
     AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = s.oid)
  UNION ALL
  SELECT format('ALTER %s %I.%I OWNER TO %I',
                CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                               WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                s.nspname, c.relname, $1::text)
    FROM pg_class c JOIN ours s ON s.oid = c.relnamespace
   WHERE c.relowner = (SELECT oid FROM me) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
     AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
     AND NOT (c.relkind = 'S' AND EXISTS (
           SELECT 1 FROM pg_depend d
            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
  UNION ALL
  SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $1::text)
    FROM pg_proc p JOIN ours s ON s.oid = p.pronamespace
   WHERE p.proowner = (SELECT oid FROM me)
     AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  UNION ALL
  SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $1::text)
    FROM pg_type t JOIN ours s ON s.oid = t.typnamespace
   WHERE t.typowner = (SELECT oid FROM me) AND t.typtype IN ('e', 'd')
     AND NOT EXISTS (SELECT 1 FROM extension_members e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)`;

/**
 * Gives the owner role every object the role of `setupDbUrl` owns in that database (see Notes), in one transaction.
 * A non-superuser setup role is first made a member of the owner role (PostgreSQL requires it to give an object
 * away). Idempotent: a database already handed over has nothing left to move.
 * @param setupDbUrl URL of the database as the setup role (superuser, or CREATEROLE that created the database)
 * @param ownerRole the new owner (`gantwin_owner`)
 * @returns the statements run (empty when nothing was owned by the setup role)
 * @throws {Error} from pg, e.g. when the setup role may not grant itself membership in `ownerRole`
 */
export async function adoptOwnedObjects(setupDbUrl: string, ownerRole: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: setupDbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ statement: string }>(ADOPTION_STATEMENTS, [ownerRole]);
    if (rows.length === 0) return [];
    const { rows: setup } = await client.query<{ isSuperuser: boolean; isMember: boolean }>(
      `SELECT rolsuper AS "isSuperuser", pg_has_role(current_user, $1, 'MEMBER') AS "isMember" FROM pg_roles WHERE rolname = current_user`,
      [ownerRole],
    );
    if (!setup[0].isSuperuser && !setup[0].isMember) await client.query(`GRANT ${client.escapeIdentifier(ownerRole)} TO CURRENT_USER`);
    await client.query('BEGIN');
    for (const { statement } of rows) await client.query(statement);
    await client.query('COMMIT');
    return rows.map((r) => r.statement);
  } finally {
    // On a failure the open transaction is rolled back when the session ends.
    await client.end();
  }
}
