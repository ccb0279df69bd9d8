import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appealNumberParams as numberParams } from '../../contracts/appeal.schema.ts';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { requireStaff } from '../http/auth.ts';
import {
  activateModelVersion,
  importLabelledAppeals,
  listModelVersions,
  requestRetraining,
} from './model-versions.ts';
import { similarAnswered } from './similar-answered.ts';
import { setAutoRouteThreshold, triageSettings } from './triage-settings.ts';

/** The language layer over HTTP for staff: similar answers, model versions and triage settings. */
export function assistRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/appeals/:number/similar',
      {
        schema: {
          tags: ['staff'],
          summary: 'Similar answered appeals in scope, with their answers',
          params: numberParams,
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request);
        return similarAnswered(ctx, user, request.params.number);
      },
    );

    api.get(
      '/api/v1/nlp/models',
      { schema: { tags: ['admin'], summary: 'Language model versions' } },
      async (request) => {
        await requireStaff(ctx, request, { roles: ['admin', 'analyst'] });
        return listModelVersions(ctx);
      },
    );

    api.post(
      '/api/v1/nlp/models/retrain',
      { schema: { tags: ['admin'], summary: 'Train a new category model version (runs as a job)' } },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request, { roles: ['admin'] });
        await requestRetraining(ctx, { id: user.id, label: user.login });
        return reply.status(202).send({ queued: true });
      },
    );

    api.post(
      '/api/v1/nlp/models/:version/activate',
      {
        schema: {
          tags: ['admin'],
          summary: 'Activate a model version (also rolls back)',
          params: z.object({ version: z.string().max(60) }),
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request, { roles: ['admin'] });
        await activateModelVersion(ctx, request.params.version, { id: user.id, label: user.login });
        return reply.status(204).send();
      },
    );

    api.post(
      '/api/v1/nlp/examples/import',
      {
        schema: {
          tags: ['admin'],
          summary: 'Import past appeals with categories (CSV or XLSX: columns text, category)',
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request, { roles: ['admin'] });
        if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const file = await request.file({ limits: { fileSize: 50 * 1024 * 1024 } });
        if (!file) throw new FieldValidationError([{ path: 'file', key: 'required' }]);
        const content = await file.toBuffer();
        if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
        return importLabelledAppeals(ctx, {
          filename: file.filename,
          content,
          actor: { id: user.id, label: user.login },
        });
      },
    );

    api.get(
      '/api/v1/nlp/settings',
      { schema: { tags: ['admin'], summary: 'Triage settings' } },
      async (request) => {
        await requireStaff(ctx, request, { roles: ['admin', 'analyst'] });
        return triageSettings(ctx);
      },
    );

    api.put(
      '/api/v1/nlp/settings',
      {
        schema: {
          tags: ['admin'],
          summary: 'Set the confidence above which appeals are routed automatically',
          body: z.object({ autoRouteThreshold: z.number().min(0.5).max(1) }),
        },
      },
      async (request, reply) => {
        const { user } = await requireStaff(ctx, request, { roles: ['admin'] });
        await setAutoRouteThreshold(ctx, user, request.body.autoRouteThreshold);
        return reply.status(204).send();
      },
    );
  };
}
