import pg from 'pg';
import { SILENT_LOGGER, type Logger } from '@kernel/logger';
import { adoptOwnedObjects } from './adopt-owned-objects';
import { grantAppPrivileges } from './app-privileges';
import { appRoleAsSetupError, DATABASE_ROLES, ensureDatabaseRoles, roleUrl, setupRightsOf } from './database-roles';
import { databaseNameOf, ensureDatabase } from './local-cluster';
import { extensionsOfMigrations, runMigrations } from './migrate';

/**
 * Sets up a GanTwin database with its two roles: the setup role (superuser or CREATEROLE) creates the roles and
 * the database, the owner role migrates, the app role gets DML (server/db/database-roles.ts has the why).
 *
 * Notes:
 * - Who does what. Setup role: roles, database, extensions (PostGIS needs a superuser), `CREATE` on the database
 *   and on `public` for the owner, `REVOKE CREATE ON SCHEMA public FROM PUBLIC` (PostgreSQL 15's default, made
 *   explicit for older servers), handing over objects of a database migrated before the roles existed
 *   (adopt-owned-objects.ts). Owner role: migrations, pg-boss's schema and queues (`installJobQueues`), the app
 *   role's grants (app-privileges.ts).
 * - A setup role without CREATEROLE cannot make the roles: then everything runs as that role, as before, and a
 *   warning says so (docs/security.md "Database roles" says what an operator can do instead).
 * - `installJobQueues` is passed in, so that server/db does not import server/jobs (the dependency points
 *   jobs → db); callers pass `installJobQueues` of server/jobs/install-job-queues.ts.
 */

/** Options of {@link provisionDatabase} and {@link migrateAsOwner}. */
export interface ProvisionOptions {
  /** Creates or migrates the job queue schema and every queue, connected as the owner; omitted: no queues. */
  installJobQueues?: (ownerUrl: string) => Promise<void>;
  logger?: Logger;
}

/** A provisioned database: the URLs to run the app and the migrations with. */
export interface ProvisionedDatabase {
  /** URL of the app role (`gantwin_app`), or of the setup role when it could not create roles. */
  appUrl: string;
  /** URL of the owner role (`gantwin_owner`) that migrations ran as, or of the setup role. */
  ownerUrl: string;
  /** False when the setup role lacks CREATEROLE and the app runs as the role that owns the tables. */
  hasSeparateRoles: boolean;
}

/**
 * Applies the migrations as the owner, installs the job queues, then grants the app role its privileges.
 * What `npm run db:migrate` runs.
 * @param ownerUrl URL of the database as the owner role
 * @param appRole the role the app connects as; when it is the owner's own role, no grants are made
 * @throws {Error} from pg / the drizzle migrator / pg-boss (e.g. "permission denied to create extension" when the
 *   owner has to create PostGIS itself)
 */
export async function migrateAsOwner(ownerUrl: string, appRole: string, options: ProvisionOptions = {}): Promise<void> {
  await runMigrations(ownerUrl);
  if (options.installJobQueues) await options.installJobQueues(ownerUrl);
  await grantAppPrivileges(ownerUrl, appRole);
}

/**
 * Makes sure database `name` exists on the server of `adminUrl` and is migrated, with the two roles when the setup
 * role may create them (see Notes). Idempotent; safe to run for several databases of one server at once.
 * @param adminUrl URL of a maintenance database (`postgres`) as the setup role
 * @param name database name (lower-case identifier, ≤ 63 characters)
 * @returns the app's and the owner's URL of that database
 * @throws {InputError} when the setup role is the app role (it may not migrate), see also {@link ensureDatabaseRoles}
 * @throws {InvariantError} when `name` is not a plain identifier
 * @throws {Error} from pg / migrations, e.g. "permission denied to create extension "postgis"" for a setup role that
 *   is not a superuser on a server where PostGIS is not yet created in that database
 */
export async function provisionDatabase(adminUrl: string, name: string, options: ProvisionOptions = {}): Promise<ProvisionedDatabase> {
  const logger = options.logger ?? SILENT_LOGGER;
  const setup = await setupRightsOf(adminUrl);
  if (setup.role === DATABASE_ROLES.app) throw appRoleAsSetupError();
  if (!setup.canCreateRoles) {
    const url = await ensureDatabase(adminUrl, name);
    logger.warn(
      `db-roles: ${setup.role} may not create roles (no CREATEROLE): migrations AND the app run as ${setup.role}, which owns ` +
        `the tables and can switch off the audit trigger; see docs/security.md "Database roles"`,
    );
    await migrateAsOwner(url, setup.role, options);
    return { appUrl: url, ownerUrl: url, hasSeparateRoles: false };
  }
  await ensureDatabaseRoles(adminUrl, { logger });
  const setupDbUrl = await ensureDatabase(adminUrl, name);
  await prepareForOwner(setupDbUrl, logger);
  const ownerUrl = roleUrl(setupDbUrl, DATABASE_ROLES.owner);
  const appUrl = roleUrl(setupDbUrl, DATABASE_ROLES.app);
  await migrateAsOwner(ownerUrl, DATABASE_ROLES.app, options);
  logger.info(`db-roles: database ${name}: migrations run as ${DATABASE_ROLES.owner}, the app as ${DATABASE_ROLES.app}`);
  return { appUrl, ownerUrl, hasSeparateRoles: true };
}

/** The setup role's part in one database: extensions, rights for the owner, adopting older objects. */
async function prepareForOwner(setupDbUrl: string, logger: Logger): Promise<void> {
  const owner = DATABASE_ROLES.owner;
  const client = new pg.Client({ connectionString: setupDbUrl });
  await client.connect();
  try {
    for (const extension of extensionsOfMigrations()) await client.query(`CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(extension)}`);
    const database = client.escapeIdentifier(databaseNameOf(setupDbUrl));
    await client.query(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${client.escapeIdentifier(owner)}`);
    await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${client.escapeIdentifier(DATABASE_ROLES.app)}`);
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await client.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${client.escapeIdentifier(owner)}`);
  } finally {
    await client.end();
  }
  const adopted = await adoptOwnedObjects(setupDbUrl, owner);
  if (adopted.length) logger.info(`db-roles: database ${databaseNameOf(setupDbUrl)}: ${adopted.length} objects of an earlier setup handed to ${owner}`);
}
