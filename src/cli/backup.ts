import { parseArgs } from 'node:util';
import { BackupError } from '../server/backup/backup-archive.ts';
import { createBackup } from '../server/backup/create-backup.ts';
import { restoreBackup } from '../server/backup/restore-backup.ts';
import { loadConfig } from '../server/config.ts';
import { commandFileStore, withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const backupUsage = `usage: murojaat backup --out FILE

  Writes a consistent backup of the database (DATABASE_URL or the embedded one in DATA_DIR, also while the
  server runs) and the attachments to FILE: a tar with a manifest and a sha256 per entry. The data key is
  not in it: keep MUROJAAT_DATA_KEY or DATA_DIR/data.key apart, you need it to restore.
`;

const restoreUsage = `usage: murojaat restore FILE

  Restores a backup into an empty target: the database of DATABASE_URL (a newly created one) or, without
  it, a new embedded database in DATA_DIR; the attachments go to DATA_DIR. Put the data key back first
  (DATA_DIR/data.key or MUROJAAT_DATA_KEY). Checks the whole file, the key and the schema version before
  it writes anything.
`;

/** `murojaat backup --out FILE` */
export async function runBackup(args: string[], io: CommandIo): Promise<number> {
  let out: string | undefined;
  try {
    out = parseArgs({ args, options: { out: { type: 'string' } }, strict: true }).values.out;
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${backupUsage}`);
    return 2;
  }
  if (!out) {
    io.stderr.write(backupUsage);
    return 2;
  }
  const file = out;
  try {
    const summary = await withDatabase(io, async (database, config, audit, keyring) => {
      return createBackup({
        connection: database.ownerConnection,
        engine: database.engine,
        files: commandFileStore(config, keyring, io),
        dataKeys: keyring.keys.map((k) => k.key),
        auditKey: audit.key,
        out: file,
        now: new Date(),
      });
    });
    io.stdout.write(
      `Backup written to ${summary.file} (${summary.bytes} bytes): ${summary.rows} rows in ${summary.tables} tables, ` +
        `${summary.attachments} attachment(s), ${summary.jobs} waiting job(s), ${summary.auditEntries} audit entries, ` +
        `schema at ${summary.migrations} migrations.\n` +
        'The data key is not in it: keep it apart, the restore needs it.\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr.write(`No backup made: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `murojaat restore FILE` */
export async function runRestore(args: string[], io: CommandIo): Promise<number> {
  let file: string | undefined;
  try {
    const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('one backup file is needed');
    file = positionals[0];
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${restoreUsage}`);
    return 2;
  }
  if (!file) return 2;
  try {
    const summary = await restoreBackup({
      file,
      config: loadConfig(),
      log: {
        info: () => {},
        warn: (m) => io.stderr.write(`${m}\n`),
        error: (m) => io.stderr.write(`${m}\n`),
      },
    });
    io.stdout.write(
      `Restored the backup of ${summary.createdAt}: ${summary.rows} rows, ${summary.attachments} attachment(s), ` +
        `${summary.jobs} job(s) requeued` +
        (summary.laterMigrations.length > 0
          ? `; then applied ${summary.laterMigrations.length} later migration(s).\n`
          : '.\n') +
        'Check it with `murojaat audit verify`.\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.stderr.write(`Not restored: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
