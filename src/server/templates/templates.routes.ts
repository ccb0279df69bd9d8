import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerTemplateInputSchema,
  answerTemplateSchema,
  templateQuerySchema,
} from '../../contracts/templates.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { listTemplates, saveTemplate } from './manage-templates.ts';
import { printAnswerLetter } from './print-answer-letter.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const letterParams = z.object({
  number: z.string().trim().toUpperCase().max(40),
  id: z.coerce.number().int().positive(),
});

/** Answer templates (read by authors, managed by administrators) and the answer letter as PDF. */
export function templatesRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/templates',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Answer templates for a category and language (all=true: every template, for administrators)',
          querystring: templateQuerySchema,
          response: { 200: z.array(answerTemplateSchema) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        const { category, language, all } = request.query;
        return listTemplates(ctx, user, { category, language, all: all === 'true' });
      },
    );

    api.post(
      '/api/v1/templates',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add an answer template',
          body: answerTemplateInputSchema,
          response: { 201: z.object({ id: z.number() }) },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        return reply.status(201).send(await saveTemplate({ ctx, user, input: request.body }));
      },
    );

    api.put(
      '/api/v1/templates/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Replace an answer template',
          params: idParams,
          body: answerTemplateInputSchema,
          response: { 200: z.object({ id: z.number() }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return saveTemplate({ ctx, user, id: request.params.id, input: request.body });
      },
    );

    api.get(
      '/api/v1/appeals/:number/answers/:id/letter.pdf',
      {
        schema: {
          tags: ['staff'],
          summary: 'The answer or conclusion as the letter the applicant receives (PDF, audited)',
          params: letterParams,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const { filename, pdf } = await printAnswerLetter({
          ctx,
          user,
          number: request.params.number,
          answerId: request.params.id,
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );
  };
}
