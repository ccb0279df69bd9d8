import { unfilledPlaceholders } from '../../contracts/answer-placeholders.ts';
import { AppError } from '../errors.ts';

/** Refuses an answer that still holds a template's {{placeholders}}, naming them for the editor. */
export function refuseUnfilledPlaceholders(body: string): void {
  const placeholders = unfilledPlaceholders(body);
  if (placeholders.length > 0) throw new AppError('ANSWER_HAS_PLACEHOLDERS', undefined, { placeholders });
}
