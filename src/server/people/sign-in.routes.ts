import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  mySessionListSchema,
  passkeyListSchema,
  passkeyRegisterOptionsSchema,
  passkeyRegisterVerifySchema,
  passkeyRemoveSchema,
  passkeySchema,
  passkeySignInSchema,
} from '../../contracts/sign-in.schema.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireStaff, setSessionCookie } from '../http/auth.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import { completeSignIn } from './auth.routes.ts';
import { knownOrNewDevice } from './known-device.ts';
import { endOwnSession, listOwnSessions } from './own-sessions.ts';
import {
  finishPasskeyRegistration,
  finishPasskeySignIn,
  listPasskeys,
  removePasskey,
  startPasskeyRegistration,
  startPasskeySignIn,
} from './passkeys.ts';

const CEREMONY_COOKIE = 'murojaat_webauthn';
const CEREMONY_PATH = '/api/v1/auth/passkeys/authenticate';
const idParam = z.object({ id: z.string().regex(/^\d{1,9}$/) });
const handleParam = z.object({ id: z.uuid() });

/** Passkeys (add, list, remove, sign in with one) and the list of one's own sessions with "sign out that device". */
export function signInRoutes(ctx: AppContext, rateLimits: RateLimits) {
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/v1/auth/passkeys',
      { schema: { tags: ['auth'], summary: 'My passkeys', response: { 200: passkeyListSchema } } },
      async (request) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        return { items: await listPasskeys(ctx, session.user.id) };
      },
    );

    api.post(
      '/api/v1/auth/passkeys/register/options',
      {
        config: { rateLimit: rateLimits.login },
        schema: {
          tags: ['auth'],
          summary:
            'Start adding a passkey: the current password again, then creation options for the browser',
          body: passkeyRegisterOptionsSchema,
        },
      },
      async (request) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        return startPasskeyRegistration(ctx, {
          userId: session.user.id,
          sessionToken: session.token,
          password: request.body.password,
        });
      },
    );

    api.post(
      '/api/v1/auth/passkeys/register/verify',
      {
        schema: {
          tags: ['auth'],
          summary: "Finish adding a passkey with the authenticator's answer",
          body: passkeyRegisterVerifySchema,
          response: { 201: passkeySchema },
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        const added = await finishPasskeyRegistration(ctx, {
          userId: session.user.id,
          login: session.user.login,
          sessionToken: session.token,
          name: request.body.name,
          response: request.body.response,
        });
        return reply.status(201).send(added);
      },
    );

    api.delete(
      '/api/v1/auth/passkeys/:id',
      {
        config: { rateLimit: rateLimits.login },
        schema: {
          tags: ['auth'],
          summary: 'Remove one of my passkeys: the current password again',
          params: idParam,
          body: passkeyRemoveSchema,
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        await removePasskey(ctx, {
          userId: session.user.id,
          login: session.user.login,
          id: Number(request.params.id),
          password: request.body.password,
        });
        return reply.status(204).send();
      },
    );

    api.post(
      '/api/v1/auth/passkeys/authenticate/options',
      {
        config: { rateLimit: rateLimits.login },
        schema: {
          tags: ['auth'],
          summary: 'Start signing in with a passkey: request options for the browser',
        },
      },
      async (request, reply) => {
        const { options, ceremony, maxAgeSeconds } = await startPasskeySignIn(ctx);
        reply.setCookie(CEREMONY_COOKIE, ceremony, {
          path: CEREMONY_PATH,
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          maxAge: maxAgeSeconds,
        });
        return options;
      },
    );

    api.post(
      '/api/v1/auth/passkeys/authenticate/verify',
      {
        config: { rateLimit: rateLimits.login },
        schema: {
          tags: ['auth'],
          summary:
            'Sign in with a passkey: alone (it must verify the person), or with login and password as the second factor',
          body: passkeySignInSchema,
        },
      },
      async (request, reply) => {
        const { response, login, password } = request.body;
        if ((login === undefined) !== (password === undefined)) throw new AppError('INVALID_CREDENTIALS');
        const ceremony = request.cookies[CEREMONY_COOKIE];
        reply.clearCookie(CEREMONY_COOKIE, { path: CEREMONY_PATH });
        const device = knownOrNewDevice(ctx.protector, request, ctx.clock.now());
        const signedIn = await finishPasskeySignIn(ctx, {
          ceremony: ceremony && ceremony.length <= 100 ? ceremony : undefined,
          response,
          password: login !== undefined && password !== undefined ? { login, password } : undefined,
          origin: { address: request.ip, device, userAgent: request.headers['user-agent'] },
        });
        return completeSignIn(ctx, request, reply, { ...signedIn, device });
      },
    );

    api.get(
      '/api/v1/auth/sessions',
      {
        schema: {
          tags: ['auth'],
          summary: 'My open sessions: browser, network prefix, when started and last active',
          response: { 200: mySessionListSchema },
        },
      },
      async (request) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        return { items: await listOwnSessions(ctx, session) };
      },
    );

    api.delete(
      '/api/v1/auth/sessions/:id',
      {
        schema: {
          tags: ['auth'],
          summary: 'End one of my sessions (sign out that device)',
          params: handleParam,
        },
      },
      async (request, reply) => {
        const session = await requireStaff(ctx, request, { stage: 'setup' });
        await endOwnSession(ctx, session, request.params.id);
        if (request.params.id === session.handle) setSessionCookie(request, reply, null);
        return reply.status(204).send();
      },
    );
  };
}
