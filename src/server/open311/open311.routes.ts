import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UiLanguage } from '../../contracts/enums.ts';
import { errorMessage } from '../../contracts/errors.ts';
import type { AppContext } from '../context.ts';
import { requestLanguage } from '../http/errors.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import { integrationRateKey } from '../integrations/integration-keys.ts';
import {
  contentTypes,
  formatOfUrl,
  type GeoFormat,
  type GeoValue,
  geoFormats,
  render,
  renderErrors,
  splitFormat,
} from './georeport.ts';
import { geoLocale, serviceDefinition, serviceList } from './service-catalogue.ts';
import {
  type Endpoint,
  GeoReportError,
  getServiceRequest,
  listServiceRequests,
  postServiceRequest,
} from './service-requests.ts';

/** When the discovery document or the service definitions last changed in a way clients should notice. */
export const OPEN311_CHANGESET = '2026-12-03T18:00:00Z';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

const endpoints: { endpoint: Endpoint; path: string; type: 'production' | 'test' }[] = [
  { endpoint: 'production', path: '/v2', type: 'production' },
  { endpoint: 'sandbox', path: '/sandbox/v2', type: 'test' },
];

const contactTexts: Record<UiLanguage, { contact: string; keyService: string }> = {
  uz: {
    contact: 'Ichki ishlar vazirligining murojaatlar tizimi maʼmuri bilan bogʻlaning.',
    keyService: 'API kalitini tizim maʼmuri beradi (murojaat: maʼmuriyat → integratsiyalar).',
  },
  oz: {
    contact: 'Ички ишлар вазирлигининг мурожаатлар тизими маъмури билан боғланинг.',
    keyService: 'API калитини тизим маъмури беради (мурожаат: маъмурият → интеграциялар).',
  },
  ru: {
    contact: 'Обращайтесь к администратору системы обращений МВД.',
    keyService: 'Ключ API выдаёт администратор системы (администрирование → интеграции).',
  },
  en: {
    contact: 'Contact the administrator of the Ministry of Internal Affairs appeals system.',
    keyService: 'API keys are issued by the system administrator (administration → integrations).',
  },
};

/** The language of a GeoReport answer: `locale` when given, else the request's language. */
function localeOf(request: FastifyRequest): UiLanguage {
  const query = request.query;
  const locale = query && typeof query === 'object' && 'locale' in query ? query.locale : undefined;
  return locale === undefined ? requestLanguage(request) : geoLocale(locale);
}

function send(reply: FastifyReply, format: GeoFormat, root: string, value: GeoValue, status = 200) {
  return reply
    .status(status)
    .type(contentTypes[format])
    .send(render(format, root, value));
}

function notFound(what: string): GeoReportError {
  return new GeoReportError(404, [{ code: 404, description: `${what} not found` }]);
}

function fields(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
}

/** A posted request is counted under its integration's key (else the client's address). */
function postRateKey(request: FastifyRequest): string {
  return integrationRateKey(fields(request.body).api_key ?? fields(request.query).api_key, request.ip);
}

/**
 * Open311 GeoReport v2 at /open311/v2 (and a sandbox at /open311/sandbox/v2 that checks requests and keeps
 * nothing): discovery, services, service definitions, requests (read by anyone, posted with an API key) and
 * tokens, each in XML and JSON, with the specification's error bodies for every failure under /open311.
 */
export function open311Routes(ctx: AppContext, rateLimits: RateLimits) {
  return async (app: FastifyInstance) => {
    const readLimit = rateLimits.track ? { config: { rateLimit: rateLimits.track } } : {};
    const postLimit = rateLimits.integration
      ? {
          config: {
            rateLimit: { ...rateLimits.integration, hook: 'preHandler' as const, keyGenerator: postRateKey },
          },
        }
      : {};

    app.setErrorHandler((error: Error, request, reply) => {
      const format = formatOfUrl(request.url);
      const locale = localeOf(request);
      if (error instanceof GeoReportError)
        return reply.status(error.status).type(contentTypes[format]).send(renderErrors(format, error.errors));
      const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status === 429)
        return reply
          .status(429)
          .type(contentTypes[format])
          .send(renderErrors(format, [{ code: 429, description: errorMessage('RATE_LIMITED', locale) }]));
      if (status >= 500) request.log.error({ err: error }, 'unexpected error');
      // The specification answers 400 for any request that cannot be fulfilled, a failure of ours included.
      const code = status >= 400 && status < 500 ? 'MALFORMED_REQUEST' : 'INTERNAL_ERROR';
      return reply
        .status(400)
        .type(contentTypes[format])
        .send(renderErrors(format, [{ code: 400, description: errorMessage(code, locale) }]));
    });
    app.setNotFoundHandler((request, reply) => {
      const format = formatOfUrl(request.url);
      return reply
        .status(404)
        .type(contentTypes[format])
        .send(
          renderErrors(format, [{ code: 404, description: errorMessage('NOT_FOUND', localeOf(request)) }]),
        );
    });

    const discovery = (request: FastifyRequest): GeoValue => {
      const base = (ctx.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
      const texts = contactTexts[localeOf(request)];
      return {
        changeset: OPEN311_CHANGESET,
        contact: texts.contact,
        key_service: texts.keyService,
        endpoints: endpoints.map((e) => ({
          specification: SPECIFICATION,
          url: `${base}/open311${e.path}`,
          changeset: OPEN311_CHANGESET,
          type: e.type,
          formats: ['text/xml', 'application/json'],
        })),
      };
    };

    for (const format of geoFormats) {
      app.get(`/discovery.${format}`, { ...readLimit, schema: { hide: true } }, async (request, reply) =>
        send(reply, format, 'discovery', discovery(request)),
      );
    }

    for (const { endpoint, path } of endpoints) {
      for (const format of geoFormats) {
        app.get(
          `${path}/discovery.${format}`,
          { ...readLimit, schema: { hide: true } },
          async (request, reply) => send(reply, format, 'discovery', discovery(request)),
        );
        app.get(
          `${path}/services.${format}`,
          { ...readLimit, schema: { hide: true } },
          async (request, reply) => {
            reply.header('cache-control', 'public, max-age=300');
            return send(reply, format, 'services', serviceList(ctx.reference(), localeOf(request)));
          },
        );
        app.get(
          `${path}/requests.${format}`,
          { ...readLimit, schema: { hide: true } },
          async (request, reply) => {
            const list = await listServiceRequests(ctx, endpoint, fields(request.query), localeOf(request));
            return send(reply, format, 'service_requests', list);
          },
        );
      }

      // One route for both formats, so that a key's allowance is one count whichever format it posts in.
      app.post<{ Params: { file: string } }>(
        `${path}/:file`,
        { ...postLimit, schema: { hide: true } },
        async (request, reply) => {
          const wanted = splitFormat(request.params.file);
          if (wanted?.name !== 'requests') throw notFound('resource');
          const body = { ...fields(request.query), ...fields(request.body) };
          const created = await postServiceRequest(ctx, endpoint, body, localeOf(request));
          return send(reply, wanted.format, 'service_requests', created, 201);
        },
      );
      app.get<{ Params: { file: string } }>(
        `${path}/services/:file`,
        { ...readLimit, schema: { hide: true } },
        async (request, reply) => {
          const wanted = splitFormat(request.params.file);
          if (!wanted) throw notFound('service definition');
          const definition = serviceDefinition(ctx.reference(), wanted.name, localeOf(request));
          if (!definition) throw notFound(`service_code ${wanted.name}`);
          return send(reply, wanted.format, 'service_definition', definition);
        },
      );
      app.get<{ Params: { file: string } }>(
        `${path}/requests/:file`,
        { ...readLimit, schema: { hide: true } },
        async (request, reply) => {
          const wanted = splitFormat(request.params.file);
          if (!wanted) throw notFound('service request');
          const found = await getServiceRequest(ctx, endpoint, wanted.name, localeOf(request));
          return send(reply, wanted.format, 'service_requests', found);
        },
      );
      // Every service is `realtime`: a posted request gets its id at once and no token is ever issued.
      app.get<{ Params: { file: string } }>(
        `${path}/tokens/:file`,
        { ...readLimit, schema: { hide: true } },
        async (request) => {
          const wanted = splitFormat(request.params.file);
          throw notFound(wanted ? `token ${wanted.name}` : 'token');
        },
      );
    }
  };
}
