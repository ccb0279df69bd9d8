import { z } from 'zod';
import type { TrackInput } from '../../contracts/appeal.schema.ts';
import { answerLanguages } from '../../contracts/enums.ts';
import { canSeePersonalData, type StaffUser } from '../appeals/appeal.policy.ts';
import { findVisibleAppeal } from '../appeals/get-appeal.ts';
import { findOwnAppeal } from '../appeals/track-appeal.ts';
import type { AppContext } from '../context.ts';
import type { AppealRow } from '../db/schema.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import { type AnswerLetter, renderAnswerLetter } from './answer-letter.ts';
import { letterCode } from './letter-verification.ts';
import { answerToPrint, approvedAnswerIds, enclosuresOf, requisitesOf } from './letters.repository.ts';

const applicantSchema = z.object({
  lastName: z.string().optional(),
  firstName: z.string().optional(),
  patronymic: z.string().optional(),
  organization: z.string().optional(),
  representative: z.string().optional(),
  address: z.string().optional(),
});

/**
 * The letter of an answer or conclusion as the applicant receives it, on the answering body's letterhead
 * with its requisites and the applicant's name and address. Drafts print with a DRAFT mark. Printing
 * decrypts personal data, so only roles that may see it can print, and each print is audited.
 */
export async function printAnswerLetter(options: {
  ctx: AppContext;
  user: StaffUser;
  number: string;
  answerId: number;
}): Promise<{ filename: string; pdf: Buffer }> {
  const { ctx, user } = options;
  const appeal = await findVisibleAppeal(ctx, user, options.number);
  if (!canSeePersonalData(user)) throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  const letter = await composeLetter(ctx, appeal, options.answerId, now);
  if (!letter) throw new AppError('NOT_FOUND');
  const pdf = await renderAnswerLetter(letter);
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'appeal.print_letter',
        targetType: 'appeal',
        targetId: appeal.number,
        data: { answer: options.answerId },
        at: now,
      },
    ]),
  );
  return { filename: `${appeal.number}-${letter.kind}.pdf`, pdf };
}

/**
 * The same letter for the applicant, who proved the number and access code: the answer they received
 * (the newest approved one), addressed to them by name. Undefined while nothing is approved.
 */
export async function applicantLetter(
  ctx: AppContext,
  input: TrackInput,
): Promise<{ filename: string; pdf: Buffer } | undefined> {
  return deliveredLetter(ctx, await findOwnAppeal(ctx, input));
}

/**
 * The letter of the newest approved answer or conclusion of an appeal, as its applicant receives it
 * (the portal's download and the e-mail that carries the answer). Undefined while nothing is approved.
 */
export async function deliveredLetter(
  ctx: AppContext,
  appeal: AppealRow,
): Promise<{ filename: string; pdf: Buffer } | undefined> {
  const [delivered] = await approvedAnswerIds(ctx.db, appeal.id);
  if (!delivered) return undefined;
  const letter = await composeLetter(ctx, appeal, delivered.id, ctx.clock.now());
  if (!letter) return undefined;
  return { filename: `${appeal.number}-${letter.kind}.pdf`, pdf: await renderAnswerLetter(letter) };
}

/** Everything printed on the letter of one answer of an appeal; undefined for an answer of another appeal. */
async function composeLetter(
  ctx: AppContext,
  appeal: AppealRow,
  answerId: number,
  now: Date,
): Promise<AnswerLetter | undefined> {
  const answer = await answerToPrint(ctx.db, appeal.id, answerId);
  if (!answer) return undefined;
  const ref = ctx.reference();
  const unit = ref.units.byId(appeal.owner_unit_id) ?? ref.units.ministry;
  const body = ref.units.bodyOf(unit);
  const language = answerLanguages.find((l) => l === appeal.answer_language) ?? 'uz';
  const names = language === 'kaa' ? 'uz' : language;
  const requisites = await requisitesOf(ctx.db, [body.id, ref.units.ministry.id]);
  const parsed = applicantSchema.safeParse(
    appeal.applicant_enc ? ctx.protector.open(appeal.applicant_enc, appeal.number) : null,
  );
  const person = parsed.success ? parsed.data : undefined;
  const addressee = person
    ? {
        name:
          person.organization ??
          [person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' '),
        address: person.address ?? '',
      }
    : null;
  const enclosures = await enclosuresOf(ctx.db, answerId);
  const approved = answer.status === 'approved';
  const publicUrl = ctx.config.publicUrl ? ctx.config.publicUrl.replace(/\/$/, '') : null;
  const code = letterCode(ctx.protector, appeal.number, answerId);
  return {
    language,
    number: appeal.number,
    receivedOn: appeal.received_on,
    date: localDateOf(approved && answer.reviewed_at ? answer.reviewed_at : now),
    approved,
    kind: answer.kind,
    outcome: answer.outcome,
    body: answer.body,
    bodyName: body.names[names],
    unitName: unit.id === body.id ? null : unit.names[names],
    requisites: requisites ?? { address: '', phone: '', email: '', website: '' },
    addressee,
    signedBy: approved ? answer.reviewer_name || answer.reviewer_login : null,
    enclosures: enclosures.map((e) => e.filename),
    executor: answer.author_name || answer.author_login,
    trackingUrl: publicUrl ? `${publicUrl}/` : null,
    // Only an approved letter can be verified; a draft carries no code.
    verification: approved
      ? {
          code,
          url: publicUrl ? `${publicUrl}/${names}/verify?number=${appeal.number}&code=${code}` : null,
        }
      : null,
  };
}
