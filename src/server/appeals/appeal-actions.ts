import type { TransitionInput } from '../../contracts/appeal.schema.ts';
import type { AppealStatus } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppealPatch, AppealRow } from '../db/schema.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import type { AppealClock } from '../deadlines/legal-clock.ts';
import { extendByHead, recordExtraStudy } from '../deadlines/legal-clock.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import type { JobRequest } from '../jobs/job-queue.ts';
import { officerComplaintUnit } from '../routing/route-appeal.ts';
import { refuseUnfilledPlaceholders } from './answer-placeholders.ts';
import type { StaffUser } from './appeal.policy.ts';
import { findByNumber } from './appeals.repository.ts';

/** What one action changes, computed before anything is written. */
export interface ChangePlan {
  patch: AppealPatch;
  toStatus: AppealStatus | null;
  event: { name: string; public: boolean; unitId: number | null; data: Record<string, unknown> };
  /** Replaces the set of executing units (lead first). */
  units?: number[];
  /** A new draft answer or conclusion. */
  newAnswer?: {
    kind: 'answer' | 'conclusion';
    body: string;
    outcome: 'satisfied' | 'explained' | 'rejected' | null;
  };
  /** Settles the latest draft: approved or returned with a comment. */
  reviewLatest?: { kind: 'answer' | 'conclusion'; status: 'approved' | 'returned'; comment: string | null };
  jobs: JobRequest[];
  /** A clerk's correction the language layer learns from at its next training. */
  trainingExample?: { labelSet: 'category' | 'service'; label: string };
}

interface PlanInput {
  ctx: AppContext;
  tx: Db;
  appeal: AppealRow;
  user: StaffUser;
  now: Date;
}

/** The legal clock as stored on an appeal row. */
export function clockOf(appeal: AppealRow): AppealClock {
  return {
    receivedOn: appeal.received_on,
    registrationDueOn: appeal.registration_due_on,
    dueOn: appeal.due_on,
    baseDueOn: appeal.base_due_on,
    handoverDueOn: appeal.handover_due_on,
    forwardDueOn: appeal.forward_due_on,
    proposalNoticeDueOn: appeal.proposal_notice_due_on,
    extraStudy: appeal.extra_study,
    headExtensionUsed: appeal.head_extension_used,
  };
}

function event(
  name: string,
  data: Record<string, unknown> = {},
  isPublic = true,
  unitId: number | null = null,
) {
  return { name, public: isPublic, unitId, data };
}

const notify = (appeal: AppealRow, template: string): JobRequest => ({
  name: 'notify-applicant',
  data: { appealId: appeal.id, template },
});

/** Computes the change an action makes; throws a coded error when the facts do not allow it. */
export async function planAction(input: TransitionInput, p: PlanInput): Promise<ChangePlan> {
  const { ctx, appeal, now } = p;
  const ref = ctx.reference();
  switch (input.action) {
    case 'route': {
      const units = input.units.map((code) => ref.units.byCode(code));
      const missing = input.units.filter((_, i) => !units[i]?.active);
      if (missing.length > 0) throw new FieldValidationError([{ path: 'units', key: 'unknownUnit' }]);
      const ids = [...new Set(units.flatMap((u) => (u ? [u.id] : [])))];
      // A complaint about an officer may never be routed to the officer's own body or below it.
      if (appeal.subject_unit_id !== null) {
        const subject = appeal.subject_unit_id;
        if (ids.some((id) => ref.units.isWithin(id, subject)))
          throw new AppError('FORBIDDEN', undefined, { reason: 'subject_unit' });
      }
      const lead = ids[0] ?? appeal.owner_unit_id;
      const leadService = ref.units.byId(lead)?.service ?? undefined;
      return {
        patch: {
          owner_unit_id: lead,
          scope_units: appeal.about_officer ? ids : [...new Set([...appeal.scope_units, ...ids])],
          routed_at: appeal.routed_at ?? now,
          executor_id: null,
        },
        toStatus: 'assigned',
        units: ids,
        event: event('routed', { units: input.units, reason: input.reason ?? null }, true, lead),
        jobs: [],
        trainingExample: leadService ? { labelSet: 'service', label: leadService } : undefined,
      };
    }
    case 'assign_executor': {
      const executor = await p.tx
        .selectFrom('users')
        .select(['id', 'unit_id', 'active', 'login'])
        .where('login', '=', input.executor.toLowerCase())
        .executeTakeFirst();
      const assigned = await p.tx
        .selectFrom('appeal_units')
        .select('unit_id')
        .where('appeal_id', '=', appeal.id)
        .execute();
      if (!executor?.active || !assigned.some((a) => a.unit_id === executor.unit_id)) {
        throw new FieldValidationError([{ path: 'executor', key: 'invalid' }]);
      }
      if (executor.id === appeal.subject_officer_id) throw new AppError('FORBIDDEN');
      return {
        patch: { executor_id: executor.id },
        toStatus: null,
        event: event('executor_assigned', { executor: executor.login }, false, executor.unit_id),
        jobs: [],
      };
    }
    case 'accept':
      return {
        patch: { executor_id: appeal.executor_id ?? p.user.id },
        toStatus: 'in_progress',
        event: event('accepted', {}, true, appeal.owner_unit_id),
        jobs: [],
      };
    case 'request_info':
      return {
        patch: {},
        toStatus: 'awaiting_info',
        event: event('info_requested', { reason: input.reason, from: input.from ?? null }, true),
        jobs: [],
      };
    case 'info_received':
      return {
        patch: {},
        toStatus: 'in_progress',
        event: event('info_received', { note: input.note ?? null }, false),
        jobs: [],
      };
    case 'record_extra_study': {
      const clock = recordExtraStudy({
        clock: clockOf(appeal),
        type: appeal.type,
        now,
        calendar: ref.calendar,
        settings: ref.clockSettings,
      });
      return {
        patch: { due_on: clock.dueOn, extra_study: true },
        toStatus: null,
        event: event('extra_study_recorded', { reason: input.reason, dueOn: clock.dueOn }, true),
        jobs: appeal.type === 'taklif' ? [notify(appeal, 'proposal-needs-study')] : [],
      };
    }
    case 'request_extension':
      if (appeal.head_extension_used) throw new AppError('DEADLINE_EXTENSION_USED');
      return {
        patch: {},
        toStatus: null,
        event: event('extension_requested', { reason: input.reason, dueOn: appeal.due_on }, false),
        jobs: [],
      };
    case 'extend': {
      const clock = extendByHead({
        clock: clockOf(appeal),
        until: input.until,
        now,
        calendar: ref.calendar,
        settings: ref.clockSettings,
      });
      return {
        patch: { due_on: clock.dueOn, head_extension_used: true },
        toStatus: null,
        event: event(
          'deadline_extended',
          { reason: input.reason, dueOn: clock.dueOn, previousDueOn: appeal.due_on },
          true,
        ),
        // The law requires written notice to the applicant of the extension.
        jobs: [notify(appeal, 'deadline-extended')],
      };
    }
    case 'draft_answer':
      refuseUnfilledPlaceholders(input.body);
      return {
        patch: { executor_id: appeal.executor_id ?? p.user.id },
        toStatus: 'answer_drafted',
        newAnswer: { kind: 'answer', body: input.body, outcome: input.outcome },
        event: event('answer_drafted', { outcome: input.outcome }, false),
        jobs: [],
      };
    case 'return_answer':
      return {
        patch: {},
        toStatus: 'returned',
        reviewLatest: { kind: 'answer', status: 'returned', comment: input.comment },
        event: event('answer_returned', { comment: input.comment }, false),
        jobs: [],
      };
    case 'approve_answer': {
      const draft = await latestDraft(p.tx, appeal.id, 'answer');
      // A draft saved before placeholders were refused may still hold one.
      refuseUnfilledPlaceholders(draft.body);
      return {
        patch: { outcome: draft.outcome, closed_at: now },
        toStatus: 'answered',
        reviewLatest: { kind: 'answer', status: 'approved', comment: null },
        event: event('answered', { outcome: draft.outcome }, true, appeal.owner_unit_id),
        jobs: [notify(appeal, 'answered')],
      };
    }
    case 'forward':
      return {
        patch: { forwarded_to: input.to, closed_at: now },
        toStatus: 'forwarded',
        event: event(
          'forwarded',
          { to: input.to, reason: input.reason, inTime: now <= endOfDay(appeal.forward_due_on) },
          true,
        ),
        // Forwarding outside competence must be notified to the applicant within the same 5 days.
        jobs: [notify(appeal, 'forwarded')],
      };
    case 'draft_conclusion':
      return {
        patch: {},
        toStatus: 'conclusion_drafted',
        newAnswer: { kind: 'conclusion', body: input.body, outcome: null },
        event: event('conclusion_drafted', { reason: input.reason }, false),
        jobs: [],
      };
    case 'return_conclusion': {
      const routed = await p.tx
        .selectFrom('appeal_units')
        .select('unit_id')
        .where('appeal_id', '=', appeal.id)
        .limit(1)
        .execute();
      return {
        patch: {},
        toStatus: routed.length > 0 ? 'assigned' : 'registered',
        reviewLatest: { kind: 'conclusion', status: 'returned', comment: input.comment },
        event: event('conclusion_returned', { comment: input.comment }, false),
        jobs: [],
      };
    }
    case 'approve_conclusion':
      return {
        patch: { closed_at: now },
        toStatus: 'not_considered',
        reviewLatest: { kind: 'conclusion', status: 'approved', comment: null },
        event: event('not_considered', {}, true),
        jobs: [notify(appeal, 'not-considered')],
      };
    case 'withdraw':
      return {
        patch: { closed_at: now },
        toStatus: 'withdrawn',
        event: event('withdrawn', { reason: input.reason }, true),
        jobs: [],
      };
    case 'merge': {
      const target = await findByNumber(p.tx, input.into);
      if (!target || target.id === appeal.id)
        throw new FieldValidationError([{ path: 'into', key: 'invalid' }]);
      if (!sameApplicant(appeal, target)) throw new AppError('MERGE_DIFFERENT_APPLICANT');
      return {
        patch: { merged_into_id: target.id, closed_at: now },
        toStatus: 'merged',
        event: event('merged', { into: target.number, reason: input.reason ?? null }, true),
        jobs: [],
      };
    }
    case 'set_category': {
      const category = ref.categories.get(input.category);
      if (!category?.active) throw new FieldValidationError([{ path: 'category', key: 'unknownCategory' }]);
      return {
        patch: { category_code: category.code },
        toStatus: null,
        event: event('category_set', { from: appeal.category_code, to: category.code }, false),
        jobs: [],
        trainingExample: { labelSet: 'category', label: category.code },
      };
    }
    case 'mark_officer_complaint': {
      const subject = ref.units.byCode(input.unit);
      if (!subject) throw new FieldValidationError([{ path: 'unit', key: 'unknownUnit' }]);
      const subjectBody = ref.units.bodyOf(subject);
      const officer = input.officer
        ? await p.tx
            .selectFrom('users')
            .select('id')
            .where('login', '=', input.officer.toLowerCase())
            .executeTakeFirst()
        : undefined;
      if (input.officer && !officer) throw new FieldValidationError([{ path: 'officer', key: 'invalid' }]);
      const examiner = officerComplaintUnit(ref.units, subjectBody);
      return {
        patch: {
          about_officer: true,
          subject_unit_id: subjectBody.id,
          subject_officer_id: officer?.id ?? null,
          owner_unit_id: examiner.id,
          // From now on only the examining unit's chain sees it; the subject's unit loses sight of it.
          scope_units: [examiner.id],
          executor_id: null,
          routed_at: now,
        },
        toStatus: 'assigned',
        units: [examiner.id],
        event: event('routed_officer_complaint', { units: [examiner.code] }, true, examiner.id),
        jobs: [],
      };
    }
    case 'mark_urgent':
      return {
        patch: { urgent: input.urgent, urgency_reason: input.reason ?? null },
        toStatus: null,
        event: event(
          input.urgent ? 'marked_urgent' : 'unmarked_urgent',
          { reason: input.reason ?? null },
          false,
        ),
        jobs: input.urgent ? [{ name: 'notify-urgent', data: { appealId: appeal.id } }] : [],
      };
  }
}

function sameApplicant(a: AppealRow, b: AppealRow): boolean {
  const same = (x: Buffer | null, y: Buffer | null) => x !== null && y !== null && x.equals(y);
  return (
    same(a.pinfl_hash, b.pinfl_hash) || same(a.phone_hash, b.phone_hash) || same(a.name_hash, b.name_hash)
  );
}

/** The draft answer or conclusion awaiting a head's decision; refused as an invalid transition when none. */
export async function latestDraft(tx: Db, appealId: number, kind: 'answer' | 'conclusion') {
  const draft = await tx
    .selectFrom('answers')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .where('kind', '=', kind)
    .where('status', '=', 'draft')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!draft) throw new AppError('INVALID_TRANSITION');
  return draft;
}
