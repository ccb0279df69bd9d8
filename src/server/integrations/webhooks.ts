import { randomBytes } from 'node:crypto';
import type {
  RegisteredWebhook,
  Webhook,
  WebhookDelivery,
  WebhookEvent,
  WebhookInput,
} from '../../contracts/webhooks.schema.ts';
import { webhookEvents } from '../../contracts/webhooks.schema.ts';
import type { Actor, AuditTrail } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { WEBHOOK_SECRET_CONTEXT } from './deliver-webhook.ts';
import { findIntegrationKey } from './integrations.repository.ts';
import {
  findDeliveries,
  findDelivery,
  findLastDeliveries,
  findWebhooks,
  insertWebhook,
  requeueDelivery,
  setWebhookActive,
} from './webhooks.repository.ts';

// Webhook subscriptions as administrators manage them. Only an administrator registers a URL (the server will
// POST to it), so the URL is trusted as much as the administrator; it must be http(s) and carry no
// credentials, and deliveries never follow redirects (docs/webhooks.md).

const DELIVERIES_SHOWN = 50;

function eventsOf(stored: string[]): WebhookEvent[] {
  return webhookEvents.filter((e) => stored.includes(e));
}

type DeliveryRow = Awaited<ReturnType<typeof findDeliveries>>[number];

function presentDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    // Deliveries are only ever made of webhook events; an unknown name reads as the first step.
    event: webhookEvents.find((e) => e === row.event) ?? 'registered',
    appealNumber: row.number,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    responseExcerpt: row.response_excerpt,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/** Registers a subscription for an integration that may receive webhooks; the secret is returned this once. */
export async function registerWebhook(options: {
  ctx: AppContext;
  actor: Actor;
  input: WebhookInput;
}): Promise<RegisteredWebhook> {
  const { ctx, actor, input } = options;
  const integration = await findIntegrationKey(ctx.db, input.integrationId);
  if (!integration || integration.revoked_at !== null || !integration.scopes.includes('webhooks'))
    throw new AppError('WEBHOOK_INTEGRATION_INVALID');
  const secret = input.secret ?? `mjw_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const url = new URL(input.url).toString();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertWebhook(tx, {
      integrationId: integration.id,
      url,
      secretEnc: ctx.protector.seal(secret, WEBHOOK_SECRET_CONTEXT),
      events: input.events,
      createdBy: actor.id,
      now,
    });
    await ctx.audit.append(tx, [
      {
        actor,
        action: 'webhook.create',
        targetType: 'webhook',
        targetId: String(id),
        data: { integration: integration.id, url, events: input.events },
        at: now,
      },
    ]);
    return {
      id,
      integrationId: integration.id,
      integrationName: integration.name,
      personalData: integration.scopes.includes('personal-data'),
      url,
      events: eventsOf(input.events),
      active: true,
      createdAt: now.toISOString(),
      lastDelivery: null,
      secret,
    };
  });
}

/** Every subscription with its last delivery, never a secret. */
export async function listWebhooks(ctx: AppContext): Promise<Webhook[]> {
  const [rows, last] = await Promise.all([findWebhooks(ctx.db), findLastDeliveries(ctx.db)]);
  const lastBy = new Map(last.map((d) => [d.subscription_id, d]));
  return rows.map((r) => {
    const delivery = lastBy.get(r.id);
    return {
      id: r.id,
      integrationId: r.integration_id,
      integrationName: r.integration_name,
      personalData: r.integration_scopes.includes('personal-data'),
      url: r.url,
      events: eventsOf(r.events),
      active: r.active,
      createdAt: r.created_at.toISOString(),
      lastDelivery: delivery ? presentDelivery(delivery) : null,
    };
  });
}

/** The latest deliveries of one subscription. */
export async function listWebhookDeliveries(ctx: AppContext, id: number): Promise<WebhookDelivery[]> {
  const rows = await findDeliveries(ctx.db, id, DELIVERIES_SHOWN);
  return rows.map(presentDelivery);
}

/** Switches a subscription on or off (off: nothing more is sent to it, queued deliveries fail), audited. */
export async function switchWebhook(options: {
  ctx: AppContext;
  actor: Actor;
  id: number;
  active: boolean;
}): Promise<void> {
  const { ctx, actor, id, active } = options;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await setWebhookActive(tx, id, active, now))) throw new AppError('WEBHOOK_NOT_FOUND');
    await audit(ctx.audit, tx, actor, active ? 'webhook.activate' : 'webhook.deactivate', id, {}, now);
  });
}

/** Sends a finished (failed or delivered) delivery again, with the same event id, audited. */
export async function resendWebhookDelivery(options: {
  ctx: AppContext;
  actor: Actor;
  deliveryId: number;
}): Promise<void> {
  const { ctx, actor, deliveryId } = options;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const delivery = await findDelivery(tx, deliveryId);
    if (!delivery) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
    if (!(await requeueDelivery(tx, deliveryId))) throw new AppError('WEBHOOK_DELIVERY_PENDING');
    await ctx.jobs.enqueue(tx, [{ name: 'deliver-webhook', data: { deliveryId } }]);
    await audit(
      ctx.audit,
      tx,
      actor,
      'webhook.resend',
      delivery.subscription_id,
      { delivery: deliveryId, status: delivery.status },
      now,
    );
  });
}

function audit(
  trail: AuditTrail,
  tx: Db,
  actor: Actor,
  action: string,
  id: number,
  data: Record<string, unknown>,
  at: Date,
) {
  return trail.append(tx, [{ actor, action, targetType: 'webhook', targetId: String(id), data, at }]);
}
