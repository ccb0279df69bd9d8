import { type Config, loadConfig } from '../server/config.ts';
import { type OpenDatabase, openDatabase } from '../server/db/database.ts';
import { seedReference } from '../server/setup/seed-reference.ts';
import type { CommandIo } from './main.ts';

/**
 * Runs a command against the configured database: `DATABASE_URL`, or the embedded cluster in `DATA_DIR`
 * (attaching to a running server's cluster rather than starting a second one). The reference data is
 * loaded first, as at a server's first start, so a command may be the very first thing run.
 */
export async function withDatabase<T>(
  io: CommandIo,
  run: (database: OpenDatabase, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
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
    await seedReference(database.db, new Date());
    return await run(database, config);
  } finally {
    await database.close();
  }
}
