import { z } from 'zod';
import { answerLanguages } from '../../contracts/enums.ts';
import { canSeePersonalData, type StaffUser } from '../appeals/appeal.policy.ts';
import { findVisibleAppeal } from '../appeals/get-appeal.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import { renderAnswerLetter } from './answer-letter.ts';
import { answerToPrint, enclosuresOf, requisitesOf } from './letters.repository.ts';

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
  const answer = await answerToPrint(ctx.db, appeal.id, options.answerId);
  if (!answer) throw new AppError('NOT_FOUND');

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
  const enclosures = await enclosuresOf(ctx.db, options.answerId);
  const approved = answer.status === 'approved';
  const now = ctx.clock.now();

  const pdf = await renderAnswerLetter({
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
    trackingUrl: ctx.config.publicUrl ? `${ctx.config.publicUrl.replace(/\/$/, '')}/` : null,
  });
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
  return { filename: `${appeal.number}-${answer.kind}.pdf`, pdf };
}
