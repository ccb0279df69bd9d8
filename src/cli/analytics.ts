import { parseArgs } from 'node:util';
import { rebuildRollup, rerollDirtyDays } from '../server/analytics/daily-rollup.repository.ts';
import { detectSurges } from '../server/analytics/detect-surges.ts';
import { systemClock } from '../server/clock.ts';
import { JobQueue } from '../server/jobs/job-queue.ts';
import { loadReferenceSnapshot } from '../server/routing/reference-snapshot.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat analytics detect [--days N] [--dry-run]
       murojaat analytics rollup [--rebuild]

  detect   looks for surges of appeals per territory × category now (yesterday, and today so far, against
           the same weekday of the previous 8 weeks), raises alerts and tells the territories' heads, as the
           hourly job does; prints counts only
  --days N     also re-examine the N whole days before today (default 1: yesterday)
  --dry-run    report what would be raised, write nothing

  rollup   re-rolls the days of the leaders' roll-ups that appeals changed since the last run, as the
           job does each minute; with --rebuild, recounts every day from the appeals (after a restore or a
           bulk load with triggers off)
`;

/** `murojaat analytics detect [--days N] [--dry-run]`, `murojaat analytics rollup [--rebuild]` */
export async function runAnalytics(args: string[], io: CommandIo): Promise<number> {
  let parsed: {
    positionals: string[];
    values: { days?: string; 'dry-run'?: boolean; rebuild?: boolean };
  };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        days: { type: 'string', default: '1' },
        'dry-run': { type: 'boolean', default: false },
        rebuild: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (parsed.positionals[0] === 'rollup' && parsed.positionals.length === 1) {
    const rebuild = parsed.values.rebuild === true;
    return withDatabase(io, async (database) => {
      const started = performance.now();
      const days = rebuild ? (await rebuildRollup(database.db)).days : await rerollDirtyDays(database.db);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      io.stdout.write(
        `${rebuild ? 'Rebuilt' : 'Re-rolled'} ${days} days of the leaders' roll-ups in ${seconds} s.\n`,
      );
      return 0;
    });
  }
  const days = Number(parsed.values.days);
  if (parsed.positionals[0] !== 'detect' || parsed.positionals.length > 1) {
    io.stderr.write(usage);
    return 2;
  }
  if (!Number.isInteger(days) || days < 1 || days > 3660) {
    io.stderr.write(`--days must be a whole number from 1 to 3660\n${usage}`);
    return 2;
  }
  const dryRun = parsed.values['dry-run'] === true;
  return withDatabase(io, async (database) => {
    await JobQueue.install(database.ownerConnection);
    const jobs = new JobQueue(database.connection);
    await jobs.start();
    try {
      const reference = await loadReferenceSnapshot(database.db);
      const report = await detectSurges(
        { db: database.db, clock: systemClock, jobs, reference: () => reference },
        { days, dryRun },
      );
      const first = report.days[0] ?? '';
      const last = report.days.at(-1) ?? '';
      io.stdout.write(
        `Examined ${report.days.length} days (${first} … ${last}, today so far), ${report.pairs} territory × category pairs.\n` +
          `Surges: ${report.surges}${dryRun ? ' (dry run: nothing written)' : `; alerts raised ${report.raised}, updated ${report.updated}, heads notified ${report.notified}, campaigns ${report.campaigns}`}.\n` +
          `Time: count ${report.seconds.count} s, detect ${report.seconds.detect} s, write ${report.seconds.write} s.\n`,
      );
      return 0;
    } finally {
      await jobs.stop();
    }
  });
}
