import { type Kysely, sql } from 'kysely';

// Found by `npm run bench` (bench/README.md, docs/performance.md): the dashboards' aggregates by period
// (status, unit, category, region, outcome, channel, overdue) read every appeal of the period. One
// covering index on the day of receipt lets them run as index-only scans of a narrow index instead of
// heap scans of the wide appeals table (texts make each row ~1 kB).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index appeals_period_stats on appeals (received_on)
    include (status, sandbox, category_code, territory_code, owner_unit_id, outcome, channel, type, due_on,
             closed_at, rating, scope_units)`.execute(db);
}
