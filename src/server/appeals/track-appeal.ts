import type { TrackedAppeal, TrackInput } from '../../contracts/appeal.schema.ts';
import type { AppealStatus, UiLanguage } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import type { AppealRow } from '../db/schema.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import { parseStatus } from './appeal.presenter.ts';
import { findByNumber, trackingView } from './appeals.repository.ts';

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

/** What the applicant sees: status, public history, the unit in charge, the deadline and the answer. */
export async function trackAppeal(
  ctx: AppContext,
  input: TrackInput,
  language: UiLanguage,
): Promise<TrackedAppeal> {
  // One prepared statement for the appeal, its public history and its answer: tracking is the busiest
  // public read, and planning that statement took longer than running it.
  const [appeal] = await ctx.prepared('tracking-view', trackingView(ctx.db, input.number));
  const matches = ctx.protector.accessCodeMatches(
    input.number,
    input.accessCode,
    appeal?.access_code_hash ?? NO_APPEAL_HASH,
  );
  if (!appeal || !matches) throw new AppError('APPEAL_NOT_FOUND');
  const { events, answer } = appeal;
  const units = ctx.reference().units;
  const unitRef = (id: number | null) => {
    const unit = id === null ? undefined : units.byId(id);
    return unit ? { code: unit.code, name: unit.names[language] } : null;
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

/** The applicant rates the answer (1–5, optional comment), once. */
export async function rateAnswer(
  ctx: AppContext,
  input: TrackInput & { rating: number; comment?: string | undefined },
): Promise<void> {
  const appeal = await findOwnAppeal(ctx, input);
  const status: AppealStatus = parseStatus(appeal.status);
  if (status !== 'answered' || appeal.rating !== null) throw new AppError('RATING_NOT_ALLOWED');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('appeals')
      .set({ rating: input.rating, rating_comment: input.comment ?? null, rated_at: now, updated_at: now })
      .where('id', '=', appeal.id)
      .where('rating', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new AppError('RATING_NOT_ALLOWED');
    await tx
      .insertInto('appeal_events')
      .values({
        appeal_id: appeal.id,
        at: now,
        event: 'rated',
        from_status: status,
        to_status: null,
        actor_id: null,
        actor_kind: 'applicant',
        public: true,
        unit_id: null,
        data: JSON.stringify({ rating: input.rating }),
      })
      .execute();
    await ctx.audit.append(tx, [
      {
        actor: { id: null, label: 'applicant' },
        action: 'appeal.rate',
        targetType: 'appeal',
        targetId: appeal.number,
        data: { rating: input.rating },
        at: now,
      },
    ]);
  });
}
