import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

// SQL only: webhook subscriptions and their deliveries.

/** Stores a subscription and returns its id. */
export async function insertWebhook(
  db: Db,
  row: {
    integrationId: number;
    url: string;
    secretEnc: Buffer;
    events: string[];
    createdBy: number | null;
    now: Date;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('webhook_subscriptions')
    .values({
      integration_id: row.integrationId,
      url: row.url,
      secret_enc: row.secretEnc,
      events: row.events,
      created_at: row.now,
      created_by: row.createdBy,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Every subscription with its integration, newest first. */
export function findWebhooks(db: Db) {
  return db
    .selectFrom('webhook_subscriptions as w')
    .innerJoin('integration_keys as k', 'k.id', 'w.integration_id')
    .select([
      'w.id',
      'w.integration_id',
      'w.url',
      'w.events',
      'w.active',
      'w.created_at',
      'k.name as integration_name',
      'k.scopes as integration_scopes',
    ])
    .orderBy('w.id', 'desc')
    .execute();
}

/** One subscription with what a delivery needs of its integration. */
export function findWebhook(db: Db, id: number) {
  return db
    .selectFrom('webhook_subscriptions as w')
    .innerJoin('integration_keys as k', 'k.id', 'w.integration_id')
    .select([
      'w.id',
      'w.url',
      'w.secret_enc',
      'w.events',
      'w.active',
      'k.scopes as integration_scopes',
      'k.revoked_at as integration_revoked_at',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

/** Turns a subscription on or off; false when there is none. */
export async function setWebhookActive(db: Db, id: number, active: boolean, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('webhook_subscriptions')
    .set({ active, updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The events some active subscription wants, among `events`. */
export async function wantedWebhookEvents(db: Db, events: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('webhook_subscriptions')
    .select(sql<string>`unnest(events)`.as('event'))
    .where('active', '=', true)
    .where(sql<boolean>`events && ${sql.val(events)}::text[]`)
    .execute();
  return new Set(rows.map((r) => r.event));
}

/** A history event with its appeal, as a webhook tells it. */
export function findWebhookEvent(db: Db, eventId: number) {
  return db
    .selectFrom('appeal_events as e')
    .innerJoin('appeals as a', 'a.id', 'e.appeal_id')
    .select([
      'e.id',
      'e.event',
      'e.at',
      'e.to_status',
      'e.public',
      'a.id as appeal_id',
      'a.number',
      'a.status',
      'a.type',
      'a.received_at',
      'a.due_on',
      'a.sandbox',
      'a.about_officer',
      'a.applicant_kind',
      'a.applicant_enc',
    ])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
}

/**
 * The active subscriptions that want `event`. Of a complaint about an officer, only those of the integration
 * that forwarded the appeal in: no other receiver learns that the complaint exists.
 */
export function findSubscribersOf(db: Db, event: string, appeal: { id: number; aboutOfficer: boolean }) {
  let query = db
    .selectFrom('webhook_subscriptions')
    .select('id')
    .where('active', '=', true)
    .where(sql<boolean>`${event} = any(events)`);
  if (appeal.aboutOfficer)
    query = query.where('integration_id', 'in', (eb) =>
      eb.selectFrom('forwarded_appeals').select('integration_id').where('appeal_id', '=', appeal.id),
    );
  return query.execute();
}

/** Creates the deliveries of one event (once: a second fan-out of the same event creates none); returns the new ids. */
export async function insertDeliveries(
  db: Db,
  rows: { subscriptionId: number; eventId: number; appealId: number; event: string; now: Date }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values(
      rows.map((r) => ({
        subscription_id: r.subscriptionId,
        event_id: r.eventId,
        appeal_id: r.appealId,
        event: r.event,
        status: 'queued' as const,
        created_at: r.now,
      })),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

/** One delivery. */
export function findDelivery(db: Db, id: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['id', 'subscription_id', 'event_id', 'status', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records one attempt's outcome. */
export async function recordDeliveryAttempt(
  db: Db,
  id: number,
  outcome: {
    status: 'retrying' | 'delivered' | 'failed';
    responseCode: number | null;
    responseExcerpt: string | null;
    error: string | null;
    at: Date;
    counts: boolean;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: outcome.status,
      attempts: outcome.counts ? eb('attempts', '+', 1) : eb.ref('attempts'),
      response_code: outcome.responseCode,
      response_excerpt: outcome.responseExcerpt,
      error: outcome.error,
      last_attempt_at: outcome.at,
      delivered_at: outcome.status === 'delivered' ? outcome.at : null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Puts a finished delivery back in the queue; false when it is still queued or retrying. */
export async function requeueDelivery(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'queued' })
    .where('id', '=', id)
    .where('status', 'in', ['delivered', 'failed'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

const deliveryColumns = [
  'd.id',
  'd.subscription_id',
  'd.event',
  'a.number',
  'd.status',
  'd.attempts',
  'd.response_code',
  'd.response_excerpt',
  'd.error',
  'd.created_at',
  'd.last_attempt_at',
  'd.delivered_at',
] as const;

/** The latest deliveries of one subscription. */
export function findDeliveries(db: Db, subscriptionId: number, limit: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('appeals as a', 'a.id', 'd.appeal_id')
    .select(deliveryColumns)
    .where('d.subscription_id', '=', subscriptionId)
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/** The latest delivery of each subscription. */
export function findLastDeliveries(db: Db) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('appeals as a', 'a.id', 'd.appeal_id')
    .select(deliveryColumns)
    .distinctOn('d.subscription_id')
    .orderBy('d.subscription_id')
    .orderBy('d.id', 'desc')
    .execute();
}
