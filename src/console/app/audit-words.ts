// The audit log in words a person reads: what was done, by whom and to what. The server writes stable codes
// (`appeal.view`, `auth.totp_enabled`, actor `system`); the console names them in the reader's language.
// Changes of an appeal are logged as `appeal.<action>` of the lifecycle; they read as the appeal's history
// does, so both screens use one vocabulary.

/** A message by key in the reader's language, or undefined when there is none. */
export type Words = (key: string) => string | undefined;

// The lifecycle's actions as the history names what they did (`event.*`).
const appealChanges: Record<string, string> = {
  route: 'event.routed',
  assign_executor: 'event.executor_assigned',
  accept: 'event.accepted',
  request_info: 'event.info_requested',
  info_received: 'event.info_received',
  record_extra_study: 'event.extra_study_recorded',
  request_extension: 'event.extension_requested',
  extend: 'event.deadline_extended',
  draft_answer: 'event.answer_drafted',
  return_answer: 'event.answer_returned',
  approve_answer: 'event.answered',
  forward: 'event.forwarded',
  draft_conclusion: 'event.conclusion_drafted',
  return_conclusion: 'event.conclusion_returned',
  approve_conclusion: 'event.not_considered',
  withdraw: 'event.withdrawn',
  merge: 'event.merged',
  join_group: 'event.grouped',
  leave_group: 'event.ungrouped',
  answer_with_group: 'event.answered',
  choose_answer_channel: 'event.answer_channel_chosen',
  add_applicant_message: 'event.applicant_message',
  set_category: 'event.category_set',
  mark_officer_complaint: 'event.routed_officer_complaint',
  clear_officer_complaint: 'event.officer_complaint_cleared',
};

/** What an entry's action did, in words; undefined for a code the console does not know. */
export function auditActionWords(code: string, words: Words): string | undefined {
  const own = words(`audit.action.${code}`);
  if (own) return own;
  const change = /^appeal\.(\w+)$/.exec(code)?.[1];
  const event = change ? appealChanges[change] : undefined;
  return event ? words(event) : undefined;
}

/** Who acted: a staff member by name and login, else the system, the applicant … in words. */
export function auditActorWords(entry: { actor: string; actorName: string | null }, words: Words): string {
  if (entry.actorName) return `${entry.actorName} (${entry.actor})`;
  return words(`audit.actor.${entry.actor}`) ?? entry.actor;
}

/** What the entry is about: its kind in words, and the staff member's name instead of an account number. */
export function auditTargetWords(
  entry: { targetType: string; targetId: string; targetName: string | null },
  words: Words,
): { kind: string; name: string } {
  return {
    kind: words(`audit.target.${entry.targetType}`) ?? entry.targetType,
    name: entry.targetName ?? entry.targetId,
  };
}
