import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireStaff } from '../http/auth.ts';
import { createUser } from './accounts.ts';

const createUserSchema = z.object({
  login: z.string().trim().min(3).max(60),
  role: z.enum(roles),
  unit: z.string().trim().min(2).max(40),
  fullName: z.string().trim().max(200).optional(),
  scopeSubtree: z.boolean().optional(),
});

/** Creating staff accounts; listing and editing them is in admin/admin.routes.ts. */
export function usersRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/v1/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a staff account; answers its one-time password once',
          body: createUserSchema,
        },
      },
      async (request, reply) => {
        const { user: admin } = await requireStaff(ctx, request, { roles: ['admin'] });
        const unit = ctx.reference().units.byCode(request.body.unit);
        if (!unit) throw new AppError('UNIT_NOT_FOUND');
        const { id, password } = await createUser(ctx.db, {
          login: request.body.login,
          role: request.body.role,
          unitId: unit.id,
          fullName: request.body.fullName,
          scopeSubtree: request.body.scopeSubtree,
          actor: { id: admin.id, label: admin.login },
          now: ctx.clock.now(),
          audit: ctx.audit,
        });
        return reply
          .status(201)
          .send({ id, login: request.body.login.toLowerCase(), oneTimePassword: password });
      },
    );
  };
}
