import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { sendError } from '../http/errors.ts';
import { bearerMatches } from './metrics.ts';

/** `GET /metrics` in Prometheus's text format, for `Authorization: Bearer <METRICS_TOKEN>` only. */
export function registerMetricsRoute(app: FastifyInstance, ctx: AppContext, token: string): void {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!bearerMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer');
      return sendError(request, reply, 'UNAUTHENTICATED');
    }
    const { body, contentType } = await ctx.metrics.exposition();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
