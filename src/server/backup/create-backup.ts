import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import tar from 'tar-stream';
import { countAndHead, firstKeyedId } from '../audit/audit.repository.ts';
import { type AuditKey, formatCheckpoint } from '../audit/audit-chain.ts';
import { signCheckpoint } from '../audit/audit-checkpoints.ts';
import type { Engine } from '../db/database.ts';
import { guardedClient } from '../db/guarded-pool.ts';
import { kyselyOnClient } from '../db/kysely-on-client.ts';
import { AppError } from '../errors.ts';
import { attachmentPath, DiskFileStore, type FileStore } from '../storage/file-store.ts';
import {
  applicationTables,
  appliedMigrations,
  attachmentFiles,
  beginSnapshot,
  copyTableOut,
  pendingJobs,
  sequenceStates,
  type TableShape,
  tableReferences,
} from './backup.repository.ts';
import {
  attachmentEntry,
  BackupError,
  type BackupManifest,
  Digest,
  digestFile,
  JOBS_ENTRY,
  keyCheck,
  MANIFEST_ENTRY,
  tableEntry,
} from './backup-archive.ts';

/** What a finished backup holds, for the operator. */
export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  attachments: number;
  jobs: number;
  auditEntries: number;
  migrations: number;
}

/**
 * Writes a consistent backup of a running system to `out`: every table, the waiting jobs and the audit
 * chain's head from one REPEATABLE READ snapshot (writes go on meanwhile), and the attachment files the
 * snapshot's rows name (files are written once and never changed, and each is checked against its row's
 * sha256). The data key stays out: the manifest only carries a check of it.
 */
export async function createBackup(options: {
  /** The owner's connection: it may read every table. */
  connection: pg.ClientConfig;
  engine: Engine;
  /** Where the attachments are: DATA_DIR/attachments or the S3 bucket. */
  files: FileStore;
  /** Every data key of the keyring, oldest first (their checks go in the manifest, never the keys). */
  dataKeys: readonly Buffer[];
  auditKey: AuditKey;
  out: string;
  now: Date;
}): Promise<BackupSummary> {
  const out = path.resolve(options.out);
  const work = await mkdtemp(path.join(path.dirname(out), `.${path.basename(out)}.`)).catch(
    (error: Error) => {
      throw new BackupError(`Cannot write beside ${out}: ${error.message}`);
    },
  );
  const client = guardedClient({ ...options.connection, application_name: 'murojaat-backup' });
  try {
    await client.connect();
    await beginSnapshot(client);
    const id = randomUUID();
    const migrations = await appliedMigrations(client);
    const shapes = loadOrder(await applicationTables(client), await tableReferences(client));
    const entries: BackupManifest['entries'] = {};
    const tables: BackupManifest['tables'] = [];
    const files: { entry: string; path: string }[] = [];
    for (const table of shapes) {
      const file = path.join(work, `${tables.length}.copy`);
      const digest = new Digest();
      await pipeline(copyTableOut(client, table), digest, createWriteStream(file, { mode: 0o600 }));
      entries[tableEntry(table.name)] = { size: digest.size, sha256: digest.hex() };
      tables.push({ name: table.name, columns: table.columns, rows: digest.lines });
      files.push({ entry: tableEntry(table.name), path: file });
    }
    const sequences = await sequenceStates(client);
    const jobs = await pendingJobs(client);
    const jobsFile = path.join(work, JOBS_ENTRY);
    await writeFile(jobsFile, jobs.map((job) => `${JSON.stringify(job)}\n`).join(''), { mode: 0o600 });
    entries[JOBS_ENTRY] = await digestFile(jobsFile);
    files.push({ entry: JOBS_ENTRY, path: jobsFile });

    const snapshotDb = kyselyOnClient(client);
    const head = await countAndHead(snapshotDb);
    const keyedFrom = head ? await firstKeyedId(snapshotDb) : undefined;
    const auditCheckpoint = head
      ? formatCheckpoint(
          signCheckpoint(options.auditKey, {
            entries: head.entries,
            lastId: head.id,
            headHash: head.hash,
            keyedFrom: keyedFrom ?? 0,
            at: options.now.toISOString(),
          }),
        )
      : null;

    const attachments = await attachmentFiles(client);
    await client.query('commit');
    for (const [index, attachment] of attachments.entries()) {
      const file = await attachmentFile(options.files, attachment.id, path.join(work, `attachment-${index}`));
      const digest = await digestFile(file).catch(() => {
        throw new BackupError(`Attachment ${attachment.id} is missing from ${whereFiles(options.files)}.`);
      });
      if (digest.sha256 !== attachment.sha256) {
        throw new BackupError(`Attachment ${attachment.id} does not match the sha256 its row holds.`);
      }
      entries[attachmentEntry(attachment.id)] = digest;
      files.push({ entry: attachmentEntry(attachment.id), path: file });
    }

    const manifest: BackupManifest = {
      format: 'murojaat-backup',
      version: 1,
      id,
      createdAt: options.now.toISOString(),
      engine: options.engine,
      migrations,
      keyChecks: options.dataKeys.map((key) => keyCheck(key, id)),
      tables,
      sequences,
      attachments: attachments.length,
      jobs: jobs.length,
      auditCheckpoint,
      entries,
    };
    // Written under a temporary name and renamed: a backup under its final name is always whole.
    const partial = path.join(work, 'backup.tar');
    await writeTar(partial, files, Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
    await rename(partial, out);
    return {
      file: out,
      bytes: (await stat(out)).size,
      tables: tables.length,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      attachments: attachments.length,
      jobs: jobs.length,
      auditEntries: head?.entries ?? 0,
      migrations: migrations.length,
    };
  } finally {
    await client.end().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

function whereFiles(files: FileStore): string {
  return files instanceof DiskFileStore ? `${files.dataDir}/attachments` : 'the S3 bucket (S3_URL)';
}

/**
 * The file to put in the archive for an attachment: on the disk, the file itself; from S3, its bytes
 * decrypted into the backup's working folder (mode 0600, removed with it), so the archive has the same
 * shape wherever the files live and the restore can put them into either store.
 */
async function attachmentFile(files: FileStore, id: string, scratch: string): Promise<string> {
  if (files instanceof DiskFileStore) return attachmentPath(files.dataDir, id);
  try {
    await writeFile(scratch, await files.get(id), { mode: 0o600 });
    return scratch;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ATTACHMENT_MISSING') {
      throw new BackupError(`Attachment ${id} is missing from ${whereFiles(files)}.`);
    }
    if (error instanceof AppError) {
      throw new BackupError('The object store of S3_URL cannot be reached: no attachment could be read.');
    }
    throw error;
  }
}

async function writeTar(
  target: string,
  files: { entry: string; path: string }[],
  manifest: Buffer,
): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(target, { mode: 0o600 }));
  for (const file of files) {
    const { size } = await stat(file.path);
    const entry = pack.entry({ name: file.entry, size, mode: 0o600 });
    await pipeline(createReadStream(file.path), entry);
  }
  pack.entry({ name: MANIFEST_ENTRY, size: manifest.length, mode: 0o600 }, manifest);
  pack.finalize();
  await written;
}

/** Orders tables so that each comes after every table it refers to (a table referring to itself is one statement's business). */
function loadOrder(tables: TableShape[], references: { from: string; to: string }[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableShape[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new BackupError(`Tables refer to each other in a cycle (${[...trail, name].join(' → ')}).`);
    }
    state.set(name, 'visiting');
    for (const ref of references) {
      if (ref.from === name && ref.to !== name && byName.has(ref.to)) visit(ref.to, [...trail, name]);
    }
    state.set(name, 'done');
    const table = byName.get(name);
    if (table) ordered.push(table);
  };
  for (const table of tables) visit(table.name, []);
  return ordered;
}
