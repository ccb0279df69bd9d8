import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealInputSchema,
  appealListQuerySchema,
  registeredAppealSchema,
} from '../../contracts/appeal.schema.ts';
import { appealListSchema } from '../../contracts/console.schema.ts';
import {
  lessonCheckSchema,
  lessonListSchema,
  lessonParamsSchema,
  lessonStartedSchema,
  trainingProgressSchema,
} from '../../contracts/training.schema.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import { checkLesson } from './check-lesson.ts';
import { listLessons } from './list-lessons.ts';
import { listSandbox, registerPractice, startTraining } from './sandbox.ts';
import { startLesson } from './start-lesson.ts';
import { trainingProgress } from './training-progress.ts';

/**
 * Training mode: the sandbox queue, practice registration, a fresh set of demo appeals, and the guided
 * lessons with the record of who passed them.
 */
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

    api.get(
      '/api/v1/training/lessons',
      {
        schema: {
          tags,
          summary: 'The caller’s lessons (an administrator’s: all) with their steps and first completion',
          response: { 200: lessonListSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listLessons(ctx, user, requestLanguage(request));
      },
    );

    api.post(
      '/api/v1/training/lessons/:id/start',
      {
        schema: {
          tags,
          summary: 'Start a lesson: its demo appeal is placed in the sandbox of the caller’s unit',
          params: lessonParamsSchema,
          response: { 200: lessonStartedSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return startLesson({ ctx, user, lessonId: request.params.id });
      },
    );

    api.post(
      '/api/v1/training/lessons/:id/check',
      {
        schema: {
          tags,
          summary: 'Check the caller’s work on their latest start of a lesson; a pass is recorded',
          params: lessonParamsSchema,
          response: { 200: lessonCheckSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return checkLesson({ ctx, user, lessonId: request.params.id, language: requestLanguage(request) });
      },
    );

    api.get(
      '/api/v1/training/progress',
      {
        schema: {
          tags,
          summary: 'Heads and administrators: who in their scope has passed which lessons',
          response: { 200: trainingProgressSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return trainingProgress(ctx, user, requestLanguage(request));
      },
    );
  };
}
