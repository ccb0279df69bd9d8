import type { FastifyInstance } from 'fastify';
import {
  answerChannels,
  answerLanguages,
  appealForms,
  appealStatuses,
  appealTypes,
  applicantKinds,
  channels,
} from '../../contracts/enums.ts';
import { attachmentMimeTypes, limits } from '../../contracts/limits.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';

/** Public reference data for forms and clients, and the unit tree for staff. */
export function referenceRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/reference',
      { schema: { tags: ['reference'], summary: 'Territories, categories, types, limits' } },
      async (_request, reply) => {
        const ref = ctx.reference();
        reply.header('cache-control', 'public, max-age=300');
        return {
          territories: [...ref.territories.values()]
            .filter((t) => t.active)
            .map((t) => ({
              code: t.code,
              parentCode: t.parentCode,
              kind: t.kind,
              names: t.names,
              population: t.population,
            })),
          categories: [...ref.categories.values()]
            .filter((c) => c.active)
            .map((c) => ({
              code: c.code,
              names: c.names,
              descriptions: c.descriptions,
              officerComplaint: c.officerComplaint,
            })),
          appealTypes,
          appealForms,
          applicantKinds,
          channels,
          answerLanguages,
          answerChannels,
          statuses: appealStatuses,
          limits: { ...limits, attachmentMimeTypes },
          attributions: ref.settings.get('about.attributions') ?? [],
        };
      },
    );

    app.get('/api/v1/units', { schema: { tags: ['staff'], summary: 'The unit tree' } }, async (request) => {
      await requireStaff(ctx, request);
      return ctx
        .reference()
        .units.all()
        .filter((u) => u.active)
        .map((u) => {
          const parent = u.parentId === null ? undefined : ctx.reference().units.byId(u.parentId);
          return {
            code: u.code,
            parentCode: parent?.code ?? null,
            level: u.level,
            service: u.service,
            territoryCode: u.territoryCode,
            names: u.names,
          };
        });
    });
  };
}
