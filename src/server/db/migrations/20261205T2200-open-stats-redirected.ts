import { type Kysely, sql } from 'kysely';

// Issue 16 (open data: "outcomes"): the open statistics published three outcomes of answered appeals
// (satisfied, explained, rejected) but not the appeals that were redirected — forwarded to another body or not
// considered — which is the state's own measure of what goes wrong ("more than half … only redirected").
// The monthly rollup now counts them too; the files carry them as two columns at the end
// (`outcome_forwarded`, `outcome_not_considered`), so the columns published before keep their places.
// The next rebuild (hourly, at start and after a seed) fills them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table open_stats_monthly
      add column forwarded integer not null default 0,
      add column not_considered integer not null default 0`.execute(db);
}
