import { parseArgs } from 'node:util';
import { FIRST_DAY, monthSchema } from '../contracts/days.ts';
import { systemClock } from '../server/clock.ts';
import { createContext } from '../server/create-context.ts';
import { localDateOf } from '../server/deadlines/calendar.ts';
import { JobQueue } from '../server/jobs/job-queue.ts';
import { LiveFeed } from '../server/live/live-feed.ts';
import { buildChannels, closeChannels } from '../server/notify/channel-registry.ts';
import { deliveryReportUrl } from '../server/notify/delivery-reports.ts';
import { generateMonthlyReports } from '../server/reports/generate-reports.ts';
import { monthHasEnded, previousMonth } from '../server/reports/report-months.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { loadKeyring } from '../server/security/keyring.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat reports run [--month YYYY-MM]

  run   writes the monthly reports of every schedule in force for an ended month (the month before this
        one by default), one per recipient as they see the unit, as the job on the 1st does; a recipient
        who has that month's report keeps it. Their e-mails are queued for the server's workers. Prints
        counts only.
`;

/** `murojaat reports run [--month YYYY-MM]` */
export async function runReports(args: string[], io: CommandIo): Promise<number> {
  let parsed: { positionals: string[]; values: { month?: string } };
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { month: { type: 'string' } },
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
  const today = localDateOf(systemClock.now());
  const month = parsed.values.month ?? previousMonth(today);
  if (!monthSchema.safeParse(month).success || !monthHasEnded(month, today)) {
    io.stderr.write(`--month must be an ended month, YYYY-MM, from ${FIRST_DAY.slice(0, 7)}\n${usage}`);
    return 2;
  }
  return withDatabase(io, async (database, config, audit) => {
    await JobQueue.install(database.ownerConnection);
    const jobs = new JobQueue(database.connection);
    await jobs.start();
    const { keyring } = await loadKeyring(config.keys);
    const protector = new DataProtector(keyring);
    const channels = buildChannels(config.channels, {
      smsReportUrl: deliveryReportUrl(config.publicUrl, protector),
    });
    const quiet = () => {};
    const log = { info: quiet, warn: quiet, error: quiet, debug: quiet };
    // The context a worker has, without its HTTP server, listeners or workers: the reports' use case and the
    // hierarchy view it calls read the database, the reference data and the configured channels.
    const ctx = await createContext({
      config,
      database,
      clock: systemClock,
      log,
      protector,
      audit,
      jobs,
      channels,
      live: new LiveFeed(database.connection, { warn: quiet }),
    });
    try {
      const run = await generateMonthlyReports(ctx, month);
      io.stdout.write(
        `Reports of ${month}: ${run.schedules} schedules, ${run.generated} written, ${run.existing} already there, ${run.skipped} recipients skipped.\n`,
      );
      return 0;
    } finally {
      await closeChannels(channels);
      await jobs.stop();
    }
  });
}
