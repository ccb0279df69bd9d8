import { type Kysely, sql } from 'kysely';

// Found with bench/explain.ts on a seeded million (docs/performance.md):
//
// - A head's scope is their unit's whole subtree (156 units for Tashkent city), and `scope_units && <156
//   ids>` cost 80–130 ms per query in the GIN index and again per row in filters. `scope_reach` holds every
//   unit that sees the appeal through its subtree (the scope units and all their ancestors), so the same
//   question is `scope_reach @> {head's unit}`: one key. A trigger keeps it in step with `scope_units`;
//   it follows the unit tree as it stands (units are not moved between parents).
// - The text search's matches were re-checked, and often filtered, by parsing each candidate's text
//   again (to_tsvector, ~19 µs a row: 200 ms for a common word in a region). The parsed terms are now a
//   stored column the index and the filters read.
// - The dashboards' period indexes lacked the columns every staff query filters on (sandbox, scope, and
//   the officer-complaint columns that hide an appeal from the unit it is about): each of a year's
//   ~415,000 appeals was read from the wide table. With them included the figures are index-only scans
//   (national year 1.7 s → 0.28 s). `appeals_visibility` serves figures that start from events.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Walks up from each unit to the root; each step is a primary-key look-up with a plan kept for the
  // session: 15 µs a call (a recursive SQL function, planned on every call, took 0.56 ms on every insert).
  await sql`
    create function unit_reach(unit_ids integer[]) returns integer[] language plpgsql stable as $$
    declare
      reach integer[] := '{}';
      start integer;
      current integer;
    begin
      foreach start in array unit_ids loop
        current := start;
        while current is not null and not (current = any (reach)) loop
          reach := reach || current;
          select u.parent_id into current from units u where u.id = current;
        end loop;
      end loop;
      return array(select x from unnest(reach) x order by x);
    end $$`.execute(db);
  await sql`
    create function appeals_set_scope_reach() returns trigger language plpgsql as $$
    begin
      new.scope_reach := unit_reach(new.scope_units);
      return new;
    end $$`.execute(db);

  // The indexes being replaced go first, so the rewrite below does not rebuild them for nothing.
  for (const name of [
    'appeals_text_fts',
    'appeals_period_stats',
    'appeals_closed_at',
    'appeals_rated_at',
    'appeals_open',
    'appeals_awaiting_approval',
  ]) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
  }
  await sql`drop index appeal_events_extended`.execute(db);
  // Existing rows get both columns in one rewrite of the table (an UPDATE would write every row and every
  // index entry again: 7+ minutes at a million appeals).
  await sql`alter table appeals add column scope_reach integer[] not null default '{}'`.execute(db);
  await sql`
    alter table appeals
      alter column scope_reach type integer[] using unit_reach(scope_units),
      add column text_terms tsvector generated always as (to_tsvector('simple', text_latin)) stored`.execute(
    db,
  );
  await sql`
    create trigger appeals_scope_reach before insert or update of scope_units on appeals
    for each row execute function appeals_set_scope_reach()`.execute(db);

  await sql`create index appeals_reach on appeals using gin (scope_reach)`.execute(db);
  await sql`create index appeals_text_terms on appeals using gin (text_terms)`.execute(db);
  const visibility = sql.raw('sandbox, scope_units, scope_reach, subject_unit_id, subject_officer_id');
  await sql`
    create index appeals_period_stats on appeals (received_on)
    include (status, category_code, territory_code, owner_unit_id, outcome, channel, type, due_on, closed_at,
             rating, link_kind, ${visibility})`.execute(db);
  await sql`
    create index appeals_closed_at on appeals (closed_at) include (status, executor_id, ${visibility})
    where closed_at is not null`.execute(db);
  await sql`
    create index appeals_rated_at on appeals (rated_at) include (rating, ${visibility})
    where rated_at is not null`.execute(db);
  await sql`
    create index appeals_open on appeals (owner_unit_id, due_on)
    include (status, executor_id, urgent, head_extension_used, extra_study, ${visibility})
    where sandbox = false and status not in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`.execute(
    db,
  );
  await sql`
    create index appeals_awaiting_approval on appeals (due_on, id) include (${visibility})
    where sandbox = false and status in ('answer_drafted', 'conclusion_drafted')`.execute(db);
  await sql`
    create index appeal_events_extended on appeal_events (at) include (appeal_id)
    where event = 'deadline_extended'`.execute(db);
  await sql`create index appeals_visibility on appeals (id) include (${visibility})`.execute(db);
  // The console's region filter (`territory_code like '1726%'`) with a common word: without it each of
  // the word's matches was read from the table to check its region (0.3–0.7 s).
  await sql`create index appeals_territory on appeals (territory_code text_pattern_ops)`.execute(db);
}
