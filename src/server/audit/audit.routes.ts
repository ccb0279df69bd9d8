import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff } from '../http/auth.ts';
import { verifyAuditLog } from './audit-checkpoints.ts';
import { listAuditEntries } from './list-audit-entries.ts';

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
        const rows = await listAuditEntries(ctx, user, request.query);
        return rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actor_label,
          actorName: r.actor_name,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          targetName:
            r.target_login === null
              ? null
              : r.target_name
                ? `${r.target_name} (${r.target_login})`
                : r.target_login,
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
