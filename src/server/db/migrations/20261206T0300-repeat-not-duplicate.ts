import { type Kysely, sql } from 'kysely';

// Issue 17 ("the dashboard's repeat and duplicate figures count what the card shows"): the head's dashboard
// counted an appeal once, under its strongest link as the card names it (a duplicate before a repeat), but
// the roll-ups behind the leaders' hierarchy, the hidden-appeals snapshot and the appeals list's
// `repeat=true` counted every appeal with a repeat link, so an applicant's second copy (a duplicate of his
// first, and a repeat of it too) was a repeat there: one unit read 1 repeat on the dashboard and 2 in the
// hierarchy (review, 6 Dec 2026).
//
// `appeal_counts_as_repeat` is now the one definition in the database; the roll-up functions call it. Their
// bodies are rewritten in place (the expression they held is replaced), and every day is re-rolled.
const before =
  /a\.link_kind = 'repeat'\s+or exists \(select 1 from appeal_links l where l\.appeal_id = a\.id and l\.kind = 'repeat'\)/;
const after = 'appeal_counts_as_repeat(a.id, a.link_kind)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function appeal_counts_as_repeat(appeal bigint, link_kind text) returns boolean
    language sql stable as $$
      select (coalesce(link_kind = 'repeat', false)
              or exists (select 1 from appeal_links l where l.appeal_id = appeal and l.kind = 'repeat'))
         and not exists (select 1 from appeal_links l where l.appeal_id = appeal and l.kind = 'duplicate')
    $$`.execute(db);
  for (const name of ['analytics_reroll_units', 'analytics_reroll_subjects']) {
    const { rows } = await sql<{ definition: string }>`
      select pg_get_functiondef(${name}::regproc) as definition`.execute(db);
    const definition = rows[0]?.definition ?? '';
    if (!before.test(definition)) throw new Error(`${name} does not count repeats as this migration expects`);
    await sql.raw(definition.replace(before, after)).execute(db);
  }
  await sql`select analytics_reroll(array(select distinct received_on from appeals))`.execute(db);
}
