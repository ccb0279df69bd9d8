import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  integrationInputSchema,
  integrationSchema,
  issuedIntegrationSchema,
} from '../../contracts/integrations.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { createIntegration, listIntegrations, revokeIntegration } from './integration-keys.ts';
import { authorizeIntegrationsAdmin } from './integrations.policy.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const accepted = z.object({ ok: z.literal(true) });

/** Administrators issue, list and revoke the API keys of other systems. */
export function integrationsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/admin/integrations',
      {
        schema: {
          tags: ['admin'],
          summary: 'API keys issued to other systems (never the keys themselves)',
          response: { 200: integrationSchema.array() },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        authorizeIntegrationsAdmin(user);
        return listIntegrations(ctx.db);
      },
    );

    api.post(
      '/api/v1/admin/integrations',
      {
        schema: {
          tags: ['admin'],
          summary: 'Issue an API key; the answer is the only time the key is shown',
          body: integrationInputSchema,
          response: { 201: issuedIntegrationSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        authorizeIntegrationsAdmin(user);
        const issued = await createIntegration({
          db: ctx.db,
          protector: ctx.protector,
          audit: ctx.audit,
          actor: { id: user.id, label: user.login },
          input: request.body,
          now: ctx.clock.now(),
        });
        reply.header('cache-control', 'no-store');
        return reply.status(201).send(issued);
      },
    );

    api.post(
      '/api/v1/admin/integrations/:id/revoke',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke an API key at once',
          params: idParams,
          response: { 200: accepted },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        authorizeIntegrationsAdmin(user);
        await revokeIntegration({
          db: ctx.db,
          audit: ctx.audit,
          actor: { id: user.id, label: user.login },
          id: request.params.id,
          now: ctx.clock.now(),
        });
        return { ok: true as const };
      },
    );
  };
}
