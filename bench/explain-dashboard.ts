// Runs the head's dashboard queries once against a database and prints EXPLAIN ANALYZE for each, slowest
// first: the tool behind docs/performance.md's per-query figures.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench node --import tsx bench/explain-dashboard.ts \
//     [--unit IIV-1726] [--days 365] [--plans]
//
// --unit: the unit whose head looks (default: the ministry, i.e. the national view); --days: the period;
// --plans: print each whole plan rather than its first lines.
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { dashboardFigures, type Period } from '../src/server/dashboard/dashboard.repository.ts';
// The database module sets the driver's type parsers (dates as days, bigints as numbers).
import '../src/server/db/database.ts';
import type { Database } from '../src/server/db/schema.ts';
import { addDays, localDateOf, startOfDay } from '../src/server/deadlines/calendar.ts';
import { loadReferenceSnapshot } from '../src/server/routing/reference-snapshot.ts';

const { values } = parseArgs({
  options: {
    unit: { type: 'string', default: 'IIV' },
    days: { type: 'string', default: '365' },
    plans: { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to the seeded database.');

const pool = new pg.Pool({ connectionString: url, max: 8 });
const captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    captured.push({
      sql: event.query.sql,
      parameters: event.query.parameters,
      ms: event.queryDurationMillis,
    });
  },
});

const ref = await loadReferenceSnapshot(db);
const unit = ref.units.byCode(values.unit);
if (!unit) throw new Error(`no unit ${values.unit}`);
const whole = unit.id === ref.units.ministry.id;
const unitIds = whole ? null : ref.units.subtreeIds(unit.id);
const scope = { userId: 0, unitIds, ownChain: ref.units.ancestorIds(unit.id) };
const today = localDateOf(new Date());
const from = addDays(today, -(Number(values.days) - 1));
const period: Period = { today, from, since: startOfDay(from) };

captured.length = 0;
const started = performance.now();
await dashboardFigures(db, scope, unitIds, period);
const total = performance.now() - started;
console.log(
  `dashboard of ${values.unit}, ${values.days} days: ${total.toFixed(0)} ms for ${captured.length} queries`,
);

const explained: { ms: number; text: string }[] = [];
for (const query of captured) {
  const result = await pool.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${query.sql}`,
    query.parameters as unknown[],
  );
  const lines = result.rows.map((r) => r['QUERY PLAN']);
  const execution = lines.find((l) => l.startsWith('Execution Time'));
  const ms = execution ? Number.parseFloat(execution.replace(/[^0-9.]/g, '')) : Number.NaN;
  const shown = values.plans ? lines : lines.slice(0, 8);
  explained.push({ ms, text: [`-- ${ms.toFixed(1)} ms: ${query.sql.slice(0, 160)}…`, ...shown].join('\n') });
}
for (const e of explained.sort((a, b) => b.ms - a.ms)) console.log(`\n${e.text}`);
await db.destroy();
