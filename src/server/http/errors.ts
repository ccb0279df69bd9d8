import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  type CitizenLanguage,
  isCitizenLanguage,
  referenceLanguage,
  type UiLanguage,
} from '../../contracts/enums.ts';
import {
  type ErrorBody,
  type ErrorCode,
  errorMessage,
  errorStatus,
  type FieldError,
} from '../../contracts/errors.ts';
import { fieldErrors, fieldMessage } from '../../contracts/validation-messages.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { ClockError } from '../deadlines/legal-clock.ts';
import { AppError, FieldValidationError } from '../errors.ts';

/**
 * The citizen language of a request: `?lang=`, then Accept-Language (uz-Cyrl counts as oz, kaa and kaa-* as
 * Karakalpak), else uz.
 */
export function requestCitizenLanguage(request: FastifyRequest): CitizenLanguage {
  const query = request.query;
  const explicit = query && typeof query === 'object' && 'lang' in query ? String(query.lang) : undefined;
  if (explicit && isCitizenLanguage(explicit)) return explicit;
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return 'uz';
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q = 'q=1'] = part.trim().split(';');
      return { tag: tag.toLowerCase(), q: Number.parseFloat(q.replace('q=', '')) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    if (tag === 'uz-cyrl' || tag.startsWith('uz-cyrl-') || tag === 'oz') return 'oz';
    const base = tag.split('-')[0] ?? '';
    if (isCitizenLanguage(base)) return base;
  }
  return 'uz';
}

/** The staff interface language of a request: as for citizens, with Karakalpak read in Uzbek Latin. */
export function requestLanguage(request: FastifyRequest): UiLanguage {
  return referenceLanguage(requestCitizenLanguage(request));
}

/** Sends an error body for a code, in the request's language. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  fields?: FieldError[],
  status = errorStatus(code),
  details?: Record<string, unknown>,
): FastifyReply {
  const language = requestCitizenLanguage(request);
  const body: ErrorBody = { error: { code, message: errorMessage(code, language), requestId: request.id } };
  if (fields?.length) body.error.fields = fields;
  if (details) body.error.details = details;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

export { isDatabaseUnavailable };

// Text PostgreSQL cannot store (a NUL byte, bytes invalid in UTF-8) that reached a query: the client's
// input was malformed, not our code (found by the reliability fuzzer: GET /api/v1/appeals?q=%00 was a 500).
const postgresBadText = new Set(['22021', '22P05']);

/** True for a query refused because of characters PostgreSQL text cannot hold. */
export function isBadInputReachingDatabase(error: unknown): boolean {
  return error instanceof Error && 'code' in error && postgresBadText.has(String(error.code));
}

/**
 * True when PostgreSQL gave up one of two transactions waiting on each other (a deadlock, or a serialisation
 * failure): nothing was written, and the same request again will succeed. Two staff changing two appeals of
 * one group at once can meet this way (each locks its own appeal first, then the other).
 */
export function isConcurrentChange(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === '40P01' || error.code === '40001');
}

/** True for busboy's errors on a truncated or malformed multipart body (they carry no code). */
export function isBrokenMultipart(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^(Unexpected end of (multipart|form) data|Malformed part header|Multipart: Boundary not found|Part terminated early due to unexpected end of multipart data)/.test(
      error.message,
    )
  );
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'TOO_MANY_ATTACHMENTS',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_BAD_URL: 'MALFORMED_REQUEST',
  FST_PROTO_VIOLATION: 'MALFORMED_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** Maps every failure to a catalogue code; unexpected ones are logged with the request id and hidden. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const language = requestCitizenLanguage(request);
    if (error instanceof AppError)
      return sendError(request, reply, error.code, error.fields, errorStatus(error.code), error.details);
    if (error instanceof FieldValidationError) {
      return sendError(
        request,
        reply,
        'VALIDATION_FAILED',
        error.problems.map((p) => ({ path: p.path, message: fieldMessage(p.key, language) })),
      );
    }
    if (error instanceof ClockError) return sendError(request, reply, error.code);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        ...v.params,
        code: v.keyword,
        message: v.message,
        path: v.instancePath.split('/').filter(Boolean),
      }));
      const prefix = error.validationContext === 'body' ? '' : `${error.validationContext}.`;
      return sendError(
        request,
        reply,
        'VALIDATION_FAILED',
        fieldErrors(issues, language).map((f) => ({
          ...f,
          path: f.path === '(body)' ? f.path : `${prefix}${f.path}`,
        })),
      );
    }
    if (error instanceof SyntaxError) return sendError(request, reply, 'MALFORMED_REQUEST');
    const code = 'code' in error && typeof error.code === 'string' ? fastifyCodes[error.code] : undefined;
    if (code) return sendError(request, reply, code);
    if ('statusCode' in error && error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
    if (isBadInputReachingDatabase(error) || isBrokenMultipart(error))
      return sendError(request, reply, 'MALFORMED_REQUEST');
    if (isConcurrentChange(error)) return sendError(request, reply, 'CONFLICT');
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { message: error.message } }, 'database unavailable');
      reply.header('retry-after', '5');
      return sendError(request, reply, 'SERVICE_UNAVAILABLE');
    }
    if (
      'statusCode' in error &&
      typeof error.statusCode === 'number' &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      return sendError(request, reply, error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_REQUEST');
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(request, reply, 'INTERNAL_ERROR');
  });

  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'NOT_FOUND'));
}
