import { type Kysely, sql } from 'kysely';

// Notices that actually leave the server: what the provider called the message (its id, for delivery
// reports and for staff who ask the provider), how many times we tried, and when last. Staff list the
// notices that did not reach anyone, so those statuses get a small partial index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications add column provider_id text`.execute(db);
  await sql`alter table notifications add column attempts integer not null default 0`.execute(db);
  await sql`alter table notifications add column attempted_at timestamptz`.execute(db);
  await sql`
    create index notifications_undelivered on notifications (status, id)
    where status in ('failed', 'awaiting_channel', 'awaiting_post')`.execute(db);
}
