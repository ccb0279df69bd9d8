import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  myReportSchema,
  reportFileParams,
  reportRunQuerySchema,
  reportRunSchema,
  reportScheduleIdParams,
  reportScheduleInputSchema,
  reportScheduleSchema,
} from '../../contracts/reports.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { runReportSchedule } from './generate-reports.ts';
import {
  createReportSchedule,
  deleteReportSchedule,
  listReportSchedules,
} from './manage-report-schedules.ts';
import { downloadReport, listMyReports } from './my-reports.ts';

/** Scheduled monthly reports: administrators schedule and run them; each recipient lists and downloads theirs. */
export function reportsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/admin/report-schedules',
      {
        schema: {
          tags: ['admin'],
          summary: 'The monthly reports scheduled, with their recipients and last run',
          response: { 200: reportScheduleSchema.array() },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listReportSchedules({ ctx, user, language: requestLanguage(request) });
      },
    );

    api.post(
      '/api/v1/admin/report-schedules',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Schedule a unit’s monthly report (PDF + XLSX) for staff who read analytics and hold the unit in scope (audited)',
          body: reportScheduleInputSchema,
          response: { 201: reportScheduleSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const created = await createReportSchedule({
          ctx,
          user,
          input: request.body,
          language: requestLanguage(request),
        });
        return reply.status(201).send(created);
      },
    );

    api.delete(
      '/api/v1/admin/report-schedules/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Retire a schedule (audited); the reports written stay with their recipients',
          params: reportScheduleIdParams,
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        await deleteReportSchedule({ ctx, user, id: request.params.id });
        return { ok: true as const };
      },
    );

    api.post(
      '/api/v1/admin/report-schedules/:id/run',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Write a schedule’s report of an ended month now (`month=YYYY-MM`, the previous month by default); a recipient who has it keeps it (audited)',
          params: reportScheduleIdParams,
          querystring: reportRunQuerySchema,
          response: { 200: reportRunSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return runReportSchedule({ ctx, user, id: request.params.id, month: request.query.month });
      },
    );

    api.get(
      '/api/v1/reports',
      {
        schema: {
          tags: ['staff'],
          summary: 'The monthly reports written for me, newest first',
          response: { 200: z.object({ items: myReportSchema.array() }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return { items: await listMyReports({ ctx, user, language: requestLanguage(request) }) };
      },
    );

    api.get(
      '/api/v1/reports/:id/:format',
      {
        schema: {
          tags: ['staff'],
          summary: 'One of my reports as PDF or XLSX (audited); anyone else’s is not found',
          params: reportFileParams,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const file = await downloadReport({
          ctx,
          user,
          id: request.params.id,
          format: request.params.format,
        });
        return reply
          .type(file.mime)
          .header(
            'content-disposition',
            `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          )
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file.content);
      },
    );
  };
}
