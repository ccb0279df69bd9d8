import type { Role } from '../../contracts/enums.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';

const noticeRoles: readonly Role[] = ['clerk', 'head', 'admin'];

/**
 * Clerks (who post letters), heads and administrators see the notices that did not reach applicants and
 * resend or post them; always within the appeals their scope lets them see (`canSee`, `inScope`).
 */
export function canManageNotices(user: StaffUser): boolean {
  return noticeRoles.includes(user.role);
}
