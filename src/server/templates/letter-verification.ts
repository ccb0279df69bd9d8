import { timingSafeEqual } from 'node:crypto';
import { normalizeAppealNumber } from '../../contracts/appeal-number.ts';
import type { AnswerLanguage, Outcome } from '../../contracts/enums.ts';
import { findByNumber } from '../appeals/appeals.repository.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import type { DataProtector } from '../security/data-protector.ts';
import { answerToPrint, approvedAnswerIds } from './letters.repository.ts';

// A letter carries a short code that anyone holding it can check on the portal (/{lang}/verify): the
// code is a keyed hash of the appeal number and the answer, so it cannot be made without the server's key
// and says nothing by itself. Ten letters of the access codes' alphabet (no 0/O, 1/I) give 50 bits, and
// every wrong check counts against the client like a wrong access code.

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 10;

/** The verification code of one answer letter, printed as XXXXX-XXXXX. */
export function letterCode(protector: DataProtector, number: string, answerId: number): string {
  return codeOf(protector.lookupHash('letter', `${number}:${answerId}`));
}

/** The codes a letter may carry: one per key of the ring, as letters printed before a rotation keep theirs. */
function letterCodes(protector: DataProtector, number: string, answerId: number): string[] {
  return protector.lookupHashes('letter', `${number}:${answerId}`).map(codeOf);
}

function codeOf(mac: Buffer): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[(mac[i] ?? 0) & 31];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** A typed code in its printed form, or null when it cannot be one (case, spaces and dashes are forgiven). */
export function normalizeLetterCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s\-‐–—]/g, '');
  if (bare.length !== LENGTH || [...bare].some((ch) => !ALPHABET.includes(ch))) return null;
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}

/** What a verified letter is: enough to compare with the paper, nothing about the applicant. */
export interface VerifiedLetter {
  number: string;
  kind: 'answer' | 'conclusion';
  outcome: Outcome | null;
  /** The day the letter is dated (its approval). */
  date: string;
  bodyName: string;
  signedBy: string | null;
}

/**
 * Checks a letter's number and code. A wrong code, an unknown number and an appeal without an approved
 * answer give the same answer (APPEAL_NOT_FOUND), so the check cannot be used to probe numbers.
 */
export async function verifyLetter(
  ctx: AppContext,
  input: { number: string; code: string },
  language: AnswerLanguage,
): Promise<VerifiedLetter> {
  const number = normalizeAppealNumber(input.number);
  const code = normalizeLetterCode(input.code);
  const appeal = number && code ? await findByNumber(ctx.db, number) : undefined;
  const approved = appeal && !appeal.sandbox ? await approvedAnswerIds(ctx.db, appeal.id) : [];
  // Every approved letter of the appeal is compared, each in constant time, so that a letter answered
  // again after a complaint still verifies.
  const offered = Buffer.from(code ?? '');
  const delivered = approved.find(({ id }) =>
    letterCodes(ctx.protector, appeal?.number ?? '', id).some((code) => {
      const expected = Buffer.from(code);
      return expected.length === offered.length && timingSafeEqual(expected, offered);
    }),
  );
  if (!appeal || !delivered) throw new AppError('APPEAL_NOT_FOUND');
  const answer = await answerToPrint(ctx.db, appeal.id, delivered.id);
  if (!answer) throw new AppError('APPEAL_NOT_FOUND');
  const ref = ctx.reference();
  const unit = ref.units.byId(appeal.owner_unit_id) ?? ref.units.ministry;
  const names = language === 'kaa' ? 'uz' : language;
  return {
    number: appeal.number,
    kind: answer.kind,
    outcome: answer.outcome,
    date: localDateOf(answer.reviewed_at ?? answer.created_at),
    bodyName: ref.units.bodyOf(unit).names[names],
    // The signatory's name only: a staff login is a sign-in name, not for whoever holds the letter.
    signedBy: answer.reviewer_name || null,
  };
}
