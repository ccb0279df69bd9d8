import { AuditTrail } from '../server/audit/audit.ts';
import { type Config, loadConfig } from '../server/config.ts';
import { type OpenDatabase, openDatabase } from '../server/db/database.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { type Keyring, loadKeyring } from '../server/security/keyring.ts';
import { seedReference } from '../server/setup/seed-reference.ts';
import { createFileStore, type FileStore } from '../server/storage/file-store.ts';
import type { CommandIo } from './main.ts';

/**
 * Runs a command against the configured database: `DATABASE_URL`, or the embedded cluster in `DATA_DIR`
 * (attaching to a running server's cluster rather than starting a second one), with the audit chain keyed
 * from the data key as the server's is. The reference data is loaded first, as at a server's first
 * start, so a command may be the very first thing run.
 */
export async function withDatabase<T>(
  io: CommandIo,
  run: (database: OpenDatabase, config: Config, audit: AuditTrail, keyring: Keyring) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const { keyring } = await loadKeyring(config.keys);
  const audit = new AuditTrail(keyring);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.databaseMigrationUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    log: {
      info: () => {},
      warn: (m: string) => io.stderr.write(`${m}\n`),
      error: (m: string) => io.stderr.write(`${m}\n`),
    },
    attach: true,
  });
  try {
    await audit.checkKey(database.db);
    await seedReference(database.db, audit, new Date());
    return await run(database, config, audit, keyring);
  } finally {
    await database.close();
  }
}

/** The attachments' store the configuration names, for a command: its problems go to standard error. */
export function commandFileStore(config: Config, keyring: Keyring, io: CommandIo): FileStore {
  const say = (_: unknown, message?: string) => io.stderr.write(`${message ?? ''}\n`);
  return createFileStore(config, new DataProtector(keyring), { warn: say, error: say });
}
