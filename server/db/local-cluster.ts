import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, statSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { InputError, InvariantError } from '@kernel/errors';
import { SILENT_LOGGER, type Logger } from '@kernel/logger';
import { appRoleAsSetupError, DATABASE_ROLES } from './database-roles';

/**
 * A project-local PostgreSQL 15 + PostGIS cluster for machines without a configured `DATABASE_URL`.
 *
 * Notes: `initdb` refuses to run as root, so as root the cluster is owned and run by the `postgres` OS user
 * (`runuser -u postgres`), with the data and socket dirs chowned to it. Trust auth on 127.0.0.1 only.
 * A system server on :5432 is never touched: the local cluster listens on its own port (54329).
 * @see https://www.postgresql.org/docs/15/app-initdb.html, https://www.postgresql.org/docs/15/app-pg-ctl.html
 */

export interface LocalClusterOptions {
  /** Directory holding `pg/` (data), `pg-sock/` (Unix socket) and `pg.log`; relative to cwd or absolute. */
  rootDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Directory of the PostgreSQL 15 binaries (`initdb`, `pg_ctl`). */
  binDir: string;
  /** The PostGIS extension control file whose presence proves PostGIS is installed. */
  postgisControlFile: string;
  /** Debian package that provides PostGIS for PostgreSQL 15. */
  postgisPackage: string;
  logger: Logger;
}

/** Defaults of {@link LocalClusterOptions}. */
export const LOCAL_CLUSTER_DEFAULTS: LocalClusterOptions = {
  rootDir: '.gantwin',
  port: 54329,
  binDir: '/usr/lib/postgresql/15/bin',
  postgisControlFile: '/usr/share/postgresql/15/extension/postgis.control',
  postgisPackage: 'postgresql-15-postgis-3',
  logger: SILENT_LOGGER,
};

/** Where a database server was found. */
export interface DatabaseServer {
  /** Connection URL of the maintenance database (`postgres`) on that server. */
  adminUrl: string;
  source: 'env' | 'local-cluster';
}

/** Identifier pattern accepted for database names we create (no quoting surprises). */
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a binary, as `postgres` when we are root; throws with its stderr when it fails. */
function run(command: string, args: string[], asPostgres: boolean): SpawnSyncReturns<string> {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw new InputError(`local-cluster: cannot run ${command}: ${result.error.message}`, { cause: result.error });
  return result;
}

function runOrThrow(command: string, args: string[], asPostgres: boolean): void {
  const result = run(command, args, asPostgres);
  if (result.status !== 0) {
    throw new InputError(`local-cluster: ${path.basename(command)} exited ${result.status}: ${result.stderr.trim() || result.stdout.trim()}`, {
      context: { command, args },
    });
  }
}

/**
 * Makes sure PostGIS is installed for PostgreSQL 15: installs the Debian package when root, otherwise throws.
 * @throws {InputError} when not root and PostGIS is missing (message says what to install), or apt fails
 */
export function ensurePostgisInstalled(options: Partial<LocalClusterOptions> = {}): void {
  const o = { ...LOCAL_CLUSTER_DEFAULTS, ...options };
  if (existsSync(o.postgisControlFile)) return;
  if (!isRoot()) {
    throw new InputError(
      `local-cluster: PostGIS is missing (${o.postgisControlFile}); install it with: ` +
        `sudo apt-get update && sudo apt-get install -y ${o.postgisPackage}`,
    );
  }
  o.logger.info(`local-cluster: installing ${o.postgisPackage} with apt-get`);
  const install = (): SpawnSyncReturns<string> =>
    spawnSync('apt-get', ['install', '-y', o.postgisPackage], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    result = install();
  }
  if (result.status !== 0 || !existsSync(o.postgisControlFile)) {
    throw new InputError(`local-cluster: apt-get install ${o.postgisPackage} failed: ${result.stderr.trim()}`);
  }
}

/**
 * Initialises (once) and starts (when not running) the project-local cluster.
 * @returns the admin URL `postgres://postgres@127.0.0.1:<port>/postgres`
 * @throws {InputError} when PostGIS is missing and cannot be installed, another server holds the port, or
 *   initdb/pg_ctl fail
 */
export function ensureLocalCluster(options: Partial<LocalClusterOptions> = {}): string {
  const o = { ...LOCAL_CLUSTER_DEFAULTS, ...options };
  ensurePostgisInstalled(o);
  const root = path.resolve(o.rootDir);
  const dataDir = path.join(root, 'pg');
  const socketDir = path.join(root, 'pg-sock');
  const logFile = path.join(root, 'pg.log');
  const asPostgres = isRoot();
  const bin = (name: string): string => path.join(o.binDir, name);

  mkdirSync(root, { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(socketDir, { recursive: true });
  if (asPostgres) {
    // The `postgres` user must be able to traverse the project folder down to its data dir.
    const rootMode = statSync(root).mode;
    if ((rootMode & 0o001) === 0) chmodSync(root, (rootMode & 0o777) | 0o011);
    const ids = lookupPostgresIds();
    if (!existsSync(logFile)) writeFileSync(logFile, '');
    for (const file of [dataDir, socketDir, logFile]) chownSync(file, ids.uid, ids.gid);
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    o.logger.info(`local-cluster: initdb ${dataDir}`);
    runOrThrow(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], asPostgres);
  }

  const status = run(bin('pg_ctl'), ['-D', dataDir, 'status'], asPostgres);
  if (status.status !== 0) {
    // Another server (e.g. a second clone's cluster) already answers on the port: ours could not bind to it.
    const isPortTaken = run(bin('pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(o.port)], false).status === 0;
    if (isPortTaken) {
      throw new InputError(
        `local-cluster: 127.0.0.1:${o.port} is already used by another PostgreSQL server; set LOCAL_PG_PORT to a free port ` +
          `(or DATABASE_URL to use that server)`,
        { context: { port: o.port, dataDir } },
      );
    }
    o.logger.info(`local-cluster: starting PostgreSQL on 127.0.0.1:${o.port}`);
    const serverOptions = `-p ${o.port} -k ${socketDir} -c listen_addresses=127.0.0.1`;
    runOrThrow(bin('pg_ctl'), ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start'], asPostgres);
  }
  return `postgres://postgres@127.0.0.1:${o.port}/postgres`;
}

function lookupPostgresIds(): { uid: number; gid: number } {
  const result = spawnSync('id', ['postgres'], { encoding: 'utf8' });
  const uid = /uid=(\d+)/.exec(result.stdout)?.[1];
  const gid = /gid=(\d+)/.exec(result.stdout)?.[1];
  if (!uid || !gid) {
    throw new InputError('local-cluster: running as root but there is no `postgres` OS user to own the cluster; install postgresql-15');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Stops the project-local cluster when it runs (`pg_ctl stop -m fast`); a cluster that was never initialised or is
 * already stopped is left alone.
 * @returns whether a running cluster was stopped
 * @throws {InputError} when pg_ctl fails to stop a running cluster
 */
export function stopLocalCluster(options: Partial<LocalClusterOptions> = {}): boolean {
  const o = { ...LOCAL_CLUSTER_DEFAULTS, ...options };
  const dataDir = path.join(path.resolve(o.rootDir), 'pg');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  const pgCtl = path.join(o.binDir, 'pg_ctl');
  if (run(pgCtl, ['-D', dataDir, 'status'], isRoot()).status !== 0) return false;
  o.logger.info(`local-cluster: stopping PostgreSQL in ${dataDir}`);
  runOrThrow(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'], isRoot());
  return true;
}

/**
 * Finds a database server and the role that sets it up: `databaseUrl` when given (from `DATABASE_URL`), otherwise
 * the local cluster and its superuser.
 * @param databaseUrl a configured URL of a role that may create databases (and roles); its database part is
 *   replaced by `postgres` for the admin URL
 * @throws {InputError} when `databaseUrl` connects as the app role `gantwin_app`; see also {@link ensureLocalCluster}
 */
export function ensureDatabaseServer(databaseUrl: string | undefined, options: Partial<LocalClusterOptions> = {}): DatabaseServer {
  if (databaseUrl && decodeURIComponent(new URL(databaseUrl).username) === DATABASE_ROLES.app) throw appRoleAsSetupError();
  if (databaseUrl) return { adminUrl: withDatabase(databaseUrl, 'postgres'), source: 'env' };
  return { adminUrl: ensureLocalCluster(options), source: 'local-cluster' };
}

/**
 * The same connection URL pointing at another database.
 * @param url a `postgres://` URL
 * @param database database name
 */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The database name of a `postgres://` URL. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/**
 * Creates a database when it does not exist yet.
 * @param adminUrl URL of a maintenance database on the server
 * @param name lower-case identifier, ≤ 63 chars
 * @returns the URL of the database
 * @throws {InvariantError} when `name` is not a plain identifier
 */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  if (!DATABASE_NAME.test(name)) throw new InvariantError(`ensureDatabase: name must match ${DATABASE_NAME}, got ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/**
 * Drops a database (closing its other connections first).
 * @throws {InvariantError} when `name` is not a plain identifier
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!DATABASE_NAME.test(name)) throw new InvariantError(`dropDatabase: name must match ${DATABASE_NAME}, got ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
