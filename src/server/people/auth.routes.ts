import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OIDC_CALLBACK_PATH } from '../config.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireStaff, type Session, setSessionCookie } from '../http/auth.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import type { DataProtector } from '../security/data-protector.ts';
import { changePassword, confirmTotpSetup, login, startTotpSetup } from './accounts.ts';
import { type KnownDevice, knownOrNewDevice, rememberDevice } from './known-device.ts';
import { endAllSessions, endSession } from './sessions.ts';
import { signOnVouched } from './sign-on.ts';
import { isPendingSignOn, type PendingSignOn, SIGN_ON_TTL_MS } from './single-sign-on.ts';

// The round trip to the ministry's provider: sealed with the data key, readable only by this server, sent
// back only to the callback. SameSite=Lax, because the provider's redirect back is a cross-site navigation.
const SIGN_ON_COOKIE = 'murojaat_sso';
const SIGN_ON_CONTEXT = 'auth/sso/v1';
const SIGN_ON_PATH = '/api/v1/auth/sso';

const loginSchema = z.object({
  login: z.string().trim().min(1).max(60),
  password: z.string().min(1).max(200),
  totp: z.string().trim().max(10).optional(),
});

function readPending(protector: DataProtector, cookie: string | undefined): PendingSignOn | undefined {
  if (!cookie || cookie.length > 2000) return undefined;
  try {
    const opened = protector.open(Buffer.from(cookie, 'base64url'), SIGN_ON_CONTEXT);
    return isPendingSignOn(opened) ? opened : undefined;
  } catch {
    return undefined;
  }
}

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
      '/api/v1/auth/options',
      {
        schema: {
          tags: ['auth'],
          summary:
            'How staff may sign in here: the single sign-on button, when the ministry’s provider is set up',
          response: { 200: z.object({ sso: z.object({ label: z.string() }).nullable() }) },
        },
      },
      async () => ({ sso: ctx.singleSignOn ? { label: ctx.singleSignOn.config.label } : null }),
    );

    api.get(
      SIGN_ON_PATH,
      {
        schema: {
          tags: ['auth'],
          summary: 'Single sign-on: leaves for the ministry’s OpenID Connect provider',
        },
      },
      async (request, reply) => {
        if (!ctx.singleSignOn) throw new AppError('SSO_NOT_CONFIGURED');
        const { url, pending } = await ctx.singleSignOn.start(ctx.clock.now());
        reply.setCookie(SIGN_ON_COOKIE, ctx.protector.seal(pending, SIGN_ON_CONTEXT).toString('base64url'), {
          path: SIGN_ON_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: SIGN_ON_TTL_MS / 1000,
        });
        return reply.header('cache-control', 'no-store').redirect(url, 303);
      },
    );

    api.get(
      OIDC_CALLBACK_PATH,
      {
        schema: {
          tags: ['auth'],
          summary:
            'Single sign-on: the provider sends the browser back here; signs in the matched account and opens the console',
        },
      },
      async (request, reply) => {
        if (!ctx.singleSignOn) throw new AppError('SSO_NOT_CONFIGURED');
        const now = ctx.clock.now();
        const pending = readPending(ctx.protector, request.cookies[SIGN_ON_COOKIE]);
        const device = knownOrNewDevice(ctx.protector, request, now);
        // One use: whatever happens next, the round trip is over.
        reply.clearCookie(SIGN_ON_COOKIE, { path: SIGN_ON_PATH });
        reply.header('cache-control', 'no-store');
        const query = (request.raw.url ?? '').split('?')[1] ?? '';
        let outcome: Awaited<ReturnType<typeof signOnVouched>>;
        try {
          if (query.length > 4000) throw new AppError('SSO_FAILED');
          const identity = await ctx.singleSignOn.finish(query, pending, now);
          outcome = await signOnVouched(ctx, identity, {
            address: request.ip,
            device,
            userAgent: request.headers['user-agent'],
          });
        } catch (error) {
          if (error instanceof AppError && error.code === 'SSO_FAILED') {
            return reply.redirect('/console/?sso=failed', 303);
          }
          throw error;
        }
        if (outcome.kind !== 'signed-in') return reply.redirect(`/console/?sso=${outcome.kind}`, 303);
        setSessionCookie(request, reply, outcome.token);
        rememberDevice(ctx.protector, request, reply, { device, login: outcome.login, now });
        return reply.redirect('/console/', 303);
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
