import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assigneesSchema, attachmentListSchema } from '../../contracts/console.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { assigneesOf, listAttachments, openAttachment } from './appeal-extras.ts';

const numberParams = z.object({ number: z.string().trim().toUpperCase().max(40) });
const fileParams = numberParams.extend({ id: z.uuid() });

/** What the appeal card shows beside the appeal: its attachments and the staff who can be its executor. */
export function caseworkRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/appeals/:number/attachments',
      {
        schema: {
          tags: ['staff'],
          summary: 'Files attached to the appeal',
          params: numberParams,
          response: { 200: attachmentListSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listAttachments(ctx, user, request.params.number);
      },
    );

    api.get(
      '/api/v1/appeals/:number/attachments/:id',
      {
        schema: {
          tags: ['staff'],
          summary: 'One attached file (images and PDF inline, others as downloads; audited)',
          params: fileParams,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const file = await openAttachment(ctx, user, request.params.number, request.params.id);
        const disposition = file.inline ? 'inline' : 'attachment';
        // The file is shown as what its bytes say it is and can run nothing if opened directly. A PDF keeps
        // the server's usual policy instead of a sandbox: the browser's own viewer does not render in one.
        if (file.mime !== 'application/pdf') {
          reply.header(
            'content-security-policy',
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
          );
        }
        return reply
          .type(file.mime)
          .header('content-length', String(file.size))
          .header(
            'content-disposition',
            `${disposition}; filename="file"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
          )
          .header('cache-control', 'private, no-store')
          .send(file.stream);
      },
    );

    api.get(
      '/api/v1/appeals/:number/assignees',
      {
        schema: {
          tags: ['staff'],
          summary: 'Staff of the units working the appeal who can be made its executor',
          params: numberParams,
          response: { 200: assigneesSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return assigneesOf(ctx, user, request.params.number, requestLanguage(request));
      },
    );
  };
}
