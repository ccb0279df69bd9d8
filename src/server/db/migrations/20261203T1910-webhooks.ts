import { type Kysely, sql } from 'kysely';

// Outgoing webhooks: an administrator subscribes an integration's URL to public events of appeals. The secret
// the deliveries are signed with is kept sealed (it must be read back to sign, so it cannot be hashed). A
// delivery is one event for one subscription; its attempts are pg-boss jobs, its last answer is kept here
// for the console. Deliveries are unique per subscription and history event, so a fan-out that runs twice
// sends nothing twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_subscriptions (
      id serial primary key,
      integration_id integer not null references integration_keys(id),
      url text not null check (url ~ '^https?://'),
      secret_enc bytea not null,
      events text[] not null check (cardinality(events) > 0),
      active boolean not null default true,
      created_at timestamptz not null,
      created_by integer references users(id),
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table webhook_deliveries (
      id bigserial primary key,
      subscription_id integer not null references webhook_subscriptions(id),
      event_id bigint not null references appeal_events(id),
      appeal_id bigint not null references appeals(id),
      event text not null,
      status text not null check (status in ('queued', 'retrying', 'delivered', 'failed')),
      attempts integer not null default 0,
      response_code integer,
      response_excerpt text,
      error text,
      created_at timestamptz not null,
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      unique (subscription_id, event_id)
    )`.execute(db);
  await sql`create index webhook_deliveries_recent on webhook_deliveries (subscription_id, id desc)`.execute(
    db,
  );
}
