import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { checkpointFile } from '../audit/audit-checkpoints.ts';
import type { Config } from '../config.ts';
import { migrateOnly, openDatabase } from '../db/database.ts';
import { startEmbeddedDatabase } from '../db/embedded.ts';
import { guardedClient } from '../db/guarded-pool.ts';
import { migrations } from '../db/migrations/index.ts';
import { AppError } from '../errors.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { DataProtector } from '../security/data-protector.ts';
import { existingKeyring } from '../security/keyring.ts';
import {
  attachmentPath,
  checkAttachmentId,
  createFileStore,
  DiskFileStore,
  type FileStore,
  sealsFiles,
} from '../storage/file-store.ts';
import {
  beginLoad,
  copyTableIn,
  finishLoad,
  type PendingJob,
  recordRestoredFilesKey,
  userTableCount,
} from './backup.repository.ts';
import {
  BackupError,
  type BackupManifest,
  Digest,
  JOBS_ENTRY,
  keysMatch,
  readArchive,
  tableEntry,
  verifyArchive,
} from './backup-archive.ts';

/** What a restore brought back, for the operator. */
export interface RestoreSummary {
  createdAt: string;
  rows: number;
  attachments: number;
  jobs: number;
  /** Migrations of this version the backup did not have yet, run after its data was loaded. */
  laterMigrations: string[];
}

interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

// What may already be in a DATA_DIR that a backup is restored into: the data key the operator put back.
const ALLOWED_IN_TARGET = new Set(['data.key']);
const RESTORING = 'attachments.restoring';

/**
 * Restores a backup into an empty target: `DATABASE_URL` (owner: `DATABASE_MIGRATION_URL`) or the embedded
 * cluster in `DATA_DIR`, and the attachments into `DATA_DIR`. Before anything is written it checks every
 * entry's checksum, the data key against the manifest's key check, that this version knows every
 * migration of the backup and that the target is empty; a refusal changes nothing. It then migrates the
 * new database to the backup's schema, loads every table in one transaction, sets the sequences, puts the
 * files (into DATA_DIR, or encrypted into the S3 bucket when S3_URL is set) and the audit checkpoint in
 * place, runs this version's later migrations, records the data key the files were sealed under and requeues
 * the jobs.
 */
export async function restoreBackup(options: {
  file: string;
  config: Config;
  log: Log;
}): Promise<RestoreSummary> {
  const { config, log } = options;
  const keyring = await existingKeyring(config.keys);
  if (!keyring) {
    throw new BackupError(
      `No data key: put the keys the backup was made with back first (${path.join(config.dataDir, 'data.key')} ` +
        'and data.key.N, or MUROJAAT_DATA_KEY / MUROJAAT_DATA_KEYS / MUROJAAT_DATA_KEY_COMMAND). A backup never holds them.',
    );
  }
  const manifest = await verifyArchive(options.file);
  if (
    !keysMatch(
      manifest,
      keyring.keys.map((k) => k.key),
    )
  ) {
    throw new BackupError(
      'The data keys (MUROJAAT_DATA_KEY, MUROJAAT_DATA_KEYS, MUROJAAT_DATA_KEY_COMMAND or DATA_DIR/data.key…) are not ' +
        'all the keys this backup was made with: its personal data and audit log could not be read with them. ' +
        'Nothing was restored.',
    );
  }
  const unknown = manifest.migrations.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new BackupError(
      `The backup comes from a newer version of Murojaat: its schema has migration(s) ${unknown.join(', ')} ` +
        'that this version does not know. Restore it with that version or a later one.',
    );
  }
  await refuseNonEmptyTarget(config);

  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedDatabase(config.dataDir, { info: log.info, warn: log.warn });
  const owner: pg.ClientConfig = embedded?.owner ?? {
    connectionString: config.databaseMigrationUrl ?? config.databaseUrl,
  };
  const say = (_: unknown, message?: string) => log.warn(message ?? '');
  const protector = new DataProtector(keyring);
  const files = createFileStore(config, protector, { warn: say, error: say });
  let jobs: PendingJob[] = [];
  try {
    await migrateOnly(owner, manifest.migrations, log.warn);
    jobs = await load(options.file, manifest, owner, files);
  } catch (error) {
    await rm(path.join(config.dataDir, RESTORING), { recursive: true, force: true });
    if (embedded) {
      await embedded.stop();
      await removeEmbedded(config.dataDir);
    }
    const cleanup = embedded
      ? ''
      : ' The database may hold the tables the migrations made: drop and create it again before another try.';
    const reason =
      error instanceof AppError && error.code === 'FILE_STORAGE_UNAVAILABLE'
        ? 'the object store of S3_URL cannot be reached or refused a file'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new BackupError(`The restore failed: ${reason}.${cleanup}`);
  }
  await embedded?.stop();
  if (manifest.auditCheckpoint) {
    await appendFile(checkpointFile(config.dataDir), `${manifest.auditCheckpoint}\n`, { mode: 0o600 });
  }

  // The server's own start path: later migrations, the job queue's schema, the request role's grants.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.databaseMigrationUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    log,
  });
  const laterMigrations = Object.keys(migrations).filter((name) => !manifest.migrations.includes(name));
  try {
    // Every file went back sealed under the newest key (S3), or as it came (the disk).
    await recordRestoredFilesKey(database.db, sealsFiles(files) ? protector.currentKeyId : null);
    const queue = new JobQueue(database.connection);
    await queue.start();
    try {
      const dropped = await queue.restore(jobs);
      if (dropped > 0) log.warn(`${dropped} job(s) of queues this version no longer has were left out.`);
    } finally {
      await queue.stop();
    }
  } finally {
    await database.close();
  }
  return {
    createdAt: manifest.createdAt,
    rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
    attachments: manifest.attachments,
    jobs: jobs.length,
    laterMigrations,
  };
}

/** A target holding anything is refused: a restore never mixes two systems' data. */
async function refuseNonEmptyTarget(config: Config): Promise<void> {
  const present = await readdir(config.dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const other = present.filter((name) => !ALLOWED_IN_TARGET.has(name));
  if (other.length > 0) {
    throw new BackupError(
      `DATA_DIR (${config.dataDir}) is not empty: it holds ${other.slice(0, 5).join(', ')}${other.length > 5 ? ' …' : ''}. ` +
        'Restore into an empty folder (only data.key may be there).',
    );
  }
  if (!config.databaseUrl) return;
  const client = guardedClient({ connectionString: config.databaseMigrationUrl ?? config.databaseUrl });
  try {
    await client.connect();
    const tables = await userTableCount(client);
    if (tables > 0) {
      throw new BackupError(
        `The database of DATABASE_URL is not empty (${tables} table(s)). Restore into a newly created database.`,
      );
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `Cannot reach the database of DATABASE_URL: ${error instanceof Error ? error.message : String(error)}.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Loads every table in one transaction and writes the attachments aside; returns the jobs to requeue. */
async function load(
  file: string,
  manifest: BackupManifest,
  owner: pg.ClientConfig,
  files: FileStore,
): Promise<PendingJob[]> {
  const tables = new Map(manifest.tables.map((t) => [tableEntry(t.name), t]));
  const names = manifest.tables.map((t) => t.name);
  // On the disk the files are written aside and moved in after the commit; into S3 they go one by one, and
  // are deleted again should the load fail.
  const disk = files instanceof DiskFileStore ? files : undefined;
  const restoring = disk ? path.join(disk.dataDir, RESTORING) : undefined;
  const uploaded: string[] = [];
  const jobs: PendingJob[] = [];
  const client = guardedClient({ ...owner, application_name: 'murojaat-restore' });
  await client.connect();
  try {
    await beginLoad(client, names);
    await readArchive(file, async (name, _size, stream) => {
      const expected = manifest.entries[name];
      if (!expected) return;
      const digest = new Digest();
      const table = tables.get(name);
      if (table) {
        await pipeline(stream, digest, copyTableIn(client, table));
      } else if (name === JOBS_ENTRY) {
        jobs.push(...(await readJobs(stream.pipe(digest))));
      } else if (name.startsWith('attachments/')) {
        // An entry's name reaches a path or an object key only as a checked attachment id.
        const id = checkAttachmentId(path.basename(name));
        if (restoring) {
          const target = attachmentPath(restoring, id);
          await mkdir(path.dirname(target), { recursive: true });
          await pipeline(stream, digest, createWriteStream(target, { mode: 0o600 }));
        } else {
          await files.put(id, await readAll(stream.pipe(digest)));
          uploaded.push(id);
        }
      }
      // The file was checked before; this catches one changed since.
      if (digest.hex() !== expected.sha256) throw new BackupError(`${name} changed while it was restored`);
    });
    await finishLoad(client, names, manifest.sequences);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    await Promise.all(uploaded.map((id) => files.delete(id).catch(() => undefined)));
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (disk && restoring) {
    await mkdir(path.join(restoring, 'attachments'), { recursive: true });
    await rename(path.join(restoring, 'attachments'), path.join(disk.dataDir, 'attachments'));
    await rm(restoring, { recursive: true, force: true });
  }
  return jobs;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readJobs(stream: Readable): Promise<PendingJob[]> {
  return (await readAll(stream))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PendingJob);
}

/** What starting the embedded cluster created in DATA_DIR, removed after a failed restore. */
async function removeEmbedded(dataDir: string): Promise<void> {
  for (const name of ['pg', 'db-password', 'db-app-password', 'murojaat.pid']) {
    await rm(path.join(dataDir, name), { recursive: true, force: true });
  }
}
