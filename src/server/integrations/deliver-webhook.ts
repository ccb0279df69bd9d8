import { z } from 'zod';
import {
  type WebhookEvent,
  type WebhookPayload,
  webhookDeliveryHeader,
  webhookEventHeader,
  webhookEvents,
  webhookSchemaVersion,
  webhookSignatureHeader,
  webhookTimestampHeader,
} from '../../contracts/webhooks.schema.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { JobAttempt, JobRequest } from '../jobs/job-queue.ts';
import { signRequest } from './request-signature.ts';
import {
  findDelivery,
  findSubscribersOf,
  findWebhook,
  findWebhookEvent,
  insertDeliveries,
  recordDeliveryAttempt,
  wantedWebhookEvents,
} from './webhooks.repository.ts';

// The outbox side of webhooks. A change of an appeal enqueues one `webhook-event` job per public history
// event that some subscription wants, in its own transaction; the worker fans it out to one delivery per
// subscription, and each delivery is sent by its own `deliver-webhook` job, retried with back-off. Intake
// never waits on a receiver: it writes a job row at most.

/** How long one attempt waits for the receiver's answer (connection, headers and excerpt). */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** The context a subscription's secret is sealed under: it is read back to sign every delivery. */
export const WEBHOOK_SECRET_CONTEXT = 'webhook-secret';
const EXCERPT_BYTES = 1_024;
const EXCERPT_CHARS = 200;

function isWebhookEvent(event: string): event is WebhookEvent {
  return webhookEvents.some((e) => e === event);
}

/**
 * The `webhook-event` jobs for history events just written in `tx`: only public events of real (not sandbox)
 * appeals that an active subscription wants, so that a system with no webhooks writes nothing more.
 */
export async function webhookJobs(
  tx: Db,
  events: { id: number; event: string; public: boolean; sandbox: boolean }[],
): Promise<JobRequest[]> {
  const candidates = events.filter((e) => e.public && !e.sandbox && isWebhookEvent(e.event));
  if (candidates.length === 0) return [];
  const wanted = await wantedWebhookEvents(tx, [...new Set(candidates.map((e) => e.event))]);
  return candidates
    .filter((e) => wanted.has(e.event))
    .map((e) => ({ name: 'webhook-event', data: { eventId: e.id } }));
}

/** Creates one delivery per active subscription wanting the event, and a job to send each (idempotent). */
export async function fanOutWebhookEvent(ctx: AppContext, eventId: number): Promise<void> {
  const event = await findWebhookEvent(ctx.db, eventId);
  if (!event?.public || event.sandbox) return;
  const subscribers = await findSubscribersOf(ctx.db, event.event, {
    id: event.appeal_id,
    aboutOfficer: event.about_officer,
  });
  if (subscribers.length === 0) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const ids = await insertDeliveries(
      tx,
      subscribers.map((s) => ({
        subscriptionId: s.id,
        eventId: event.id,
        appealId: event.appeal_id,
        event: event.event,
        now,
      })),
    );
    await ctx.jobs.enqueue(
      tx,
      ids.map((deliveryId) => ({ name: 'deliver-webhook', data: { deliveryId } })),
    );
  });
}

const sealedApplicant = z.union([
  z.object({
    kind: z.literal('individual'),
    lastName: z.string(),
    firstName: z.string(),
    patronymic: z.string().optional(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
  z.object({
    kind: z.literal('legal_entity'),
    organization: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
]);

type EventRow = NonNullable<Awaited<ReturnType<typeof findWebhookEvent>>>;

/**
 * The body of a delivery: public fields of the appeal after the event; the applicant's name and contacts only
 * when the integration holds `personal-data`, and never for a complaint about an officer (whoever complains
 * about an officer is not named outside) or an anonymous appeal. Never the access code, the text or the place.
 */
export function webhookPayload(ctx: AppContext, event: EventRow, personalData: boolean): WebhookPayload {
  const name = isWebhookEvent(event.event) ? event.event : 'registered';
  const payload: WebhookPayload = {
    schema: webhookSchemaVersion,
    id: `evt_${event.id}`,
    event: name,
    occurredAt: event.at.toISOString(),
    appeal: {
      number: event.number,
      status: event.to_status ?? event.status,
      type: event.type,
      receivedAt: event.received_at.toISOString(),
      dueOn: event.due_on,
    },
  };
  if (!personalData || event.about_officer || !event.applicant_enc) return payload;
  const parsed = sealedApplicant.safeParse(ctx.protector.open(event.applicant_enc, event.number));
  if (!parsed.success) return payload;
  const a = parsed.data;
  payload.applicant = {
    kind: a.kind,
    name:
      a.kind === 'individual'
        ? [a.lastName, a.firstName, a.patronymic].filter((p) => p).join(' ')
        : a.organization,
    phone: a.phone ?? null,
    email: a.email ?? null,
  };
  return payload;
}

/** The first characters of the receiver's answer, read no further than a kilobyte. */
async function excerptOf(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
}

function failureOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  return code ? `connection failed (${code})` : 'connection failed';
}

/**
 * Sends one delivery and records the answer: `delivered` on a 2xx; otherwise `retrying` and a throw, so the
 * job queue tries again with back-off, or `failed` on the last attempt. A subscription switched off, or an
 * integration revoked or without the `webhooks` scope, fails the delivery at once without sending.
 */
export async function deliverWebhook(
  ctx: AppContext,
  deliveryId: number,
  attempt: JobAttempt = { retryCount: 0, last: true },
): Promise<void> {
  const delivery = await findDelivery(ctx.db, deliveryId);
  if (!delivery || (delivery.status !== 'queued' && delivery.status !== 'retrying')) return;
  const subscription = await findWebhook(ctx.db, delivery.subscription_id);
  const event = await findWebhookEvent(ctx.db, delivery.event_id);
  const allowed =
    subscription?.active &&
    subscription.integration_revoked_at === null &&
    subscription.integration_scopes.includes('webhooks');
  if (!subscription || !event || !allowed) {
    await recordDeliveryAttempt(ctx.db, deliveryId, {
      status: 'failed',
      responseCode: null,
      responseExcerpt: null,
      error: 'subscription inactive or integration revoked',
      at: ctx.clock.now(),
      counts: false,
    });
    return;
  }

  const secret = ctx.protector.open(subscription.secret_enc, WEBHOOK_SECRET_CONTEXT);
  if (typeof secret !== 'string') throw new Error('webhook secret unreadable');
  const body = JSON.stringify(
    webhookPayload(ctx, event, subscription.integration_scopes.includes('personal-data')),
  );
  const timestamp = Math.floor(ctx.clock.now().getTime() / 1000);
  let responseCode: number | null = null;
  let responseExcerpt: string | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Murojaat-Webhooks/1',
        // The same scheme as requests other systems sign to us (request-signature.ts, docs/integrations.md).
        [webhookSignatureHeader]: signRequest(secret, String(timestamp), body),
        [webhookTimestampHeader]: String(timestamp),
        [webhookEventHeader]: event.event,
        [webhookDeliveryHeader]: String(deliveryId),
      },
      body,
      // A redirect could point the server at an address the administrator never registered.
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    responseCode = response.status;
    responseExcerpt = await excerptOf(response);
    if (response.status < 200 || response.status > 299) error = `HTTP ${response.status}`;
  } catch (failure) {
    error = failureOf(failure);
  }
  const delivered = error === null;
  await recordDeliveryAttempt(ctx.db, deliveryId, {
    status: delivered ? 'delivered' : attempt.last ? 'failed' : 'retrying',
    responseCode,
    responseExcerpt,
    error,
    at: ctx.clock.now(),
    counts: true,
  });
  if (!delivered && !attempt.last) throw new Error(`webhook delivery ${deliveryId}: ${error}`);
}
