import { type Kysely, sql } from 'kysely';

// The head's dashboard over a year nationally took 1.7 s at a million appeals (bench/explain-dashboard.ts):
// its period indexes lacked the columns every staff query filters on (sandbox, the scope, and the
// officer-complaint columns that hide an appeal from the unit it is about), so each of the ~415,000
// appeals of a year was fetched from the wide table. With them included the period figures are
// index-only scans (0.42 s for the whole dashboard). `appeals_visibility` lets figures that start from
// events (deadline extensions) check who may see the appeal without reading it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index appeals_period_stats`.execute(db);
  await sql`
    create index appeals_period_stats on appeals (received_on)
    include (status, sandbox, category_code, territory_code, owner_unit_id, outcome, channel, type, due_on,
             closed_at, rating, scope_units, link_kind, subject_unit_id, subject_officer_id)`.execute(db);
  await sql`drop index appeals_closed_at`.execute(db);
  await sql`
    create index appeals_closed_at on appeals (closed_at)
    include (sandbox, status, executor_id, scope_units, subject_unit_id, subject_officer_id)
    where closed_at is not null`.execute(db);
  await sql`drop index appeals_rated_at`.execute(db);
  await sql`
    create index appeals_rated_at on appeals (rated_at)
    include (rating, sandbox, scope_units, subject_unit_id, subject_officer_id)
    where rated_at is not null`.execute(db);
  await sql`drop index appeal_events_extended`.execute(db);
  await sql`create index appeal_events_extended on appeal_events (at) include (appeal_id) where event = 'deadline_extended'`.execute(
    db,
  );
  await sql`
    create index appeals_visibility on appeals (id)
    include (sandbox, scope_units, subject_unit_id, subject_officer_id)`.execute(db);
}
