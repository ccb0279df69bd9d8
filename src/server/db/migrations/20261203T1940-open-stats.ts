import { type Kysely, sql } from 'kysely';

// Open statistics (docs/open-data.md): a monthly rollup of appeals, rebuilt whole by a job, so the public page
// and the open-data files read a few thousand rows instead of counting a million appeals. Counts are stored
// exact; suppression of small cells happens when they are published. Officer complaints are kept apart (one
// national row per month and type) so they can never be published by region or category.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table open_stats_monthly (
      month date not null,
      region_code text,
      category_code text,
      type text not null,
      officer boolean not null,
      received integer not null,
      answered_on_time integer not null,
      answered_late integer not null,
      satisfied integer not null,
      explained integer not null,
      rejected integer not null
    )`.execute(db);
  await sql`create index open_stats_monthly_month on open_stats_monthly (month)`.execute(db);
  await sql`
    create table open_stats_state (
      id boolean primary key default true check (id),
      refreshed_at timestamptz not null
    )`.execute(db);
}
