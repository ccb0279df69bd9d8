import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { requireStaff } from '../http/auth.ts';
import { autoRouteThreshold } from '../routing/starting-route.ts';
import { activateModelVersion, importLabelledAppeals, listModelVersions } from './model-versions.ts';
import { similarAnswered } from './similar-answered.ts';

const numberParams = z.object({ number: z.string().trim().toUpperCase().max(40) });

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
        await ctx.db.transaction().execute(async (tx) => {
          await ctx.jobs.enqueue(tx, [{ name: 'nlp-retrain', data: { requestedBy: user.login } }]);
          await ctx.audit.append(tx, [
            {
              actor: { id: user.id, label: user.login },
              action: 'nlp.retrain_requested',
              targetType: 'nlp_model',
              targetId: 'category',
              at: ctx.clock.now(),
            },
          ]);
        });
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
        return { autoRouteThreshold: autoRouteThreshold(ctx.reference().settings) };
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
        const now = ctx.clock.now();
        await ctx.db.transaction().execute(async (tx) => {
          await tx
            .insertInto('settings')
            .values({
              key: 'triage.autoRouteThreshold',
              value: JSON.stringify(request.body.autoRouteThreshold),
              updated_at: now,
              updated_by: user.id,
            })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet({
                value: JSON.stringify(request.body.autoRouteThreshold),
                updated_at: now,
                updated_by: user.id,
              }),
            )
            .execute();
          await ctx.audit.append(tx, [
            {
              actor: { id: user.id, label: user.login },
              action: 'settings.update',
              targetType: 'setting',
              targetId: 'triage.autoRouteThreshold',
              data: { value: request.body.autoRouteThreshold },
              at: now,
            },
          ]);
        });
        await ctx.reloadReference();
        return reply.status(204).send();
      },
    );
  };
}
