import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealInputSchema,
  appealListQuerySchema,
  rateInputSchema,
  registeredAppealSchema,
  trackedAppealSchema,
  trackInputSchema,
  transitionInputSchema,
} from '../../contracts/appeal.schema.ts';
import { openAnswerFile } from '../casework/answer-files.ts';
import type { AppContext } from '../context.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { requestLanguage } from '../http/errors.ts';
import type { AccessCodeGuard, RateLimits } from '../http/rate-limits.ts';
import { sendStoredFile } from '../http/send-file.ts';
import { discardAttachments, type StoredAttachment, storeUploadedPart, uploadError } from './attachments.ts';
import { changeAppeal } from './change-appeal.ts';
import { getAppeal, revealApplicant } from './get-appeal.ts';
import { listAppeals } from './list-appeals.ts';
import { registerAppeal } from './register-appeal.ts';
import { rateAnswer, trackAppeal } from './track-appeal.ts';

const numberParams = z.object({ number: z.string().trim().toUpperCase().max(40) });
const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }).passthrough() });

/**
 * Multipart bodies arrive as flat fields named like the JSON paths (`applicant.lastName`), the same names
 * the portal's form uses; this turns them into the JSON shape and keeps the files for the handler.
 */
async function readMultipart(ctx: AppContext, request: FastifyRequest): Promise<unknown> {
  const body: Record<string, unknown> = {};
  const files: StoredAttachment[] = [];
  uploaded.set(request, files);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        await storeUploadedPart(ctx.config.dataDir, part, files);
      } else if (typeof part.value === 'string') {
        if (part.fieldname === 'appeal') Object.assign(body, JSON.parse(part.value, withoutProtoKeys));
        else setPath(body, part.fieldname, part.value);
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  return body;
}

/** A JSON.parse reviver dropping keys that would reach an object's prototype. */
function withoutProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' ? undefined : value;
}

const uploaded = new WeakMap<FastifyRequest, StoredAttachment[]>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPath(target: Record<string, unknown>, dotted: string, value: string): void {
  const keys = dotted.split('.');
  if (keys.some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || k === '')) return;
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isRecord(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  const last = keys.at(-1) ?? '';
  node[last] = last === 'consent' ? ['on', 'true', '1', 'yes'].includes(value) : value;
}

/** The appeal endpoints: public intake, tracking and rating; staff queues, cards and transitions. */
export function appealsRoutes(ctx: AppContext, rateLimits: RateLimits, guard: AccessCodeGuard) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/v1/appeals',
      {
        config: { rateLimit: rateLimits.intake },
        preValidation: async (request: FastifyRequest) => {
          if (request.isMultipart()) request.body = await readMultipart(ctx, request);
        },
        schema: {
          tags: ['appeals'],
          summary: 'Register an appeal (JSON, or multipart with files named like the JSON paths)',
          body: appealInputSchema,
          response: { 201: registeredAppealSchema, 400: errorResponse },
        },
      },
      async (request, reply) => {
        const files = uploaded.get(request) ?? [];
        try {
          const session = await sessionOf(ctx, request);
          const staff = session ? (await requireStaff(ctx, request)).user : undefined;
          const register = () => registerAppeal({ ctx, input: request.body, staff, attachments: files });
          // An appeal that refers to an earlier one checks that one's access code.
          const result = await (request.body.relatedTo ? guard.run(request, register) : register());
          return reply.status(201).send(result);
        } catch (error) {
          await discardAttachments(ctx.config.dataDir, files);
          throw error;
        }
      },
    );

    api.post(
      '/api/v1/appeals/track',
      {
        config: { rateLimit: rateLimits.track },
        schema: {
          tags: ['appeals'],
          summary: 'Track an appeal by its number and access code',
          body: trackInputSchema,
          response: { 200: trackedAppealSchema, 404: errorResponse },
        },
      },
      async (request) => guard.run(request, () => trackAppeal(ctx, request.body, requestLanguage(request))),
    );

    api.post(
      '/api/v1/appeals/track/files/:id',
      {
        config: { rateLimit: rateLimits.track },
        schema: {
          tags: ['appeals'],
          summary: 'Download a file sent with the answer (number and access code in the body)',
          params: z.object({ id: z.uuid() }),
          body: trackInputSchema,
          response: { 404: errorResponse },
        },
      },
      async (request, reply) => {
        const file = await guard.run(request, () => openAnswerFile(ctx, request.body, request.params.id));
        return sendStoredFile(reply, file, 'attachment');
      },
    );

    api.post(
      '/api/v1/appeals/rate',
      {
        config: { rateLimit: rateLimits.track },
        schema: {
          tags: ['appeals'],
          summary: 'Rate the answer (1–5) with an optional comment',
          body: rateInputSchema,
        },
      },
      async (request, reply) => {
        await guard.run(request, () => rateAnswer(ctx, request.body));
        return reply.status(204).send();
      },
    );

    api.get(
      '/api/v1/appeals',
      {
        schema: {
          tags: ['staff'],
          summary: 'Appeals in the caller’s scope',
          querystring: appealListQuerySchema,
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return listAppeals(ctx, user, request.query, requestLanguage(request));
      },
    );

    api.get(
      '/api/v1/appeals/:number',
      { schema: { tags: ['staff'], summary: 'The appeal card', params: numberParams } },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return getAppeal(ctx, user, request.params.number, requestLanguage(request));
      },
    );

    api.get(
      '/api/v1/appeals/:number/applicant',
      {
        schema: {
          tags: ['staff'],
          summary: 'Reveal the applicant’s personal data (audited)',
          params: numberParams,
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return revealApplicant(ctx, user, request.params.number);
      },
    );

    api.post(
      '/api/v1/appeals/:number/transitions',
      {
        schema: {
          tags: ['staff'],
          summary: 'Apply an action of the appeal’s life cycle',
          params: numberParams,
          body: transitionInputSchema,
          headers: z.object({ 'if-match': z.string().regex(/^\d+$/).optional() }).passthrough(),
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        const ifMatch = request.headers['if-match'];
        return changeAppeal({
          ctx,
          user,
          number: request.params.number,
          input: request.body,
          expectedVersion: typeof ifMatch === 'string' ? Number(ifMatch) : undefined,
        });
      },
    );
  };
}
