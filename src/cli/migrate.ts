import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat migrate

  Applies the pending migrations with the owner's role (DATABASE_MIGRATION_URL, else DATABASE_URL), installs
  or upgrades the job queue's schema and grants DATABASE_URL's role its rights, then exits. Every process
  does the same at start; running it first, before the new version's processes, is the upgrade's first step
  (docs/operations.md, "Upgrades").
`;

/** `murojaat migrate`: the schema brought up to this version, and nothing else started. */
export async function runMigrate(args: string[], io: CommandIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write(usage);
    return 2;
  }
  const config = loadConfig();
  let applied = false;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.databaseMigrationUrl,
    dataDir: config.dataDir,
    poolSize: 1,
    log: {
      info: (m: string) => {
        if (m.startsWith('applied ')) applied = true;
        io.stdout.write(`${m}\n`);
      },
      warn: (m: string) => io.stderr.write(`${m}\n`),
      error: (m: string) => io.stderr.write(`${m}\n`),
    },
    // On the embedded database a running server's cluster is used rather than a second one started.
    attach: true,
  });
  await database.close();
  if (!applied) io.stdout.write('no pending migrations: the schema is up to date\n');
  return 0;
}
