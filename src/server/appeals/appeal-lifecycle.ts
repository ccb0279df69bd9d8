import {
  type AppealAction,
  type AppealStatus,
  appealActions,
  appealStatuses,
  finalStatuses,
  type Role,
} from '../../contracts/enums.ts';

/** Actions staff never take: the system's (triage) and the applicant's (with the number and access code). */
export const nonStaffActions = [
  'auto_route',
  'share_with_examiners',
  'rate',
  'answer_with_group',
  'choose_answer_channel',
  'add_applicant_message',
] as const;
export type NonStaffAction = (typeof nonStaffActions)[number];
/** Any action of the life cycle. */
export type LifecycleAction = AppealAction | NonStaffAction;
/** Who takes an action: a staff role, the system itself, or the applicant. */
export type LifecycleActor = Role | 'system' | 'applicant';

/** One row of the state machine: where an action may start, where it leads, who may take it. */
export interface TransitionRule {
  from: readonly AppealStatus[];
  /** The state after the action; `null` keeps the current state (clock or data changes). */
  to: AppealStatus | null;
  roles: readonly LifecycleActor[];
}

const open: readonly AppealStatus[] = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_info',
  'answer_drafted',
  'returned',
  'conclusion_drafted',
];
const working: readonly AppealStatus[] = ['assigned', 'in_progress', 'awaiting_info', 'returned'];
// Not once a draft waits for a head: that draft would be for this appeal alone.
const grouping: readonly AppealStatus[] = ['registered', ...working];
const handlers: readonly Role[] = ['executor', 'head', 'internal_security'];
const routers: readonly Role[] = ['clerk', 'head', 'internal_security'];

// The appeal's whole life. Administrators may do everything a role may (the first admin must be able
// to take an appeal through alone); the scope rules still apply to them.
export const lifecycle: Record<LifecycleAction, TransitionRule> = {
  route: { from: ['registered', 'assigned', 'in_progress'], to: 'assigned', roles: routers },
  assign_executor: { from: working, to: null, roles: ['head', 'internal_security'] },
  accept: { from: ['assigned'], to: 'in_progress', roles: handlers },
  request_info: { from: ['in_progress'], to: 'awaiting_info', roles: handlers },
  info_received: { from: ['awaiting_info'], to: 'in_progress', roles: handlers },
  record_extra_study: { from: working, to: null, roles: handlers },
  // The executor asks; the head decides (extend) — the head's dashboard lists the requests.
  request_extension: { from: [...working, 'answer_drafted'], to: null, roles: handlers },
  extend: { from: [...working, 'answer_drafted'], to: null, roles: ['head'] },
  draft_answer: { from: ['in_progress', 'returned'], to: 'answer_drafted', roles: handlers },
  return_answer: { from: ['answer_drafted'], to: 'returned', roles: ['head'] },
  approve_answer: { from: ['answer_drafted'], to: 'answered', roles: ['head'] },
  forward: { from: ['registered', 'assigned', 'in_progress'], to: 'forwarded', roles: routers },
  draft_conclusion: {
    from: ['registered', 'assigned', 'in_progress'],
    to: 'conclusion_drafted',
    roles: [...routers, 'executor'],
  },
  return_conclusion: { from: ['conclusion_drafted'], to: null, roles: ['head'] },
  approve_conclusion: { from: ['conclusion_drafted'], to: 'not_considered', roles: ['head'] },
  withdraw: { from: open, to: 'withdrawn', roles: ['operator', ...routers] },
  merge: { from: open, to: 'merged', roles: routers },
  // Duplicates worked as one: a member waits for its lead's answer; while it waits nobody drafts for it.
  join_group: { from: grouping, to: null, roles: routers },
  // A clerk takes a member out; the system releases every member when the lead closes without an answer.
  leave_group: { from: open, to: null, roles: [...routers, 'system'] },
  // The lead's approved answer answers each member, in the same transaction (change-appeal.ts).
  answer_with_group: { from: open, to: 'answered', roles: ['system'] },
  set_category: { from: open, to: null, roles: routers },
  // The system marks one too, when a newly activated model reads a waiting appeal as one (triage).
  mark_officer_complaint: { from: open, to: 'assigned', roles: [...routers, 'system'] },
  // Staff who can see a (suspected) complaint about an officer are outside the officer's chain by rule;
  // they may judge it is not one, with a reason, before routing it on.
  clear_officer_complaint: { from: open, to: null, roles: routers },
  mark_urgent: { from: open, to: null, roles: ['operator', ...routers, 'executor'] },
  // Triage routes a waiting appeal by its category when the model is confident enough.
  auto_route: { from: ['registered'], to: 'assigned', roles: ['system'] },
  // A complaint about an answer lets the units examining it read the answered appeal, whatever its state.
  share_with_examiners: { from: appealStatuses, to: null, roles: ['system'] },
  // The applicant rates the answer, once.
  rate: { from: ['answered'], to: null, roles: ['applicant'] },
  // The applicant, with the number and code, asks for notices and the answer on another channel.
  choose_answer_channel: { from: open, to: null, roles: ['applicant'] },
  // The applicant writes again about an appeal still open (a reply by e-mail): the text and files join it.
  add_applicant_message: { from: open, to: null, roles: ['applicant'] },
};

/** True when an appeal in this state can no longer change (answered, forwarded, closed …). */
export function isFinal(status: AppealStatus): boolean {
  return finalStatuses.includes(status);
}

/** The actions a role may take on an appeal in this state, for the console's buttons. */
export function allowedActions(status: AppealStatus, role: Role): AppealAction[] {
  return appealActions.filter((action) => checkTransition(action, status, role) === undefined);
}

/**
 * True when the actor may take the action in some state. Administrators may take every action staff may
 * take; the system's and the applicant's actions are theirs alone.
 */
export function roleMayTake(action: LifecycleAction, actor: LifecycleActor): boolean {
  const { roles } = lifecycle[action];
  if (roles.includes(actor)) return true;
  return actor === 'admin' && roles.some((r) => r !== 'system' && r !== 'applicant');
}

/** Checks one transition; `undefined` means allowed, otherwise why not. */
export function checkTransition(
  action: LifecycleAction,
  status: AppealStatus,
  role: LifecycleActor,
): 'INVALID_TRANSITION' | 'FORBIDDEN' | undefined {
  if (!roleMayTake(action, role)) return 'FORBIDDEN';
  if (!lifecycle[action].from.includes(status)) return 'INVALID_TRANSITION';
  return undefined;
}
