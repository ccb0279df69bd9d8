import { type Kysely, sql } from 'kysely';

// Issue 16 (leader views at 1,000,000 appeals; docs/analytics.md "Workload and quality", docs/performance.md):
// the workload view counted the answers of its period one by one, ~324,000 for a national year (1.0–2.1 s
// measured). Its per-group figures (answered, on time, the median's histogram of whole days) now sum
// `analytics_answered_daily` / `analytics_answered_monthly`: per Tashkent day (month) of the answer × owner
// unit, how many answers, how many on time, and the histogram as two arrays. A national year reads ~20,000
// monthly rows. The figures per executor are read live, only for the executors the view lists, through the
// two partial indexes below.
//
// Kept like `analytics_daily`, but by the day of the answer: a trigger marks the old and the new day of an
// appeal's answer in `analytics_dirty_answer_days` when a counted fact changes, and the `analytics-rollup`
// job (each minute) re-rolls those days and their months with `analytics_reroll_answers(days)`.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, key] of [
    ['analytics_answered_daily', 'day'],
    ['analytics_answered_monthly', 'month'],
  ] as const) {
    await sql`
      create table ${sql.raw(table)} (
        ${sql.raw(key)} date not null,
        owner_unit_id integer not null,
        answered integer not null,
        on_time integer not null,
        days integer[] not null,
        counts integer[] not null,
        primary key (${sql.raw(key)}, owner_unit_id)
      )`.execute(db);
  }
  await sql`create table analytics_dirty_answer_days (day date not null)`.execute(db);

  // The answers given between two Tashkent days' starts, per owner unit and whole days from receipt.
  await sql`
    create function analytics_answer_bars(first date, next date)
    returns table (owner_unit_id integer, days integer, n integer, on_time integer) language sql stable as $$
      select a.owner_unit_id, floor(extract(epoch from a.closed_at - a.received_at) / 86400)::int, count(*)::int,
             (count(*) filter (where (a.closed_at at time zone 'Asia/Tashkent')::date <= a.due_on))::int
        from appeals a
       where a.closed_at >= (first::timestamp at time zone 'Asia/Tashkent')
         and a.closed_at < (next::timestamp at time zone 'Asia/Tashkent')
         and a.status = 'answered' and not a.sandbox
       group by 1, 2
    $$`.execute(db);
  await sql`
    create function analytics_reroll_answers(marked date[]) returns void language sql as $$
      delete from analytics_answered_daily where day = any(marked);
      insert into analytics_answered_daily (day, owner_unit_id, answered, on_time, days, counts)
      select b.first, h.owner_unit_id, sum(h.n)::int, sum(h.on_time)::int,
             array_agg(h.days order by h.days), array_agg(h.n order by h.days)
        from (select distinct d from unnest(marked) d) b(first)
        cross join lateral analytics_answer_bars(b.first, b.first + 1) h
       group by 1, 2;
      delete from analytics_answered_monthly
       where month = any(array(select distinct date_trunc('month', d)::date from unnest(marked) d));
      insert into analytics_answered_monthly (month, owner_unit_id, answered, on_time, days, counts)
      select b.first, h.owner_unit_id, sum(h.n)::int, sum(h.on_time)::int,
             array_agg(h.days order by h.days), array_agg(h.n order by h.days)
        from (select distinct date_trunc('month', d)::date from unnest(marked) d) b(first)
        cross join lateral analytics_answer_bars(b.first, (b.first + interval '1 month')::date) h
       group by 1, 2;
    $$`.execute(db);

  await sql`
    create function analytics_mark_answer_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.closed_at is not null then
        insert into analytics_dirty_answer_days (day) values ((old.closed_at at time zone 'Asia/Tashkent')::date);
      end if;
      if tg_op <> 'DELETE' and new.closed_at is not null then
        insert into analytics_dirty_answer_days (day) values ((new.closed_at at time zone 'Asia/Tashkent')::date);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger appeals_answers_insert_delete after insert or delete on appeals
    for each row execute function analytics_mark_answer_dirty()`.execute(db);
  await sql`
    create trigger appeals_answers_update after update on appeals
    for each row when (
      old.closed_at is distinct from new.closed_at or old.status is distinct from new.status
      or old.owner_unit_id is distinct from new.owner_unit_id or old.sandbox is distinct from new.sandbox
      or old.received_at is distinct from new.received_at or old.due_on is distinct from new.due_on)
    execute function analytics_mark_answer_dirty()`.execute(db);

  // The executors the view lists: who answered the unit's own appeals, then what those executors answered.
  await sql`
    create index appeals_answered_owner on appeals (owner_unit_id, closed_at)
    include (executor_id, sandbox, subject_unit_id, subject_officer_id) where status = 'answered'`.execute(
    db,
  );
  await sql`
    create index appeals_answered_executor on appeals (executor_id, closed_at)
    include (owner_unit_id, received_at, due_on, sandbox, subject_unit_id, subject_officer_id)
    where status = 'answered' and executor_id is not null`.execute(db);

  await sql`
    select analytics_reroll_answers(array(
      select distinct (closed_at at time zone 'Asia/Tashkent')::date from appeals where closed_at is not null))`.execute(
    db,
  );
  await sql`analyze analytics_answered_daily, analytics_answered_monthly`.execute(db);
}
