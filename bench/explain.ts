// Runs the head's dashboard or the benchmark's staff searches once against a seeded database and prints
// EXPLAIN ANALYZE for every query they make, slowest first: the tool behind docs/performance.md's
// per-query figures.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench node --import tsx bench/explain.ts \
//     dashboard [--unit IIV-1726] [--days 365] [--plans]
//   DATABASE_URL=… node --import tsx bench/explain.ts search [--unit IIV-1726] [--case word] [--plans]
//
// --unit: the unit whose head looks or searches (default: the ministry, i.e. national); --days: the
// dashboard's period; --case: only search cases whose label contains this; --plans: whole plans rather
// than their first lines.
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { appealListQuerySchema } from '../src/contracts/appeal.schema.ts';
import { dueSoonUntil, overdueFilter, queueFilter } from '../src/server/appeals/appeal-queues.ts';
import { listAppeals } from '../src/server/appeals/appeals.repository.ts';
import { createTextReader } from '../src/server/assist/text-reader.ts';
import { dashboardFigures, type Period } from '../src/server/dashboard/dashboard.repository.ts';
// The database module sets the driver's type parsers (dates as days, bigints as numbers).
import '../src/server/db/database.ts';
import type { Database } from '../src/server/db/schema.ts';
import { addDays, localDateOf, startOfDay } from '../src/server/deadlines/calendar.ts';
import { loadReferenceSnapshot } from '../src/server/routing/reference-snapshot.ts';
import { searchCases } from './lib/workload.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    unit: { type: 'string', default: 'IIV' },
    days: { type: 'string', default: '365' },
    case: { type: 'string', default: '' },
    plans: { type: 'boolean', default: false },
  },
});
const what = positionals[0];
if (what !== 'dashboard' && what !== 'search') throw new Error('Say what to explain: dashboard or search.');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the seeded database.');

const pool = new pg.Pool({ connectionString: url, max: 8 });
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    captured.push({ sql: event.query.sql, parameters: event.query.parameters });
  },
});

const ref = await loadReferenceSnapshot(db);
const unit = ref.units.byCode(values.unit);
if (!unit) throw new Error(`no unit ${values.unit}`);
const unitIds = unit.id === ref.units.ministry.id ? null : ref.units.subtreeIds(unit.id);
const subtreeOf = unitIds === null ? null : unit.id;
const scope = { userId: 0, unitIds, subtreeOf, ownChain: ref.units.ancestorIds(unit.id) };
const today = localDateOf(new Date());

/** Runs `work`, then EXPLAIN ANALYZE on each query it made; prints them slowest first. */
async function explain(title: string, work: () => Promise<unknown>) {
  captured.length = 0;
  const started = performance.now();
  await work();
  const total = performance.now() - started;
  console.log(`\n== ${title}: ${total.toFixed(0)} ms for ${captured.length} queries`);
  const explained: { ms: number; text: string }[] = [];
  for (const query of [...captured]) {
    const result = await pool.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) ${query.sql}`,
      query.parameters as unknown[],
    );
    const lines = result.rows.map((r) => r['QUERY PLAN']);
    const execution = lines.find((l) => l.startsWith('Execution Time'));
    const ms = execution ? Number.parseFloat(execution.replace(/[^0-9.]/g, '')) : Number.NaN;
    const shown = values.plans ? lines : lines.slice(0, 8);
    explained.push({
      ms,
      text: [`-- ${ms.toFixed(1)} ms: ${query.sql.slice(0, 160)}…`, ...shown].join('\n'),
    });
  }
  for (const e of explained.sort((a, b) => b.ms - a.ms)) console.log(e.text);
}

if (what === 'dashboard') {
  const from = addDays(today, -(Number(values.days) - 1));
  const period: Period = { today, dueSoonUntil: dueSoonUntil(today), from, since: startOfDay(from) };
  await explain(`dashboard of ${values.unit}, ${values.days} days`, () =>
    dashboardFigures(db, scope, unitIds === null ? null : { subtreeOf, unitIds }, period),
  );
} else {
  const reader = createTextReader();
  for (const c of searchCases(today).filter((s) => s.label.includes(values.case))) {
    const query = appealListQuerySchema.parse(c.query);
    await explain(`search "${c.label}" as ${values.unit}`, () =>
      listAppeals(db, query, {
        scope,
        today,
        queue: query.queue
          ? queueFilter(query.queue, { today, userId: 0, myUnitIds: unitIds ?? [unit.id] })
          : undefined,
        overdue: query.overdue ? overdueFilter(query.overdue, today) : undefined,
        textLatin: query.q ? reader.latin(query.q) : undefined,
      }),
    );
  }
}
await db.destroy();
