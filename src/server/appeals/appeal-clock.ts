import type { AppealRow } from '../db/schema.ts';
import type { AppealClock } from '../deadlines/legal-clock.ts';

// The legal clock lives in nine columns of the appeal row; these two functions are the only mapping
// between them and the pure deadline module.

type ClockColumns = Pick<
  AppealRow,
  | 'received_on'
  | 'registration_due_on'
  | 'due_on'
  | 'base_due_on'
  | 'handover_due_on'
  | 'forward_due_on'
  | 'proposal_notice_due_on'
  | 'extra_study'
  | 'head_extension_used'
>;

/** The legal clock as stored on an appeal row. */
export function clockOf(appeal: ClockColumns): AppealClock {
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

/** The columns a new appeal's clock is written to. */
export function clockColumns(clock: AppealClock): ClockColumns {
  return {
    received_on: clock.receivedOn,
    registration_due_on: clock.registrationDueOn,
    due_on: clock.dueOn,
    base_due_on: clock.baseDueOn,
    handover_due_on: clock.handoverDueOn,
    forward_due_on: clock.forwardDueOn,
    proposal_notice_due_on: clock.proposalNoticeDueOn,
    extra_study: clock.extraStudy,
    head_extension_used: clock.headExtensionUsed,
  };
}
