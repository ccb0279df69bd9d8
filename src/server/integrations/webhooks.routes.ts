import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  registeredWebhookSchema,
  webhookActiveSchema,
  webhookDeliverySchema,
  webhookInputSchema,
  webhookSchema,
} from '../../contracts/webhooks.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { authorizeIntegrationsAdmin } from './integrations.policy.ts';
import {
  listWebhookDeliveries,
  listWebhooks,
  registerWebhook,
  resendWebhookDelivery,
  switchWebhook,
} from './webhooks.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const accepted = z.object({ ok: z.literal(true) });

/** Administrators register webhook subscriptions, watch their deliveries and send a failed one again. */
export function webhooksRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const admin = async (request: Parameters<typeof requireStaff>[1]) => {
      const { user } = await requireStaff(ctx, request);
      authorizeIntegrationsAdmin(user);
      return { id: user.id, label: user.login };
    };

    api.get(
      '/api/v1/admin/webhooks',
      {
        schema: {
          tags: ['admin'],
          summary: 'Webhook subscriptions with their last delivery (never their secrets)',
          response: { 200: webhookSchema.array() },
        },
      },
      async (request) => {
        await admin(request);
        return listWebhooks(ctx);
      },
    );

    api.post(
      '/api/v1/admin/webhooks',
      {
        schema: {
          tags: ['admin'],
          summary: 'Register a webhook; the answer is the only time its secret is shown',
          body: webhookInputSchema,
          response: { 201: registeredWebhookSchema },
        },
      },
      async (request, reply) => {
        const actor = await admin(request);
        const registered = await registerWebhook({ ctx, actor, input: request.body });
        reply.header('cache-control', 'no-store');
        return reply.status(201).send(registered);
      },
    );

    api.post(
      '/api/v1/admin/webhooks/:id/active',
      {
        schema: {
          tags: ['admin'],
          summary: 'Switch a webhook on or off',
          params: idParams,
          body: webhookActiveSchema,
          response: { 200: accepted },
        },
      },
      async (request) => {
        const actor = await admin(request);
        await switchWebhook({ ctx, actor, id: request.params.id, active: request.body.active });
        return { ok: true as const };
      },
    );

    api.get(
      '/api/v1/admin/webhooks/:id/deliveries',
      {
        schema: {
          tags: ['admin'],
          summary: "A webhook's latest deliveries with the receiver's last answer",
          params: idParams,
          response: { 200: webhookDeliverySchema.array() },
        },
      },
      async (request) => {
        await admin(request);
        return listWebhookDeliveries(ctx, request.params.id);
      },
    );

    api.post(
      '/api/v1/admin/webhook-deliveries/:id/resend',
      {
        schema: {
          tags: ['admin'],
          summary: 'Send a failed (or delivered) delivery again, with the same event id',
          params: idParams,
          response: { 200: accepted },
        },
      },
      async (request) => {
        const actor = await admin(request);
        await resendWebhookDelivery({ ctx, actor, deliveryId: request.params.id });
        return { ok: true as const };
      },
    );
  };
}
