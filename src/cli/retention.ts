import { parseArgs } from 'node:util';
import { appealTypes } from '../contracts/enums.ts';
import type { RetentionRun } from '../contracts/retention.schema.ts';
import { systemClock } from '../server/clock.ts';
import { runRetention } from '../server/retention/retention.ts';
import { commandFileStore, withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat retention run [--dry-run]

  run        anonymises now, as the daily job does, every closed appeal whose retention term has ended and
             that is not on legal hold (docs/operations.md, "Retention"); writes one audit entry. Prints
             counts only.
  --dry-run  counts what a run would anonymise and how many holds keep, and changes nothing
`;

function describe(run: RetentionRun): string {
  const perType = appealTypes.map((t) => `${t} ${run.byType[t] ?? 0}`).join(', ');
  return run.dryRun
    ? `Dry run: ${run.anonymised} appeals would be anonymised (${perType}); ${run.skippedForHold} kept for legal hold. Nothing changed.\n`
    : `Anonymised ${run.anonymised} appeals (${perType}); ${run.skippedForHold} kept for legal hold; ${run.filesDeleted} files deleted.\n`;
}

/** `murojaat retention run [--dry-run]` */
export async function runRetentionCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed: { positionals: string[]; values: { 'dry-run'?: boolean } };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false } },
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (parsed.positionals[0] !== 'run' || parsed.positionals.length > 1) {
    io.stderr.write(usage);
    return 2;
  }
  const dryRun = parsed.values['dry-run'] === true;
  return withDatabase(io, async (database, config, audit, keyring) => {
    const say = (_: unknown, message?: string) => io.stderr.write(`${message ?? ''}\n`);
    const log = { info: () => {}, debug: () => {}, warn: say, error: say };
    const run = await runRetention(
      { db: database.db, clock: systemClock, audit, files: commandFileStore(config, keyring, io), log },
      { dryRun, actor: { id: null, label: 'cli' } },
    );
    io.stdout.write(describe(run));
    return 0;
  });
}
