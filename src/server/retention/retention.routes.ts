import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appealNumberParams as numberParams } from '../../contracts/appeal.schema.ts';
import {
  holdInputSchema,
  retentionRunSchema,
  retentionSettingsSchema,
  retentionViewSchema,
} from '../../contracts/retention.schema.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireStaff } from '../http/auth.ts';
import { getRetention, liftHold, placeHold, runRetention, setRetention } from './retention.ts';

const noContent = { 204: z.null() };

/** Retention: the terms (administrators), a dry run of the next run, and legal holds on appeals. */
export function retentionRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/admin/retention',
      {
        schema: {
          tags: ['admin'],
          summary: 'Retention terms per appeal type and outcome (years after the final answer)',
          response: { 200: retentionViewSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return getRetention(ctx, user);
      },
    );
    api.put(
      '/api/v1/admin/retention',
      {
        schema: {
          tags: ['admin'],
          summary: 'Set the retention terms (audited)',
          body: retentionSettingsSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await setRetention(ctx, user, request.body);
        return reply.status(204).send(null);
      },
    );
    api.get(
      '/api/v1/admin/retention/preview',
      {
        schema: {
          tags: ['admin'],
          summary: 'What a retention run would anonymise now (a dry run: counts only, nothing changes)',
          response: { 200: retentionRunSchema },
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        if (user.role !== 'admin') throw new AppError('FORBIDDEN');
        return runRetention(ctx, { dryRun: true });
      },
    );

    api.put(
      '/api/v1/appeals/:number/hold',
      {
        schema: {
          tags: ['staff'],
          summary: 'Put the appeal on legal hold: it is never anonymised while held (audited)',
          params: numberParams,
          body: holdInputSchema,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await placeHold(ctx, user, request.params.number, request.body.reason);
        return reply.status(204).send(null);
      },
    );
    api.delete(
      '/api/v1/appeals/:number/hold',
      {
        schema: {
          tags: ['staff'],
          summary: 'Lift the appeal’s legal hold (audited)',
          params: numberParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        await liftHold(ctx, user, request.params.number);
        return reply.status(204).send(null);
      },
    );
  };
}
