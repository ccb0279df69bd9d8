import { parseArgs } from 'node:util';
import { FIRST_DAY, LAST_DAY } from '../contracts/days.ts';
import { loadReferenceSnapshot } from '../server/routing/reference-snapshot.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { loadKeyring } from '../server/security/keyring.ts';
import { seedAppeals } from '../server/seed/copy-seed.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage =
  'usage: murojaat seed --appeals N [--seed S] [--years Y] [--until ISO-instant]\n' +
  '  Generates N realistic appeals over the last Y years (default 3) ending at --until (default now) and\n' +
  '  loads them with COPY into the configured database (DATABASE_URL, or the embedded one in DATA_DIR).\n' +
  '  The same seed and --until give the same appeals. For development and benchmarks only.\n';

/** `murojaat seed --appeals N [--seed S] [--years Y] [--until T]` */
export async function runSeed(args: string[], io: CommandIo): Promise<number> {
  let values: { appeals?: string; seed?: string; years?: string; until?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        appeals: { type: 'string' },
        seed: { type: 'string', default: '1' },
        years: { type: 'string', default: '3' },
        until: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(usage);
    return 0;
  }
  const appeals = Number(values.appeals);
  const seed = Number(values.seed);
  const years = Number(values.years);
  const until = values.until ? new Date(values.until) : new Date();
  if (!Number.isInteger(appeals) || appeals < 1 || appeals > 50_000_000) {
    io.stderr.write(`--appeals must be a whole number from 1 to 50000000\n${usage}`);
    return 2;
  }
  if (!Number.isInteger(seed) || !(years > 0 && years <= 30) || !withinCalendar(until, years)) {
    io.stderr.write(
      `--seed must be an integer, --years 0–30, --until an ISO date or instant; the years before --until lie within ${FIRST_DAY} … ${LAST_DAY}\n${usage}`,
    );
    return 2;
  }

  return withDatabase(io, async (database, config, audit) => {
    const { keyring } = await loadKeyring(config.keys);
    const ref = await loadReferenceSnapshot(database.db);
    io.stdout.write(`Seeding ${appeals} appeals (seed ${seed}, ${years} years to ${until.toISOString()})\n`);
    const result = await seedAppeals({
      connection: database.ownerConnection,
      protector: new DataProtector(keyring),
      audit,
      ref,
      appeals,
      seed,
      years,
      until,
      progress: (m) => io.stdout.write(`  ${m}\n`),
    });
    io.stdout.write(
      `Loaded ${result.appeals} appeals (${result.firstNumber} … ${result.lastNumber}), ${result.events} history ` +
        `events, ${result.answers} answers, worked by ${result.executors} executor accounts, in ${result.seconds.total} s (copy ${result.seconds.generateAndCopy} s, ` +
        `indexes ${result.seconds.indexes} s, analyze ${result.seconds.analyze} s, roll-ups ${result.seconds.rollup} s).\n` +
        `Per year: ${Object.entries(result.perYear)
          .map(([y, n]) => `${y}: ${n}`)
          .join(', ')}\n`,
    );
    return 0;
  });
}

/** The seeded years lie on the days every other input may name (an instant of year 1 once reached the calendar code). */
function withinCalendar(until: Date, years: number): boolean {
  if (Number.isNaN(until.getTime())) return false;
  const start = new Date(until);
  start.setUTCFullYear(start.getUTCFullYear() - Math.ceil(years));
  return start.toISOString().slice(0, 10) >= FIRST_DAY && until.toISOString().slice(0, 10) <= LAST_DAY;
}
