import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino from 'pino';
import { consoleRoutes } from '../console/serve/console.routes.ts';
import { limits } from '../contracts/limits.ts';
import { portalRoutes } from '../portal/portal.routes.ts';
import type { TrustedProxies } from '../server/config.ts';
import type { AppContext } from '../server/context.ts';
import { apiRoutes } from '../server/http/api-routes.ts';
import { registerErrorHandling, sendError } from '../server/http/errors.ts';

import { createAccessCodeGuard, type RateLimits } from '../server/http/rate-limits.ts';
import { registerSecurityHeaders } from '../server/http/security-headers.ts';
import { registerMetricsRoute } from '../server/metrics/metrics.routes.ts';
import type { TelegramBot } from '../server/telegram/telegram-bot.ts';

export interface AppOptions {
  rateLimits: RateLimits;
  logLevel?: string;
  /** Proxies whose X-Forwarded-For names the client; see TRUST_PROXY. */
  trustProxy?: TrustedProxies;
  /** Where log lines go (standard output unless a test catches them). */
  logStream?: { write(line: string): void };
  /** The Telegram bot, whose webhook route this app serves when TELEGRAM_WEBHOOK_URL is set. */
  telegram?: TelegramBot;
  /** Serves `/metrics` here, to `Authorization: Bearer <token>` only (METRICS_TOKEN without METRICS_PORT). */
  metricsToken?: string;
}

/**
 * Fastify's form of TRUST_PROXY. Fastify ignores a bare hop count (it cannot check who is really
 * connecting), so the count becomes "the nearest N hops are ours": right only when nothing but the proxies
 * can reach the server, as the README says.
 */
function proxyTrust(trusted: TrustedProxies): string[] | false | ((address: string, hop: number) => boolean) {
  if (typeof trusted !== 'number') return trusted;
  return (_address, hop) => hop < trusted;
}

/**
 * The composition root of the HTTP side: one Fastify app with the shared plugins (security headers, errors
 * as codes, rate limits, multipart, OpenAPI), then the server's API, the staff console and the citizen
 * portal — three faces that never import one another. It does not listen (tests inject requests).
 */
export async function buildApp(ctx: AppContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      // Written asynchronously: under load the lines of many requests go out in one write instead of one
      // system call per line, which cost about a third of the server's CPU when tracking under load.
      stream: options.logStream ?? pino.destination({ dest: 1, sync: false }),
    },
    // One line per request, written by the hook below instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: proxyTrust(options.trustProxy ?? false),
    bodyLimit: limits.jsonBodyMaxBytes,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    // Deeply nested or huge JSON is refused by the parser before any handler sees it.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    return503OnClosing: true,
    // URLs the router cannot read (bad percent-encoding, a path parameter over 100 characters) are answered
    // by Fastify itself unless handled here; answer them with a catalogue code like every other error.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      sendError(request, reply, 'MALFORMED_REQUEST', undefined, status);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook('onResponse', async (request, reply) => {
    ctx.metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  if (options.metricsToken !== undefined) registerMetricsRoute(app, ctx, options.metricsToken);
  // Method, route pattern, status and time. Never the URL (query strings carry search words, paths carry
  // appeal numbers), the client's address or a body: logs hold no personal data.
  if (['trace', 'debug', 'info'].includes(options.logLevel ?? 'info'))
    app.addHook('onResponse', async (request, reply) => {
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  registerSecurityHeaders(app);
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: limits.jsonBodyMaxBytes });
  await app.register(multipart, {
    limits: {
      fileSize: limits.attachmentMaxBytes,
      files: limits.attachmentsMaxCount,
      fields: 60,
      fieldSize: limits.textMaxChars * 4,
      parts: 80,
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) => {
      const error = new Error('rate limited');
      Object.assign(error, {
        statusCode: 429,
        code: 'RATE_LIMITED',
        retryAfter: context.after,
        requestId: request.id,
      });
      return error;
    },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Murojaat API',
        version: '1',
        description:
          'Appeals of individuals and legal entities to internal affairs bodies. Errors answer ' +
          '`{"error":{"code","message","fields"?}}` with a stable code; messages follow Accept-Language (uz, oz, ru, en).',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // One guard for every place that checks an access code (API and portal pages).
  const codeGuard = createAccessCodeGuard(ctx, options.rateLimits.codeGuesses);
  await app.register(apiRoutes(ctx, options.rateLimits, codeGuard));
  await app.register(consoleRoutes(ctx));
  await app.register(portalRoutes(ctx, options.rateLimits, codeGuard));
  const webhookPath = options.telegram?.webhookPath;
  if (options.telegram && webhookPath) app.post(webhookPath, options.telegram.webhookHandler());
  return app;
}
