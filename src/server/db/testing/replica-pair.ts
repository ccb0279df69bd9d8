import { execFile as execFileCb } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// A real primary and a streaming replica on loopback for the replica tests, from Debian's PostgreSQL server
// binaries (package postgresql, on this machine kind): two throwaway clusters under a temporary folder, run
// as the OS user postgres when the tests run as root. The replica is a copy of the stopped primary with
// standby.signal, so no pg_basebackup of one version against another is needed.

const execFile = promisify(execFileCb);

/** Debian's PostgreSQL binaries, newest version first; undefined when none is installed. */
export function debianPostgresBin(): string | undefined {
  for (const version of ['17', '16', '15'])
    if (existsSync(`/usr/lib/postgresql/${version}/bin/pg_ctl`)) return `/usr/lib/postgresql/${version}/bin`;
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the replica as the superuser (to pause or resume replay). */
  onReplica(text: string): Promise<void>;
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplicaPair(bin: string): Promise<ReplicaPair> {
  const root = await mkdtemp(path.join(tmpdir(), 'murojaat-replica-'));
  await chmod(root, 0o755);
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFile('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { cwd: root })
      : execFile(path.join(bin, tool), args, { cwd: root });
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  if (asRoot) await execFile('chown', ['postgres:postgres', root]);
  await run('initdb', [
    '-D',
    primaryDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  const settings = (port: number) =>
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${root}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
    ].join('\n');
  const start = (dir: string) =>
    run('pg_ctl', ['-D', dir, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  const stop = (dir: string) =>
    run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  await writeFile(path.join(primaryDir, 'postgresql.auto.conf'), `${settings(primaryPort)}\n`);
  await start(primaryDir);
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
  await admin.connect();
  await admin.query('create database murojaat');
  await admin.end();
  await run('pg_ctl', ['-D', primaryDir, '-m', 'fast', '-w', 'stop']);
  await cp(primaryDir, replicaDir, { recursive: true });
  await writeFile(
    path.join(replicaDir, 'postgresql.auto.conf'),
    `${settings(replicaPort)}\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres'\n`,
  );
  await writeFile(path.join(replicaDir, 'standby.signal'), '');
  if (asRoot) await execFile('chown', ['-R', 'postgres:postgres', replicaDir]);
  await start(primaryDir);
  await start(replicaDir);
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/murojaat`;
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    async onReplica(text) {
      const client = new pg.Client({ connectionString: url(replicaPort) });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    },
    stopReplica: () => stop(replicaDir).then(() => undefined),
    async stop() {
      await stop(replicaDir);
      await stop(primaryDir);
      await rm(root, { recursive: true, force: true });
    },
  };
}
