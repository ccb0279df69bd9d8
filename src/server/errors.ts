import type { ErrorCode, FieldError } from '../contracts/errors.ts';
import type { MessageKey } from '../contracts/validation-messages.ts';

/** A failure the client can act on: a stable code from the catalogue, optional field problems. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** A field problem whose message is chosen later, in the request's language. */
export interface FieldProblem {
  path: string;
  key: MessageKey;
}

/** Invalid input found after the schema passed (unknown territory, staff-only field …). */
export class FieldValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('VALIDATION_FAILED');
  }
}
