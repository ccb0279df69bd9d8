import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { appealFieldNames } from '../contracts/appeal-form.ts';
import type { CitizenLanguage } from '../contracts/enums.ts';
import type { ErrorCode } from '../contracts/errors.ts';
import { limits } from '../contracts/limits.ts';
import { fieldErrors, type IssueLike } from '../contracts/validation-messages.ts';
import { discardAttachments, type StoredAttachment, storeAttachment } from '../server/appeals/attachments.ts';
import { AppError } from '../server/errors.ts';
import { isBrokenMultipart } from '../server/http/errors.ts';
import type { FileStore } from '../server/storage/file-store.ts';
import type { FormErrors, FormValues } from './pages/controls.ts';

export { appealFieldNames, toAppealJson } from '../contracts/appeal-form.ts';

// The portal's forms post flat fields named like the API's JSON paths (`applicant.lastName`); this module
// reads them (urlencoded or multipart with files), keeps them as typed for re-display, and builds the JSON
// shape the API's zod schemas validate.

/** Fields that only the portal's forms carry: the CSRF token and the honeypot. */
// applicant.from=original: a complaint continues as the original appeal's applicant (read again on the server).
export const formOnlyFieldNames = ['_csrf', 'homepage', 'applicant.from'] as const;

const known = new Set<string>([
  ...appealFieldNames,
  ...formOnlyFieldNames,
  'number',
  'accessCode',
  'code',
  'rating',
  'comment',
  'question',
  'message',
  'contact',
  'askId',
  'helpful',
]);

/** What came in with a form post. */
export interface ReadForm {
  values: FormValues;
  files: StoredAttachment[];
  /** The first problem with the files (type, size, count); the files are then not kept. */
  fileError?: ErrorCode;
  /** At least one file was chosen, kept or not. */
  filesChosen: boolean;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string');
  return undefined;
}

/** The values of an urlencoded body, limited to the fields the portal knows. */
export function valuesOf(body: unknown): FormValues {
  const values: FormValues = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [name, value] of Object.entries(body)) {
    const text = firstString(value);
    if (known.has(name) && text !== undefined) values[name] = text;
  }
  return values;
}

// A too-large file is marked `truncated` instead of aborting the whole form, so the other fields still
// arrive. The plugin reads this option per call; its type only lists busboy's own options.
const partOptions = { throwFileSizeLimit: false, preservePath: false };

const multipartErrors: Record<string, ErrorCode> = {
  FST_FILES_LIMIT: 'TOO_MANY_ATTACHMENTS',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Reads a form post. Files are judged by their content and stored (unless `storeFiles` is false, when
 * they are only drained); a problem with one file is noted and reading goes on, so every typed value
 * comes back to the form. The form puts the files last, so even a broken upload leaves the text intact.
 * A body that cannot be read to its end (cut off, or the browser went away) keeps no file.
 */
export async function readForm(
  request: FastifyRequest,
  store: FileStore,
  storeFiles: boolean,
): Promise<ReadForm> {
  if (!request.isMultipart()) return { values: valuesOf(request.body), files: [], filesChosen: false };
  const values: FormValues = {};
  const files: StoredAttachment[] = [];
  let fileError: ErrorCode | undefined;
  let filesChosen = false;
  try {
    for await (const part of request.parts(partOptions)) {
      if (part.type === 'field') {
        if (known.has(part.fieldname) && typeof part.value === 'string') values[part.fieldname] = part.value;
        continue;
      }
      const content = await part.toBuffer();
      if (part.fieldname !== 'files' || (!part.filename && content.length === 0)) continue;
      filesChosen = true;
      if (part.file.truncated) fileError ??= 'PAYLOAD_TOO_LARGE';
      if (!storeFiles || fileError) continue;
      if (files.length >= limits.attachmentsMaxCount) {
        fileError = 'TOO_MANY_ATTACHMENTS';
        continue;
      }
      try {
        files.push(await storeAttachment(store, part.filename, content));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        fileError = error.code;
      }
    }
  } catch (error) {
    const code = multipartErrors[codeOf(error) ?? ''];
    if (!code) {
      await discardAttachments(store, files);
      throw isBrokenMultipart(error) ? new AppError('MALFORMED_REQUEST') : error;
    }
    filesChosen = true;
    fileError ??= code;
  }
  return { values, files, fileError, filesChosen };
}

/** Where a schema problem is shown: at its field, or for the form as a whole (`_form`). */
export function fieldForPath(path: string, shown: ReadonlySet<string>): string {
  if (shown.has(path)) return path;
  if (path === 'applicant') return 'applicant.kind';
  if (path === 'location') return 'location.lat';
  if (path === 'collective') return 'collective.signatories';
  return '_form';
}

/** The schema's problems as messages by field, in the page's language. */
export function schemaErrors(
  issues: readonly IssueLike[],
  language: CitizenLanguage,
  shown: ReadonlySet<string>,
  formMessage: (path: string) => string | undefined = () => undefined,
): FormErrors {
  const errors: FormErrors = new Map();
  for (const problem of fieldErrors(issues, language)) {
    const field = fieldForPath(problem.path, shown);
    if (errors.has(field)) continue;
    errors.set(field, field === '_form' ? (formMessage(problem.path) ?? problem.message) : problem.message);
  }
  return errors;
}

/** Validates flat form values against an API schema; either the parsed input or the field problems. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  json: unknown,
  language: CitizenLanguage,
  shown: ReadonlySet<string>,
  formMessage?: (path: string) => string | undefined,
): { ok: true; data: z.output<S> } | { ok: false; errors: FormErrors } {
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: schemaErrors(result.error.issues, language, shown, formMessage) };
}
