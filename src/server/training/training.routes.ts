import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealInputSchema,
  appealListQuerySchema,
  registeredAppealSchema,
} from '../../contracts/appeal.schema.ts';
import { appealListSchema } from '../../contracts/console.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { listSandbox, registerPractice, startTraining } from './sandbox.ts';

/** Training mode: the sandbox queue, practice registration, and a fresh set of demo appeals. */
export function trainingRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['training'];

    api.get(
      '/api/v1/training/appeals',
      {
        schema: {
          tags,
          summary: 'The sandbox queue of the caller’s scope (same filters as /api/v1/appeals)',
          querystring: appealListQuerySchema,
          response: { 200: appealListSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listSandbox(ctx, user, request.query, requestLanguage(request));
      },
    );

    api.post(
      '/api/v1/training/appeals',
      {
        schema: {
          tags,
          summary: 'Practise registering an appeal: it goes to the sandbox of the caller’s unit',
          body: appealInputSchema,
          response: { 201: registeredAppealSchema },
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        return reply.status(201).send(await registerPractice(ctx, user, request.body));
      },
    );

    api.post(
      '/api/v1/training/start',
      {
        schema: {
          tags,
          summary: 'Replace the sandbox of the caller’s unit with a fresh set of demo appeals',
          response: { 200: z.object({ created: z.number() }) },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return startTraining(ctx, user);
      },
    );
  };
}
