import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeAlertSchema,
  hierarchyQuerySchema,
  hierarchySchema,
  surgeAlertIdParams,
  surgeAlertListQuerySchema,
  surgeAlertListSchema,
} from '../../contracts/analytics.schema.ts';
import { territoryMapQuerySchema, territoryMapSchema } from '../../contracts/territory-map.schema.ts';
import { workloadQuerySchema, workloadSchema } from '../../contracts/workload.schema.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { sendTable } from '../exports/table-file.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { alertsTable } from './alerts-table.ts';
import { hierarchyTable } from './hierarchy-table.ts';
import { hierarchyView } from './hierarchy-view.ts';
import { acknowledgeSurgeAlert, listOpenAlerts } from './surge-alerts.ts';
import { territoryMap } from './territory-map.ts';
import { territoryMapTable } from './territory-map-table.ts';
import { workloadView } from './workload.ts';
import { workloadTable } from './workload-table.ts';

/** Trends and alerts: surges of appeals per territory × category. */
export function analyticsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/analytics/alerts',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Open surge alerts in the caller’s scope: a territory × category above its seasonal baseline (with `format=csv|xlsx`: as a file)',
          querystring: surgeAlertListQuerySchema,
          response: { 200: surgeAlertListSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const alerts = await listOpenAlerts(ctx, user);
        const { format } = request.query;
        if (!format) return alerts;
        const language = requestLanguage(request);
        return sendTable(reply, {
          format,
          baseName: `surge-alerts-${localDateOf(ctx.clock.now())}`,
          table: alertsTable(alerts.items, ctx.reference(), language),
        });
      },
    );

    api.get(
      '/api/v1/analytics/hierarchy',
      {
        schema: {
          tags: ['staff'],
          summary:
            'A unit in scope and its child units side by side: load, outcomes, on-time answers, repeats, ratings, complaints — with the previous period and the year before (with `format=csv|xlsx`: as a file)',
          querystring: hierarchyQuerySchema,
          response: { 200: hierarchySchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const language = request.query.lang ?? requestLanguage(request);
        const hierarchy = await hierarchyView({ ctx, user, query: request.query, language });
        const { format } = request.query;
        if (!format) return hierarchy;
        const { from, to } = hierarchy.periods.current;
        return sendTable(reply, {
          format,
          baseName: `units-${hierarchy.unit.code}-${from}-${to}`,
          table: hierarchyTable(hierarchy, language),
        });
      },
    );

    api.get(
      '/api/v1/analytics/map',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Appeals per 10,000 residents by region, or by district within `region`, as far as the caller’s scope sees them (with `format=csv|xlsx`: as a file)',
          querystring: territoryMapQuerySchema,
          response: { 200: territoryMapSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const language = request.query.lang ?? requestLanguage(request);
        const map = await territoryMap({ ctx, user, query: request.query, language });
        const { format } = request.query;
        if (!format) return map;
        return sendTable(reply, {
          format,
          baseName: `map-${map.region?.code ?? 'regions'}-${map.periods.current.from}-${map.periods.current.to}`,
          table: territoryMapTable(map, language),
        });
      },
    );

    api.get(
      '/api/v1/analytics/workload',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Workload and quality of a unit in scope: per executor and per child unit, open, overdue, answered on time, returned by the head, complaints upheld (with `format=csv|xlsx`: as a file)',
          querystring: workloadQuerySchema,
          response: { 200: workloadSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const language = requestLanguage(request);
        const workload = await workloadView({ ctx, user, query: request.query, language });
        const { format } = request.query;
        if (!format) return workload;
        return sendTable(reply, {
          format,
          baseName: `workload-${workload.unit.code}-${workload.period.from}-${workload.period.to}`,
          table: workloadTable(workload, language),
        });
      },
    );

    api.post(
      '/api/v1/analytics/alerts/:id/acknowledge',
      {
        schema: {
          tags: ['staff'],
          summary: 'Acknowledges a surge alert with a note (audited)',
          params: surgeAlertIdParams,
          body: acknowledgeAlertSchema,
          response: { 200: z.object({ acknowledged: z.literal(true) }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        await acknowledgeSurgeAlert({ ctx, user, id: request.params.id, note: request.body.note });
        return { acknowledged: true as const };
      },
    );
  };
}
