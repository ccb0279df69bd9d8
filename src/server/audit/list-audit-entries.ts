import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { type AuditEntriesQuery, auditEntries } from './audit.repository.ts';

/**
 * Audit entries for an administrator or auditor. Entries about an appeal are listed only to whoever may
 * read that appeal: the trail must not name a complaint that its reader's unit is not allowed to know of.
 */
export function listAuditEntries(ctx: AppContext, user: StaffUser, query: AuditEntriesQuery) {
  return auditEntries(ctx.db, scopeOf(user, ctx.reference().units), query);
}
