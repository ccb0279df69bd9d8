import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  forwardedAppealInputSchema,
  forwardedAppealSchema,
} from '../../contracts/forwarded-appeal.schema.ts';
import { limits } from '../../contracts/limits.ts';
import { fieldErrors } from '../../contracts/validation-messages.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requestLanguage } from '../http/errors.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import { forwardAppeal } from './forward-appeal.ts';
import { authenticateIntegration, integrationRateKey } from './integration-keys.ts';
import { signatureProblem } from './request-signature.ts';

/** The headers a forwarding system sends beside the body. */
export const forwardingHeaders = {
  key: 'x-murojaat-key',
  timestamp: 'x-murojaat-timestamp',
  signature: 'x-murojaat-signature',
} as const;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The API key: `Authorization: Bearer mjk_…` or `X-Murojaat-Key: mjk_…`. */
function apiKeyOf(request: FastifyRequest): string | undefined {
  const bearer = header(request, 'authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? header(request, forwardingHeaders.key)?.trim();
}

/**
 * POST /api/v1/integrations/appeals: another system forwards an appeal in, with an API key allowed
 * `appeals:forward` and an HMAC signature over the raw body. The body is kept raw until the signature is
 * checked (this plugin's own JSON parser), so that what is verified is exactly what was sent.
 */
export function forwardedAppealsRoutes(ctx: AppContext, rateLimits: RateLimits) {
  return async (app: FastifyInstance) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: limits.jsonBodyMaxBytes },
      (_request, body, done) => done(null, body),
    );
    const api = app.withTypeProvider<ZodTypeProvider>();
    const limit = rateLimits.integration
      ? {
          config: {
            rateLimit: {
              ...rateLimits.integration,
              keyGenerator: (request: FastifyRequest) => integrationRateKey(apiKeyOf(request), request.ip),
            },
          },
        }
      : {};

    api.post(
      '/api/v1/integrations/appeals',
      {
        ...limit,
        schema: {
          tags: ['integrations'],
          summary:
            'Forward an appeal in (API key allowed appeals:forward, X-Murojaat-Timestamp and X-Murojaat-Signature); ' +
            'idempotent on (source, externalId)',
          body: forwardedAppealInputSchema,
          response: { 200: forwardedAppealSchema, 201: forwardedAppealSchema },
        },
        // The schema above documents the body; it is parsed and checked below, after the signature.
        validatorCompiler: () => () => true,
      },
      async (request, reply) => {
        const integration = await authenticateIntegration(ctx, apiKeyOf(request), 'appeals:forward');
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        // A secret issued before a key rotation was derived from an older key of the ring: any of them signs.
        const problems = ctx.protector.integrationSigningSecrets(apiKeyOf(request) ?? '').map((secret) =>
          signatureProblem({
            secret,
            timestamp: header(request, forwardingHeaders.timestamp),
            signature: header(request, forwardingHeaders.signature),
            rawBody,
            now: ctx.clock.now(),
          }),
        );
        const problem = problems.includes(undefined) ? undefined : problems[0];
        if (problem === 'timestamp') throw new AppError('INTEGRATION_TIMESTAMP_INVALID');
        if (problem === 'signature') throw new AppError('INTEGRATION_SIGNATURE_INVALID');
        let json: unknown;
        try {
          json = JSON.parse(rawBody.toString('utf8'));
        } catch {
          throw new AppError('MALFORMED_REQUEST');
        }
        const parsed = forwardedAppealInputSchema.safeParse(json);
        if (!parsed.success)
          throw new AppError('VALIDATION_FAILED', fieldErrors(parsed.error.issues, requestLanguage(request)));
        const { appeal, created } = await forwardAppeal({ ctx, integration, input: parsed.data });
        reply.header('cache-control', 'no-store');
        return reply.status(created ? 201 : 200).send(appeal);
      },
    );
  };
}
