import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { verifyAuditLog } from './audit-checkpoints.ts';

/** The audit trail for administrators and auditors: entries by target, and chain verification. */
export function auditRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'Audit entries, newest first, optionally for one target',
          querystring: z.object({
            targetType: z.string().max(40).optional(),
            targetId: z.string().max(60).optional(),
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => {
        const { user } = await requireStaff(ctx, request, { roles: ['admin', 'auditor'] });
        const scope = scopeOf(user, ctx.reference().units);
        // Entries about an appeal are shown only to whoever may read that appeal: the trail must not name
        // a complaint that its reader's unit is not allowed to know of.
        let query = ctx.db
          .selectFrom('audit_log')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('audit_log.target_type', '!=', 'appeal'),
              eb.exists(
                eb
                  .selectFrom('appeals')
                  .select('appeals.id')
                  .whereRef('appeals.number', '=', 'audit_log.target_id')
                  .where(inScope(scope)),
              ),
            ]),
          )
          .orderBy('id', 'desc')
          .limit(request.query.limit);
        if (request.query.targetType) query = query.where('target_type', '=', request.query.targetType);
        if (request.query.targetId) query = query.where('target_id', '=', request.query.targetId);
        if (request.query.before) query = query.where('id', '<', request.query.before);
        const rows = await query.execute();
        return rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actor_label,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          data: r.data,
          hash: r.hash,
        }));
      },
    );

    api.get(
      '/api/v1/audit/verify',
      {
        schema: {
          tags: ['audit'],
          summary: 'Verify the keyed chain against the checkpoints kept outside the database',
        },
      },
      async (request) => {
        await requireStaff(ctx, request, { roles: ['admin', 'auditor'] });
        return verifyAuditLog({ db: ctx.db, key: ctx.audit.key, dataDir: ctx.config.dataDir });
      },
    );
  };
}
