import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireStaff, type Session, setSessionCookie } from '../http/auth.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import { changePassword, confirmTotpSetup, login, startTotpSetup } from './accounts.ts';
import { type KnownDevice, knownOrNewDevice, rememberDevice } from './known-device.ts';
import { endAllSessions, endSession } from './sessions.ts';

const loginSchema = z.object({
  login: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
  totp: z.string().trim().max(10).optional(),
});

/** The signed-in session as the console reads it. */
export function presentSession(ctx: AppContext, session: Session) {
  const unit = ctx.reference().units.byId(session.user.unitId);
  return {
    user: {
      id: session.user.id,
      login: session.user.login,
      fullName: session.user.fullName,
      role: session.user.role,
      unit: unit ? { code: unit.code, names: unit.names } : null,
      scopeSubtree: session.user.scopeSubtree,
      language: session.language,
    },
    csrfToken: session.csrfToken,
    mustChangePassword: session.mustChangePassword,
    totpSetupRequired: session.totpSetupRequired,
  };
}

/**
 * After any successful sign-in: the session cookie, this browser remembered as known for the login, and
 * the new session described (the cookie is not visible to this request yet).
 */
export async function completeSignIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  signedIn: { token: string; csrfToken: string; login: string; device: KnownDevice },
) {
  const now = ctx.clock.now();
  setSessionCookie(request, reply, signedIn.token);
  rememberDevice(ctx.protector, request, reply, { device: signedIn.device, login: signedIn.login, now });
  request.cookies.murojaat_session = signedIn.token;
  const session = await requireStaff(ctx, { ...request, method: 'GET' } as typeof request, {
    stage: 'setup',
  });
  return { ...presentSession(ctx, session), csrfToken: signedIn.csrfToken };
}

/** Staff sign-in, sign-out, the current session, password change and TOTP enrolment. */
export function authRoutes(ctx: AppContext, rateLimits: RateLimits) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/v1/auth/login',
      {
        config: { rateLimit: rateLimits.login },
        schema: { tags: ['auth'], summary: 'Sign in', body: loginSchema },
      },
      async (request, reply) => {
        const device = knownOrNewDevice(ctx.protector, request, ctx.clock.now());
        const signedIn = await login(ctx, {
          ...request.body,
          origin: { address: request.ip, device, userAgent: request.headers['user-agent'] },
        });
        return completeSignIn(ctx, request, reply, { ...signedIn, device });
      },
    );

    api.post(
      '/api/v1/auth/logout',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign out (everywhere: true ends every session of the user)',
          body: z.object({ everywhere: z.boolean().optional() }).optional(),
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        if (request.body?.everywhere) await endAllSessions(ctx.db, session.user.id);
        else await endSession(ctx.db, session.token);
        setSessionCookie(request, reply, null);
        return reply.status(204).send();
      },
    );

    api.get(
      '/api/v1/auth/me',
      { schema: { tags: ['auth'], summary: 'The current session' } },
      async (request) => presentSession(ctx, await requireStaff(ctx, request, { stage: 'setup' })),
    );

    api.post(
      '/api/v1/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change the password (required after the one-time password)',
          body: z.object({ current: z.string().min(1).max(200), next: z.string().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        await changePassword(ctx, {
          userId: session.user.id,
          current: request.body.current,
          next: request.body.next,
          keepToken: session.token,
        });
        return reply.status(204).send();
      },
    );

    api.post(
      '/api/v1/auth/totp/setup',
      { schema: { tags: ['auth'], summary: 'Start TOTP enrolment: returns the secret and otpauth:// URL' } },
      async (request) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        return startTotpSetup(ctx, session.user.id);
      },
    );

    api.post(
      '/api/v1/auth/totp/confirm',
      {
        schema: {
          tags: ['auth'],
          summary: 'Finish TOTP enrolment with a code from the authenticator',
          body: z.object({ code: z.string().trim().max(10) }),
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        await confirmTotpSetup(ctx, {
          userId: session.user.id,
          code: request.body.code,
          token: session.token,
        });
        return reply.status(204).send();
      },
    );
  };
}
