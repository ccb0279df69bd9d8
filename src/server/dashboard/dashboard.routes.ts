import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dashboardQuerySchema,
  dashboardSchema,
  queueCountsSchema,
  sandboxQuerySchema,
} from '../../contracts/console.schema.ts';
import type { AppContext } from '../context.ts';
import { sendTable } from '../exports/table-file.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { dashboardTable } from './dashboard-table.ts';
import { headDashboard, queueCounts } from './head-dashboard.ts';

/** Queue counts for the console's menu and the head's dashboard. */
export function dashboardRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/queues',
      {
        schema: {
          tags: ['staff'],
          summary: 'How many appeals wait in each queue of the caller’s scope',
          querystring: sandboxQuerySchema,
          response: { 200: queueCountsSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return queueCounts(ctx, user, { sandbox: request.query.sandbox });
      },
    );

    api.get(
      '/api/v1/dashboard',
      {
        schema: {
          tags: ['staff'],
          summary:
            'A head’s dashboard of a unit in scope: load, executors, approvals, extensions, repeats, ratings (with `format=csv|xlsx`: as a file)',
          querystring: dashboardQuerySchema,
          response: { 200: dashboardSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const language = requestLanguage(request);
        const dashboard = await headDashboard({
          ctx,
          user,
          unitCode: request.query.unit,
          days: request.query.days,
          language,
        });
        const { format } = request.query;
        if (!format) return dashboard;
        return sendTable(reply, {
          format,
          baseName: `dashboard-${dashboard.unit.code}-${dashboard.today}`,
          table: dashboardTable(dashboard, language),
        });
      },
    );
  };
}
