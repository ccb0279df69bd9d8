import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LiveAppealEvent } from '../../contracts/console.schema.ts';
import { sandboxQuerySchema } from '../../contracts/console.schema.ts';
import { appealStatuses } from '../../contracts/enums.ts';
import { canOpenAppeals, canSee, type Scope, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireStaff } from '../http/auth.ts';
import { findSession } from '../people/sessions.ts';
import type { AppealNotice } from './live-feed.ts';

const HEARTBEAT_MS = 15_000;

/**
 * What one viewer may hear of a change: the number when the appeal is (now) in their scope; an anonymous
 * "something in your queue changed" when it has just left it; nothing otherwise.
 */
export function eventFor(scope: Scope, sandbox: boolean, notice: AppealNotice): LiveAppealEvent | undefined {
  if (notice.sandbox !== sandbox) return undefined;
  const facts = {
    scope_units: notice.scope,
    subject_unit_id: notice.subjectUnit,
    subject_officer_id: notice.subjectOfficer,
  };
  if (canSee(scope, facts)) {
    return { number: notice.number, status: appealStatuses.find((s) => s === notice.status) ?? null };
  }
  const before = { scope_units: notice.oldScope ?? [], subject_unit_id: null, subject_officer_id: null };
  return canSee(scope, before) && notice.oldScope ? { number: null, status: null } : undefined;
}

/** Server-Sent Events: changes of appeals in the caller's scope, as they commit, from any server process. */
export function liveRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const open = new Set<() => void>();
    app.addHook('preClose', async () => {
      for (const end of open) end();
    });

    api.get(
      '/api/v1/live',
      {
        schema: {
          tags: ['staff'],
          summary:
            'Live changes of appeals in scope (text/event-stream: events `appeal`, `resync`, `signed-out`)',
          querystring: sandboxQuerySchema,
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request);
        if (!canOpenAppeals(session.user)) throw new AppError('FORBIDDEN');
        const sandbox = request.query.sandbox;
        let scope = scopeOf(session.user, ctx.reference().units);

        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write('retry: 5000\n\n');
        const send = (event: string, data: unknown) =>
          raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

        const unsubscribe = ctx.live.subscribe((message) => {
          if (message.kind === 'resync') {
            send('resync', {});
            return;
          }
          const event = eventFor(scope, sandbox, message.notice);
          if (event) send('appeal', event);
        });
        // The stream does not keep the session alive: it checks it without touching it, and ends
        // when the session has ended (sign-out everywhere, idle timeout, deactivation).
        const heartbeat = setInterval(() => {
          void findSession(ctx.db, session.token, ctx.clock.now())
            .then((row) => {
              if (!row) {
                send('signed-out', {});
                end();
                return;
              }
              scope = scopeOf(
                { ...session.user, unitId: row.unit_id, scopeSubtree: row.scope_subtree, role: row.role },
                ctx.reference().units,
              );
              raw.write(': ping\n\n');
            })
            .catch(() => raw.write(': ping\n\n'));
        }, HEARTBEAT_MS);
        const end = () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(end);
          if (!raw.writableEnded) raw.end();
        };
        open.add(end);
        request.raw.on('close', end);
      },
    );
  };
}
