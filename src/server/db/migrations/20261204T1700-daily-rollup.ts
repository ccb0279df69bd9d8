import { type Kysely, sql } from 'kysely';

// Issue 16 (leader views at 1,000,000 appeals; docs/performance.md "Leader views", docs/analytics.md "The
// daily roll-up"): the hierarchy view summed every appeal received in its periods (~700,000 index entries
// for a national year and the year before) and sorted them for its grouping sets and median. It now sums
// `analytics_daily`: per day of receipt × owner unit, once unfiltered and once per category, channel and
// type, the appeals' counts in their present state; and `analytics_daily_answer_days`, how many of them
// were answered after how many whole days (the median to the day); and the same per month
// (`analytics_monthly`, `analytics_monthly_answer_days`), re-summed from the days for every month touched.
//
// Kept exact by re-rolling whole days: triggers on `appeals` and `appeal_links` write the day of receipt of
// every appeal whose counted facts change into `analytics_dirty_days` (a row per change, no uniqueness: a
// re-roll deletes the rows it has read before it reads the appeals, so a change committed later always
// leaves its row for the next re-roll), and the `analytics-rollup` job re-rolls those days each minute.
// `analytics_reroll(days)` is the one definition of a day's rows, used by the job, the rebuild
// (`murojaat analytics rollup --rebuild`), the seed (bulk loads run with triggers off) and this migration.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_daily (
      dim text not null,
      value text not null,
      day date not null,
      owner_unit_id integer not null,
      received integer not null,
      satisfied integer not null,
      explained integer not null,
      rejected integer not null,
      forwarded integer not null,
      not_considered integer not null,
      closed integer not null,
      on_time integer not null,
      repeats integer not null,
      rated integer not null,
      rating_sum integer not null,
      extensions integer not null,
      primary key (dim, value, day, owner_unit_id)
    )`.execute(db);
  await sql`
    create table analytics_daily_answer_days (
      dim text not null,
      value text not null,
      day date not null,
      owner_unit_id integer not null,
      days integer not null,
      answered integer not null,
      primary key (dim, value, day, owner_unit_id, days)
    )`.execute(db);
  await sql`create index analytics_daily_day on analytics_daily (day)`.execute(db);
  await sql`create index analytics_daily_answer_days_day on analytics_daily_answer_days (day)`.execute(db);
  // The same sums per calendar month (`month`: its first day): a period reads its whole months here and only
  // its edge days from the daily rows. A day × owner unit holds ~1.6 appeals at a million (there are ~580
  // owner units a day), a month × owner unit some tens.
  await sql`
    create table analytics_monthly (like analytics_daily)`.execute(db);
  await sql`alter table analytics_monthly rename column day to month`.execute(db);
  await sql`alter table analytics_monthly add primary key (dim, value, month, owner_unit_id)`.execute(db);
  // A month's histogram as two arrays per owner unit (whole days, how many answered after so many): a
  // national year reads ~20,000 rows and sums them by group in memory, not ~180,000 (day, count) rows.
  await sql`
    create table analytics_monthly_answer_days (
      dim text not null,
      value text not null,
      month date not null,
      owner_unit_id integer not null,
      days integer[] not null,
      answered integer[] not null,
      primary key (dim, value, month, owner_unit_id)
    )`.execute(db);
  await sql`create table analytics_dirty_days (day date not null)`.execute(db);

  // The figures of the given days of receipt, recounted from the appeals. `dim` '' is every appeal of the
  // day; 'category', 'channel' and 'type' split them by that filter's value (a missing category is '').
  await sql`
    create function analytics_reroll(marked date[]) returns void language sql as $$
      delete from analytics_daily where day = any(marked);
      delete from analytics_daily_answer_days where day = any(marked);
      insert into analytics_daily (dim, value, day, owner_unit_id, received, satisfied, explained, rejected,
                                   forwarded, not_considered, closed, on_time, repeats, rated, rating_sum, extensions)
      select d.dim, d.value, a.received_on, a.owner_unit_id,
             count(*),
             count(*) filter (where a.status = 'answered' and a.outcome = 'satisfied'),
             count(*) filter (where a.status = 'answered' and a.outcome = 'explained'),
             count(*) filter (where a.status = 'answered' and a.outcome = 'rejected'),
             count(*) filter (where a.status = 'forwarded'),
             count(*) filter (where a.status = 'not_considered'),
             count(*) filter (where a.status in ('answered', 'forwarded', 'not_considered')),
             count(*) filter (where a.status in ('answered', 'forwarded', 'not_considered')
                              and (a.closed_at at time zone 'Asia/Tashkent')::date <= a.due_on),
             count(*) filter (where a.link_kind = 'repeat'
                              or exists (select 1 from appeal_links l where l.appeal_id = a.id and l.kind = 'repeat')),
             count(a.rating),
             coalesce(sum(a.rating), 0),
             count(*) filter (where a.head_extension_used)
        from appeals a
        cross join lateral (values ('', ''), ('category', coalesce(a.category_code, '')),
                                   ('channel', a.channel), ('type', a.type)) as d(dim, value)
       where a.received_on = any(marked) and not a.sandbox
       group by d.dim, d.value, a.received_on, a.owner_unit_id;
      insert into analytics_daily_answer_days (dim, value, day, owner_unit_id, days, answered)
      select d.dim, d.value, a.received_on, a.owner_unit_id,
             floor(extract(epoch from a.closed_at - a.received_at) / 86400)::int, count(*)
        from appeals a
        cross join lateral (values ('', ''), ('category', coalesce(a.category_code, '')),
                                   ('channel', a.channel), ('type', a.type)) as d(dim, value)
       where a.received_on = any(marked) and not a.sandbox and a.status = 'answered' and a.closed_at is not null
       group by 1, 2, 3, 4, 5;
      delete from analytics_monthly where month = any(array(select distinct date_trunc('month', d)::date from unnest(marked) d));
      delete from analytics_monthly_answer_days
       where month = any(array(select distinct date_trunc('month', d)::date from unnest(marked) d));
      insert into analytics_monthly (dim, value, month, owner_unit_id, received, satisfied, explained, rejected,
                                     forwarded, not_considered, closed, on_time, repeats, rated, rating_sum, extensions)
      select r.dim, r.value, m.month, r.owner_unit_id, sum(received), sum(satisfied), sum(explained),
             sum(rejected), sum(forwarded), sum(not_considered), sum(closed), sum(on_time), sum(repeats),
             sum(rated), sum(rating_sum), sum(extensions)
        from (select distinct date_trunc('month', d)::date as month from unnest(marked) d) m
        join analytics_daily r on r.day >= m.month and r.day < (m.month + interval '1 month')::date
       group by r.dim, r.value, m.month, r.owner_unit_id;
      insert into analytics_monthly_answer_days (dim, value, month, owner_unit_id, days, answered)
      select h.dim, h.value, h.month, h.owner_unit_id, array_agg(h.days order by h.days),
             array_agg(h.answered order by h.days)
        from (select r.dim, r.value, m.month, r.owner_unit_id, r.days, sum(r.answered)::int as answered
                from (select distinct date_trunc('month', d)::date as month from unnest(marked) d) m
                join analytics_daily_answer_days r
                  on r.day >= m.month and r.day < (m.month + interval '1 month')::date
               group by r.dim, r.value, m.month, r.owner_unit_id, r.days) h
       group by h.dim, h.value, h.month, h.owner_unit_id;
    $$`.execute(db);

  await sql`
    create function analytics_mark_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        insert into analytics_dirty_days (day) values (old.received_on);
      end if;
      if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.received_on is distinct from old.received_on) then
        insert into analytics_dirty_days (day) values (new.received_on);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger appeals_rollup_insert_delete after insert or delete on appeals
    for each row execute function analytics_mark_dirty()`.execute(db);
  // Only a change of a counted fact dirties the day: most updates (texts, executors, reminders) do not.
  await sql`
    create trigger appeals_rollup_update after update on appeals
    for each row when (
      old.received_on is distinct from new.received_on or old.received_at is distinct from new.received_at
      or old.owner_unit_id is distinct from new.owner_unit_id or old.sandbox is distinct from new.sandbox
      or old.status is distinct from new.status or old.outcome is distinct from new.outcome
      or old.closed_at is distinct from new.closed_at or old.due_on is distinct from new.due_on
      or old.rating is distinct from new.rating or old.head_extension_used is distinct from new.head_extension_used
      or old.link_kind is distinct from new.link_kind or old.category_code is distinct from new.category_code
      or old.channel is distinct from new.channel or old.type is distinct from new.type)
    execute function analytics_mark_dirty()`.execute(db);
  await sql`
    create function analytics_mark_link_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        insert into analytics_dirty_days (day) select received_on from appeals where id = old.appeal_id;
      end if;
      if tg_op <> 'DELETE' then
        insert into analytics_dirty_days (day) select received_on from appeals where id = new.appeal_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger appeal_links_rollup after insert or update or delete on appeal_links
    for each row execute function analytics_mark_link_dirty()`.execute(db);

  // The appeals hidden from a viewer (complaints about them or their chain) are subtracted from the sums:
  // found through these, not by reading the period.
  await sql`create index appeals_subject_unit on appeals (subject_unit_id, received_on) where subject_unit_id is not null`.execute(
    db,
  );
  await sql`create index appeals_subject_officer on appeals (subject_officer_id, received_on) where subject_officer_id is not null`.execute(
    db,
  );
  // Open appeals by day of receipt: the view's "open" and "overdue now" are read live.
  await sql`
    create index appeals_open_received on appeals (received_on)
    include (owner_unit_id, due_on, category_code, channel, type, subject_unit_id, subject_officer_id, sandbox)
    where status not in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`.execute(db);

  await sql`select analytics_reroll(array(select distinct received_on from appeals))`.execute(db);
  // Counted now rather than when autovacuum comes round: the first views after the upgrade are planned on it.
  await sql`analyze analytics_daily, analytics_daily_answer_days, analytics_monthly, analytics_monthly_answer_days`.execute(
    db,
  );
}
