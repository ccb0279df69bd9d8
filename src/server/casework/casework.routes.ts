import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appealNumberParams as numberParams } from '../../contracts/appeal.schema.ts';
import { assigneesSchema, attachmentListSchema } from '../../contracts/console.schema.ts';
import {
  discardAttachments,
  type StoredAttachment,
  storeUploadedPart,
  uploadError,
} from '../appeals/attachments.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { sendStoredFile } from '../http/send-file.ts';
import { attachToDraftAnswer, removeFromDraftAnswer } from './answer-files.ts';
import { assigneesOf, listAttachments, openAttachment } from './appeal-extras.ts';

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
          summary:
            'One attached file (images the server re-encoded inline, everything else as a download; audited)',
          params: fileParams,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const file = await openAttachment(ctx, user, request.params.number, request.params.id);
        return sendStoredFile(reply, file, file.inline ? 'inline' : 'attachment');
      },
    );

    api.post(
      '/api/v1/appeals/:number/answer-files',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Attach files (multipart; every file part is taken) to the answer draft; they go out with the answer',
          params: numberParams,
          response: { 201: attachmentListSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const files: StoredAttachment[] = [];
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') await storeUploadedPart(ctx.files, part, files);
          }
        } catch (error) {
          await discardAttachments(ctx.files, files);
          throw uploadError(error);
        }
        const attached = await attachToDraftAnswer(ctx, user, request.params.number, files);
        return reply.status(201).send(attached);
      },
    );

    api.delete(
      '/api/v1/appeals/:number/answer-files/:id',
      {
        schema: {
          tags: ['staff'],
          summary: 'Take a file off the answer draft',
          params: fileParams,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await removeFromDraftAnswer(ctx, user, request.params.number, request.params.id);
        return reply.status(204).send();
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
