import { type Kysely, sql } from 'kysely';

// Issue 16 ("every figure scoped to the viewer"; docs/analytics.md "What a viewer cannot see"): the leader
// views sum the roll-ups (as of their last re-roll) less the appeals hidden from the viewer, complaints about
// him or about a unit of his chain. Those were read live from `appeals`, so the two parts were of different
// moments: answering a complaint about an officer made his "answered" figures dip by one until the next
// re-roll, which told him the complaint existed, that it was answered and when.
//
// The hidden part is now read from `analytics_subject_appeals`: every real appeal that names a subject (unit
// or officer), with the columns the views count, rewritten for the marked days of receipt by the same
// `analytics_reroll` that rewrites the roll-ups, in the same transaction. A change of an appeal's subject
// marks its day too. The snapshot holds no personal data and no text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_subject_appeals as
    select a.id, a.owner_unit_id, a.subject_unit_id, a.subject_officer_id, a.received_on, a.received_at,
           a.status, a.outcome, a.due_on, a.closed_at, a.rating, a.head_extension_used, true as is_repeat,
           a.category_code, a.channel, a.type, a.territory_code
      from appeals a
      with no data`.execute(db);
  await sql`alter table analytics_subject_appeals add primary key (id)`.execute(db);
  await sql`create index analytics_subject_appeals_day on analytics_subject_appeals (received_on)`.execute(
    db,
  );
  await sql`
    create index analytics_subject_appeals_officer on analytics_subject_appeals (subject_officer_id, received_on)
    where subject_officer_id is not null`.execute(db);
  await sql`
    create index analytics_subject_appeals_unit on analytics_subject_appeals (subject_unit_id, received_on)
    where subject_unit_id is not null`.execute(db);

  // A repeat as the roll-up counts it (its link, or a repeat link to it).
  await sql`
    create function analytics_reroll_subjects(marked date[]) returns void language sql as $$
      delete from analytics_subject_appeals where received_on = any(marked);
      insert into analytics_subject_appeals
      select a.id, a.owner_unit_id, a.subject_unit_id, a.subject_officer_id, a.received_on, a.received_at,
             a.status, a.outcome, a.due_on, a.closed_at, a.rating, a.head_extension_used,
             a.link_kind = 'repeat' or exists (select 1 from appeal_links l where l.appeal_id = a.id and l.kind = 'repeat'),
             a.category_code, a.channel, a.type, a.territory_code
        from appeals a
       where a.received_on = any(marked) and not a.sandbox
         and (a.subject_unit_id is not null or a.subject_officer_id is not null);
    $$`.execute(db);
  await sql`
    create or replace function analytics_reroll(marked date[]) returns void language sql as $$
      select analytics_reroll_units(marked);
      select analytics_reroll_territories(marked);
      select analytics_reroll_subjects(marked);
    $$`.execute(db);
  await sql`
    create trigger appeals_rollup_subject after update on appeals
    for each row when (old.subject_unit_id is distinct from new.subject_unit_id
                       or old.subject_officer_id is distinct from new.subject_officer_id)
    execute function analytics_mark_dirty()`.execute(db);

  await sql`select analytics_reroll_subjects(array(select distinct received_on from appeals))`.execute(db);
  // The snapshot is of now; the roll-ups are of their last re-roll, with days still marked. Those days are
  // re-rolled here, so both are of one moment from the start (review, 5 Dec 2026).
  await sql`
    with marked as (delete from analytics_dirty_days returning day)
    select analytics_reroll(array(select distinct day from marked))`.execute(db);
  await sql`
    with marked as (delete from analytics_dirty_answer_days returning day)
    select analytics_reroll_answers(array(select distinct day from marked))`.execute(db);
  await sql`analyze analytics_subject_appeals`.execute(db);
}
