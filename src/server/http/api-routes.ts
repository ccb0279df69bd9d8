import type { FastifyInstance } from 'fastify';
import { adminRoutes } from '../admin/admin.routes.ts';
import { analyticsRoutes } from '../analytics/analytics.routes.ts';
import { appealsRoutes } from '../appeals/appeals.routes.ts';
import { campaignRoutes } from '../appeals/campaigns.routes.ts';
import { assistRoutes } from '../assist/assist.routes.ts';
import { auditRoutes } from '../audit/audit.routes.ts';
import { caseworkRoutes } from '../casework/casework.routes.ts';
import type { AppContext } from '../context.ts';
import { dashboardRoutes } from '../dashboard/dashboard.routes.ts';
import { ping } from '../db/database.ts';
import { forwardedAppealsRoutes } from '../integrations/forwarded-appeals.routes.ts';
import { integrationsRoutes } from '../integrations/integrations.routes.ts';
import { webhooksRoutes } from '../integrations/webhooks.routes.ts';
import { knowledgeRoutes } from '../knowledge/knowledge.routes.ts';
import { liveRoutes } from '../live/live.routes.ts';
import { notificationsRoutes } from '../notify/notifications.routes.ts';
import { staffChannelsRoutes } from '../notify/staff-channels.routes.ts';
import { open311Routes } from '../open311/open311.routes.ts';
import { authRoutes } from '../people/auth.routes.ts';
import { signInRoutes } from '../people/sign-in.routes.ts';
import { usersRoutes } from '../people/users.routes.ts';
import { reportsRoutes } from '../reports/reports.routes.ts';
import { retentionRoutes } from '../retention/retention.routes.ts';
import { referenceRoutes } from '../routing/reference.routes.ts';
import { templatesRoutes } from '../templates/templates.routes.ts';
import { trainingRoutes } from '../training/training.routes.ts';
import { sendError } from './errors.ts';
import type { AccessCodeGuard, RateLimits } from './rate-limits.ts';

/**
 * The server's JSON API (and its health checks) as one Fastify plugin: the composition root (src/app/)
 * registers it beside the citizen portal and the staff console.
 */
export function apiRoutes(ctx: AppContext, rateLimits: RateLimits, codeGuard: AccessCodeGuard) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
      try {
        await ping(ctx.db);
        return { status: 'ready', engine: ctx.engine };
      } catch {
        return sendError(request, reply, 'SERVICE_UNAVAILABLE');
      }
    });

    await app.register(referenceRoutes(ctx));
    await app.register(appealsRoutes(ctx, rateLimits, codeGuard));
    await app.register(assistRoutes(ctx));
    await app.register(authRoutes(ctx, rateLimits));
    await app.register(signInRoutes(ctx, rateLimits));
    await app.register(usersRoutes(ctx));
    await app.register(auditRoutes(ctx));
    await app.register(dashboardRoutes(ctx));
    await app.register(analyticsRoutes(ctx));
    await app.register(campaignRoutes(ctx));
    await app.register(caseworkRoutes(ctx));
    await app.register(templatesRoutes(ctx));
    await app.register(adminRoutes(ctx));
    await app.register(trainingRoutes(ctx));
    await app.register(liveRoutes(ctx));
    await app.register(notificationsRoutes(ctx));
    await app.register(staffChannelsRoutes(ctx));
    await app.register(knowledgeRoutes(ctx, rateLimits));
    await app.register(integrationsRoutes(ctx));
    await app.register(forwardedAppealsRoutes(ctx, rateLimits));
    await app.register(webhooksRoutes(ctx));
    await app.register(reportsRoutes(ctx));
    await app.register(retentionRoutes(ctx));
    await app.register(open311Routes(ctx, rateLimits), { prefix: '/open311' });
  };
}
