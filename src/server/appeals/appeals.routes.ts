import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealExportQuerySchema,
  appealInputSchema,
  appealNumberParams as numberParams,
  rateInputSchema,
  registeredAppealSchema,
  trackedAppealSchema,
  trackInputSchema,
  transitionInputSchema,
} from '../../contracts/appeal.schema.ts';
import { toAppealJson } from '../../contracts/appeal-form.ts';
import { openAnswerFile } from '../casework/answer-files.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { sendTable } from '../exports/table-file.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { requestCitizenLanguage, requestLanguage } from '../http/errors.ts';
import type { AccessCodeGuard, RateLimits } from '../http/rate-limits.ts';
import { sendStoredFile } from '../http/send-file.ts';
import { discardAttachments, type StoredAttachment, storeUploadedPart, uploadError } from './attachments.ts';
import { changeAppeal } from './change-appeal.ts';
import { exportAppeals } from './export-appeals.ts';
import { getAppeal, revealApplicant } from './get-appeal.ts';
import { listAppeals } from './list-appeals.ts';
import { registerAppeal } from './register-appeal.ts';
import { rateAnswer, trackAppeal } from './track-appeal.ts';

const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }).passthrough() });

/**
 * Multipart bodies arrive as flat fields named like the JSON paths (`applicant.lastName`), the same names
 * the portal's form uses; this turns them into the JSON shape and keeps the files for the handler. Should
 * reading fail half-way (a refused file, a limit, a cut-off body, a client that hangs up), the files
 * stored so far are removed before the error goes on.
 */
async function readMultipart(ctx: AppContext, request: FastifyRequest): Promise<unknown> {
  const fields: Record<string, string> = {};
  let json: unknown = {};
  const files: StoredAttachment[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        await storeUploadedPart(ctx.files, part, files);
      } else if (typeof part.value === 'string') {
        if (part.fieldname === 'appeal') json = JSON.parse(part.value, withoutProtoKeys);
        else fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    await discardAttachments(ctx.files, files);
    throw uploadError(error);
  }
  uploaded.set(request, files);
  // A whole JSON appeal in the `appeal` part, or flat fields named like its paths (as the portal sends).
  return isRecord(json) ? { ...json, ...toAppealJson(fields) } : json;
}

/** A JSON.parse reviver dropping keys that would reach an object's prototype. */
function withoutProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' ? undefined : value;
}

// Files stored for a request and not yet part of an appeal: removed if the request fails at any later step.
const uploaded = new WeakMap<FastifyRequest, StoredAttachment[]>();

async function discardUploaded(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const files = uploaded.get(request);
  uploaded.delete(request);
  if (files) await discardAttachments(ctx.files, files);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
        // The schema, the territory check, the database: whatever refuses the appeal after its files were
        // stored, they go with it.
        onError: async (request: FastifyRequest) => discardUploaded(ctx, request),
        schema: {
          tags: ['appeals'],
          summary: 'Register an appeal (JSON, or multipart with files named like the JSON paths)',
          body: appealInputSchema,
          response: { 201: registeredAppealSchema, 400: errorResponse },
        },
      },
      async (request, reply) => {
        const session = await sessionOf(ctx, request);
        const staff = session ? (await requireStaff(ctx, request)).user : undefined;
        const attachments = uploaded.get(request) ?? [];
        const register = () => registerAppeal({ ctx, input: request.body, staff, attachments });
        // An appeal that refers to an earlier one checks that one's access code, counted like tracking.
        const result = await (request.body.relatedTo ? guard.run(request, register) : register());
        // The files belong to a committed appeal now: nothing that fails later may remove them.
        uploaded.delete(request);
        return reply.status(201).send(result);
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
      async (request) =>
        guard.run(request, () => trackAppeal(ctx, request.body, requestCitizenLanguage(request))),
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
          summary: 'Appeals in the caller’s scope (with `format=csv|xlsx`: every match as a file)',
          querystring: appealExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request);
        const { format, personal, lang: _lang, ...query } = request.query;
        const language = requestLanguage(request);
        if (!format) return listAppeals(ctx, user, query, language);
        const table = await exportAppeals({
          ctx,
          user,
          query,
          format,
          personal: personal === 'true',
          language,
        });
        return sendTable(reply, { format, baseName: `appeals-${localDateOf(ctx.clock.now())}`, table });
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
