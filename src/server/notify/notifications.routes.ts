import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notificationIdParams,
  notificationListSchema,
  notificationQuerySchema,
  notificationSchema,
  readNoticesSchema,
  staffNoticeListSchema,
} from '../../contracts/notifications.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { sendError } from '../http/errors.ts';
import { receiveDeliveryReport, reportKeyMatches } from './delivery-reports.ts';
import { myNotices, readNotices } from './staff-notices.ts';
import { listUndeliveredNotices, markNoticePosted, resendNotice } from './undelivered-notices.ts';

/** Notices that did not reach applicants: the list staff work, resending, and marking as posted. */
export function notificationsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/notifications',
      {
        schema: {
          tags: ['staff'],
          summary: 'Notices to applicants that failed, wait for a channel, or wait to be posted',
          querystring: notificationQuerySchema,
          response: { 200: notificationListSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listUndeliveredNotices({ ctx, user, status: request.query.status });
      },
    );

    api.post(
      '/api/v1/notifications/:id/resend',
      {
        schema: {
          tags: ['staff'],
          summary: 'Send a failed or waiting notice again through its channel (audited)',
          params: notificationIdParams,
          response: { 200: notificationSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return resendNotice({ ctx, user, id: request.params.id });
      },
    );

    api.post(
      '/api/v1/notifications/:id/mark-posted',
      {
        schema: {
          tags: ['staff'],
          summary: 'Record that the notice was sent as a letter by post (audited)',
          params: notificationIdParams,
          response: { 200: notificationSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return markNoticePosted({ ctx, user, id: request.params.id });
      },
    );

    api.post(
      '/api/v1/channels/sms/report',
      {
        schema: {
          tags: ['channels'],
          summary:
            'Delivery report from the SMS gateway (JSON or form): the message id (ours or the provider’s) and its status; the address carries the key the server gives the gateway',
          querystring: z.object({ key: z.string().max(100).optional() }),
          body: z
            .object({
              id: z.union([z.string().max(100), z.number()]).optional(),
              message_id: z.union([z.string().max(100), z.number()]).optional(),
              status: z.string().trim().min(1).max(40),
            })
            .refine((b) => b.id !== undefined || b.message_id !== undefined),
          response: { 200: z.object({ outcome: z.enum(['delivered', 'failed', 'ignored']) }) },
        },
      },
      async (request, reply) => {
        // A wrong key answers like an address that does not exist.
        if (!reportKeyMatches(ctx.protector, request.query.key))
          return sendError(request, reply, 'NOT_FOUND');
        const { id, message_id: messageId, status } = request.body;
        return { outcome: await receiveDeliveryReport(ctx, { id: String(id ?? messageId), status }) };
      },
    );

    api.get(
      '/api/v1/me/notices',
      {
        schema: {
          tags: ['staff'],
          summary:
            'My own notices: assigned or returned to me, awaiting my approval, a deadline near, an appeal overdue',
          response: { 200: staffNoticeListSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return myNotices(ctx, user);
      },
    );

    api.post(
      '/api/v1/me/notices/read',
      {
        schema: {
          tags: ['staff'],
          summary: 'Mark some of my notices read',
          body: readNoticesSchema,
          response: { 200: z.object({ changed: z.number() }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return readNotices(ctx, user, request.body.ids);
      },
    );
  };
}
