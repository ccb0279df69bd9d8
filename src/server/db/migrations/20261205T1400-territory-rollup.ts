import { type Kysely, sql } from 'kysely';

// Issue 16 (leader views at 1,000,000 appeals; docs/performance.md "Leader views", docs/analytics.md "The map"):
// the ministry's map counted every appeal of its periods by territory, ~700,000 index entries for a national
// year and the same period a year before (1.4 s measured). It now sums `analytics_territory_daily` and
// `analytics_territory_monthly`: appeals received per day (month) × the appeal's territory, once unfiltered and
// once per category, channel and type, as `analytics_daily` keeps them per owner unit. No owner unit in the
// key: only a viewer who sees every unit reads these rows (a head's map counts the appeals his units saw,
// which an owner unit does not tell), so a national year is ~2,500 monthly rows.
//
// Kept by the same dirty days: `analytics_reroll` (the one definition the job, the rebuild and the seed call)
// now re-rolls these rows too, and a change of an appeal's territory marks its day.
export async function up(db: Kysely<unknown>): Promise<void> {
  // `territory_code` '' for an appeal that names no territory (the map shows it apart, as unplaced).
  await sql`
    create table analytics_territory_daily (
      dim text not null,
      value text not null,
      day date not null,
      territory_code text not null,
      received integer not null,
      primary key (dim, value, day, territory_code)
    )`.execute(db);
  await sql`create index analytics_territory_daily_day on analytics_territory_daily (day)`.execute(db);
  await sql`
    create table analytics_territory_monthly (
      dim text not null,
      value text not null,
      month date not null,
      territory_code text not null,
      received integer not null,
      primary key (dim, value, month, territory_code)
    )`.execute(db);

  await sql`
    create function analytics_reroll_territories(marked date[]) returns void language sql as $$
      delete from analytics_territory_daily where day = any(marked);
      insert into analytics_territory_daily (dim, value, day, territory_code, received)
      select d.dim, d.value, a.received_on, coalesce(a.territory_code, ''), count(*)
        from appeals a
        cross join lateral (values ('', ''), ('category', coalesce(a.category_code, '')),
                                   ('channel', a.channel), ('type', a.type)) as d(dim, value)
       where a.received_on = any(marked) and not a.sandbox
       group by 1, 2, 3, 4;
      delete from analytics_territory_monthly
       where month = any(array(select distinct date_trunc('month', d)::date from unnest(marked) d));
      insert into analytics_territory_monthly (dim, value, month, territory_code, received)
      select r.dim, r.value, m.month, r.territory_code, sum(r.received)
        from (select distinct date_trunc('month', d)::date as month from unnest(marked) d) m
        join analytics_territory_daily r on r.day >= m.month and r.day < (m.month + interval '1 month')::date
       group by 1, 2, 3, 4;
    $$`.execute(db);
  // The existing callers keep one name: the owner units' rows, then the territories'.
  await sql`alter function analytics_reroll(date[]) rename to analytics_reroll_units`.execute(db);
  await sql`
    create function analytics_reroll(marked date[]) returns void language sql as $$
      select analytics_reroll_units(marked);
      select analytics_reroll_territories(marked);
    $$`.execute(db);
  // The owner units' trigger leaves the territory out (it changes none of their figures).
  await sql`
    create trigger appeals_rollup_territory after update on appeals
    for each row when (old.territory_code is distinct from new.territory_code)
    execute function analytics_mark_dirty()`.execute(db);

  await sql`select analytics_reroll_territories(array(select distinct received_on from appeals))`.execute(db);
  await sql`analyze analytics_territory_daily, analytics_territory_monthly`.execute(db);
}
