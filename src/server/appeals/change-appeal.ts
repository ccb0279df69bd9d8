import type { TransitionInput } from '../../contracts/appeal.schema.ts';
import { type AppealStatus, finalStatuses } from '../../contracts/enums.ts';
import { applicantActor, systemActor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppealRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { webhookJobs } from '../integrations/deliver-webhook.ts';
import type { JobRequest } from '../jobs/job-queue.ts';
import { isNoticeEvent } from '../notify/notice-texts.ts';
import { recordChangeNotices } from '../notify/staff-notices.ts';
import { canSee, type StaffUser, scopeOf } from './appeal.policy.ts';
import { parseStatus } from './appeal.presenter.ts';
import { type AppealChange, type ChangeActor, type ChangePlan, planAction } from './appeal-actions.ts';
import {
  carryReturnedFiles,
  insertAnswer,
  insertEvent,
  insertTrainingExample,
  replaceUnits,
  settleDrafts,
  updateAppeal,
} from './appeal-changes.repository.ts';
import { openMemberIds } from './appeal-groups.repository.ts';
import { checkTransition } from './appeal-lifecycle.ts';
import { approvedAnswerOf, findByNumber, lockById } from './appeals.repository.ts';
import { insertAttachments } from './intake.repository.ts';

/**
 * Applies one staff action to an appeal by number: the caller must see the appeal (out of scope answers
 * like a missing number), then `applyChange` does the rest in one transaction.
 */
export async function changeAppeal(options: {
  ctx: AppContext;
  user: StaffUser;
  number: string;
  input: TransitionInput;
  /** The version the client saw; a mismatch answers CONFLICT instead of overwriting someone's work. */
  expectedVersion?: number | undefined;
}): Promise<{ status: string; version: number }> {
  const { ctx, user, number, input } = options;
  const scope = scopeOf(user, ctx.reference().units);
  const found = await findByNumber(ctx.db, number);
  // An appeal out of scope answers exactly like a missing one: numbers must not be probeable.
  if (!found || !canSee(scope, found)) throw new AppError('APPEAL_NOT_FOUND');

  return ctx.db.transaction().execute(async (tx) => {
    const appeal = await lockById(tx, found.id);
    if (!appeal) throw new AppError('APPEAL_NOT_FOUND');
    if (options.expectedVersion !== undefined && options.expectedVersion !== appeal.version)
      throw new AppError('CONFLICT');
    const { status, version } = await applyChange({
      ctx,
      tx,
      appeal,
      actor: { kind: 'staff', user },
      input,
      now: ctx.clock.now(),
    });
    return { status, version };
  });
}

/**
 * The one recipe every change of an appeal follows, whoever makes it: the state machine must allow the
 * action for the actor, then the new state, the history row, the audit row and any outbound jobs are
 * written in the caller's transaction, on the appeal the caller locked. Nothing external happens before
 * commit.
 */
export async function applyChange(options: {
  ctx: AppContext;
  tx: Db;
  /** The appeal as locked (`lockById`) in `tx`. */
  appeal: AppealRow;
  actor: ChangeActor;
  input: AppealChange;
  now: Date;
}): Promise<{ status: AppealStatus; version: number; unitId: number }> {
  const { ctx, tx, appeal, actor, input, now } = options;
  const user = actor.kind === 'staff' || actor.kind === 'sandbox' ? actor.user : undefined;
  if (actor.kind === 'sandbox' && !appeal.sandbox) throw new AppError('FORBIDDEN');
  const status = parseStatus(appeal.status);
  // The sandbox sets its demo appeals up with any staff action; the state machine still decides where.
  const role = actor.kind === 'staff' ? actor.user.role : actor.kind === 'sandbox' ? 'admin' : actor.kind;
  const refusal = checkTransition(input.action, status, role);
  if (refusal) throw new AppError(refusal, undefined, { status });
  const plan = await planAction(input, { ctx, tx, appeal, actor, now });
  const toStatus = plan.toStatus ?? status;
  const actorId = user?.id ?? null;

  await updateAppeal(tx, appeal.id, {
    ...plan.patch,
    status: toStatus,
    version: appeal.version + 1,
    updated_at: now,
  });
  if (plan.units) {
    await replaceUnits(
      tx,
      appeal.id,
      plan.units.map((unitId, position) => ({
        appeal_id: appeal.id,
        unit_id: unitId,
        role: position === 0 ? ('lead' as const) : ('co' as const),
        position,
        assigned_at: now,
        assigned_by: actorId,
      })),
    );
  }
  if (plan.reviewLatest) {
    await settleDrafts(tx, appeal.id, plan.reviewLatest.kind, {
      status: plan.reviewLatest.status,
      reviewer_id: actorId,
      reviewed_at: now,
      review_comment: plan.reviewLatest.comment,
    });
  }
  if (plan.newAnswer) {
    const { kind } = plan.newAnswer;
    // A new draft replaces any earlier unreviewed one, so a head always approves the latest text.
    await settleDrafts(tx, appeal.id, kind, { status: 'returned', review_comment: 'superseded' });
    const approved = plan.newAnswer.approvedBy;
    const draftId = await insertAnswer(tx, {
      appeal_id: appeal.id,
      kind,
      body: plan.newAnswer.body,
      outcome: plan.newAnswer.outcome,
      status: approved ? 'approved' : 'draft',
      author_id: approved ? approved.authorId : actorId,
      created_at: now,
      ...(approved ? { reviewer_id: approved.reviewerId, reviewed_at: now } : {}),
    });
    // Files of returned or superseded drafts go on with the new one: the head returns the text, not the
    // enclosures. The executor removes any that no longer belong.
    await carryReturnedFiles(tx, appeal.id, kind, draftId);
  }
  if (plan.attachments && plan.attachments.length > 0) {
    await insertAttachments(
      tx,
      plan.attachments.map((f) => ({
        id: f.id,
        appeal_id: appeal.id,
        answer_id: null,
        filename: f.filename,
        mime: f.mime,
        size: f.size,
        sha256: f.sha256,
        reencoded: f.reencoded,
        sealed_key_id: f.sealedKeyId,
        created_at: now,
      })),
    );
  }
  const eventId = await insertEvent(tx, {
    appeal_id: appeal.id,
    at: now,
    event: plan.event.name,
    from_status: status,
    to_status: plan.toStatus,
    actor_id: actorId,
    actor_kind: user ? 'staff' : actor.kind === 'applicant' ? 'applicant' : 'system',
    public: plan.event.public,
    unit_id: plan.event.unitId,
    data: JSON.stringify(plan.event.data),
  });
  await recordChangeNotices(ctx, tx, {
    action: input.action,
    toStatus,
    executorBefore: appeal.executor_id,
    executorAfter: plan.patch.executor_id !== undefined ? plan.patch.executor_id : appeal.executor_id,
    ownerUnitId: plan.patch.owner_unit_id ?? appeal.owner_unit_id,
    actorId,
    appealId: appeal.id,
    sandbox: appeal.sandbox,
    version: appeal.version + 1,
    at: now,
  });
  // Practice in the training sandbox never teaches the real model.
  if (plan.trainingExample && user && !appeal.sandbox) {
    await insertTrainingExample(tx, {
      label_set: plan.trainingExample.labelSet,
      text: appeal.text,
      label: plan.trainingExample.label,
      source: 'correction',
      appeal_id: appeal.id,
      created_at: now,
      created_by: user.login,
    });
  }
  const webhooks = await webhookJobs(tx, [
    { id: eventId, event: plan.event.name, public: plan.event.public, sandbox: appeal.sandbox },
  ]);
  await ctx.jobs.enqueue(tx, [...plan.jobs, ...stepNotice(appeal, plan), ...webhooks]);
  await ctx.audit.append(tx, [
    {
      actor: user
        ? { id: user.id, label: user.login }
        : actor.kind === 'applicant'
          ? applicantActor
          : systemActor,
      action: `appeal.${input.action}`,
      targetType: 'appeal',
      targetId: appeal.number,
      data: { from: status, to: toStatus },
      at: now,
    },
  ]);
  if (plan.group) await carryToMembers({ ctx, tx, lead: appeal, how: plan.group, approver: user, now });
  return {
    status: toStatus,
    version: appeal.version + 1,
    unitId: plan.patch.owner_unit_id ?? appeal.owner_unit_id,
  };
}

/**
 * A citizen who chose Telegram hears of every public step of their appeal as it happens, not only of the
 * notices the law requires (those steps already carry their own notice).
 */
function stepNotice(appeal: AppealRow, plan: ChangePlan): JobRequest[] {
  const { event } = plan;
  if (appeal.answer_channel !== 'telegram' || appeal.sandbox || !event.public || !isNoticeEvent(event.name))
    return [];
  if (plan.jobs.some((job) => job.name === 'notify-applicant')) return [];
  return [{ name: 'notify-applicant', data: { appealId: appeal.id, template: `event:${event.name}` } }];
}

/**
 * What a lead's closing does to the open members of its group, in the same transaction, each through the
 * kernel as a change of its own (its history line, audit row and notice): its approved answer answers every
 * member; closed any other way, it releases them to be worked alone.
 */
async function carryToMembers(options: {
  ctx: AppContext;
  tx: Db;
  lead: AppealRow;
  how: 'answer' | 'release';
  approver: StaffUser | undefined;
  now: Date;
}): Promise<void> {
  const { ctx, tx, lead, how, approver, now } = options;
  const members = await openMemberIds(tx, lead.id);
  if (members.length === 0) return;
  const answer = how === 'answer' ? await approvedAnswerOf(tx, lead.id) : undefined;
  for (const id of members) {
    const member = await lockById(tx, id);
    // Closed meanwhile by its own route: nothing to carry.
    if (!member || finalStatuses.includes(parseStatus(member.status))) continue;
    const input: AppealChange = answer
      ? {
          action: 'answer_with_group',
          lead: lead.number,
          body: answer.body,
          outcome: answer.outcome ?? 'explained',
          authorId: answer.author_id,
          reviewerId: approver?.id ?? answer.reviewer_id,
        }
      : { action: 'leave_group', reason: `${lead.number}: ${lead.status}` };
    await applyChange({ ctx, tx, appeal: member, actor: { kind: 'system' }, input, now });
  }
}
