import {
  type ApplicantInput,
  applicantSchema,
  type TrackedAppeal,
  type TrackInput,
} from '../../contracts/appeal.schema.ts';
import { type CitizenLanguage, referenceLanguage } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import type { Db, RunPrepared } from '../db/database.ts';
import type { AppealRow } from '../db/schema.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import { parseStatus } from './appeal.presenter.ts';
import { findByNumber, lockById, trackingView } from './appeals.repository.ts';
import { applyChange } from './change-appeal.ts';

// A fixed-cost stand-in so that an unknown number takes as long as a wrong code.
const NO_APPEAL_HASH = Buffer.alloc(32);

/**
 * Finds an appeal by number and access code. A wrong code and an unknown number give the same answer
 * and take the same time, so numbers cannot be probed.
 */
export async function findOwnAppeal(ctx: AppContext, input: TrackInput): Promise<AppealRow> {
  const appeal = await findByNumber(ctx.db, input.number);
  const matches = ctx.protector.accessCodeMatches(
    input.number,
    input.accessCode,
    appeal?.access_code_hash ?? NO_APPEAL_HASH,
  );
  if (!appeal || !matches) throw new AppError('APPEAL_NOT_FOUND');
  return appeal;
}

/**
 * The applicant of the citizen's own appeal (number and access code proven), so that a complaint about its
 * answer continues as them instead of asking for every detail again; null for an anonymous appeal.
 */
export async function ownApplicant(ctx: AppContext, input: TrackInput): Promise<ApplicantInput | null> {
  const appeal = await findOwnAppeal(ctx, input);
  if (!appeal.applicant_enc) return null;
  const parsed = applicantSchema.safeParse(ctx.protector.open(appeal.applicant_enc, appeal.number));
  return parsed.success && parsed.data.kind !== 'anonymous' ? parsed.data : null;
}

/** What the applicant sees: status, public history, the unit in charge, the deadline and the answer. */
export async function trackAppeal(
  ctx: AppContext,
  input: TrackInput,
  language: CitizenLanguage,
): Promise<TrackedAppeal> {
  // One prepared statement for the appeal, its public history and its answer: tracking is the busiest
  // public read, and planning that statement took longer than running it.
  // On the read replica when there is one. An appeal it does not have yet (filed a moment ago) is read again
  // from the primary; so is a wrong code, so that an unknown number and a wrong code still cost the same.
  const readFrom = async (db: Db, prepared: RunPrepared) => {
    const [row] = await prepared('tracking-view', trackingView(db, input.number));
    const ok = ctx.protector.accessCodeMatches(
      input.number,
      input.accessCode,
      row?.access_code_hash ?? NO_APPEAL_HASH,
    );
    return { appeal: row, matches: ok };
  };
  let { appeal, matches } = await readFrom(ctx.readDb, ctx.readPrepared);
  if (!matches && ctx.readDb !== ctx.db) ({ appeal, matches } = await readFrom(ctx.db, ctx.prepared));
  if (!appeal || !matches) throw new AppError('APPEAL_NOT_FOUND');
  const { events, answer } = appeal;
  const units = ctx.reference().units;
  const unitRef = (id: number | null) => {
    const unit = id === null ? undefined : units.byId(id);
    return unit ? { code: unit.code, name: unit.names[referenceLanguage(language)] } : null;
  };
  const status = parseStatus(appeal.status);
  const final = status === 'answered' || status === 'not_considered';
  return {
    number: appeal.number,
    type: appeal.type,
    status,
    receivedAt: appeal.received_at.toISOString(),
    dueAt: endOfDay(appeal.due_on).toISOString(),
    // A complaint about an officer shows the examining unit, which the applicant is entitled to know.
    unit: unitRef(appeal.owner_unit_id),
    history: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      event: e.event,
      status: e.to_status === null ? null : parseStatus(e.to_status),
      unit: unitRef(e.unit_id),
    })),
    answer: answer
      ? {
          kind: answer.kind,
          outcome: answer.outcome,
          body: answer.body,
          answeredAt: new Date(answer.reviewed_at ?? answer.created_at).toISOString(),
          unit: unitRef(appeal.owner_unit_id),
          files: answer.files,
        }
      : null,
    forwardedTo: appeal.forwarded_to,
    rating: appeal.rating === null ? null : { value: appeal.rating, comment: appeal.rating_comment },
    canRate: status === 'answered' && appeal.rating === null,
    canComplain: final,
  };
}

/** The applicant rates the answer (1–5, optional comment), once, through the change kernel. */
/**
 * The applicant, proving the number and code from a Telegram chat, asks for the appeal's notices and its
 * answer there from now on. Refused once the appeal is closed (nothing more would come).
 */
export async function followInChat(
  ctx: AppContext,
  input: TrackInput,
): Promise<{ id: number; number: string }> {
  const found = await findOwnAppeal(ctx, input);
  return ctx.db.transaction().execute(async (tx) => {
    const appeal = await lockById(tx, found.id);
    if (!appeal) throw new AppError('APPEAL_NOT_FOUND');
    if (appeal.answer_channel !== 'telegram')
      await applyChange({
        ctx,
        tx,
        appeal,
        actor: { kind: 'applicant' },
        input: { action: 'choose_answer_channel', channel: 'telegram' },
        now: ctx.clock.now(),
      });
    return { id: appeal.id, number: appeal.number };
  });
}

export async function rateAnswer(
  ctx: AppContext,
  input: TrackInput & { rating: number; comment?: string | undefined },
): Promise<void> {
  const found = await findOwnAppeal(ctx, input);
  await ctx.db.transaction().execute(async (tx) => {
    const appeal = await lockById(tx, found.id);
    if (!appeal) throw new AppError('APPEAL_NOT_FOUND');
    // Rating is for an answered appeal only; any other state answers like a second rating.
    if (parseStatus(appeal.status) !== 'answered') throw new AppError('RATING_NOT_ALLOWED');
    await applyChange({
      ctx,
      tx,
      appeal,
      actor: { kind: 'applicant' },
      input: { action: 'rate', rating: input.rating, comment: input.comment ?? null },
      now: ctx.clock.now(),
    });
  });
}
