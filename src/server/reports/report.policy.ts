import type { Role } from '../../contracts/enums.ts';
import { canReadHierarchy } from '../analytics/analytics.policy.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import { AppError } from '../errors.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';

/** Only administrators schedule reports, retire them and run them now. */
export function authorizeReportAdmin(user: StaffUser): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN');
}

/** Why a staff member may not receive a unit's report (they must read analytics and hold the unit). */
export type RecipientProblem = 'inactive' | 'role' | 'out_of_scope';

/** A staff account as the recipient rule reads it. */
export interface RecipientAccount {
  id: number;
  login: string;
  full_name: string;
  role: Role;
  unit_id: number;
  scope_subtree: boolean;
  active: boolean;
}

/** The account as the analytics' use cases take it. */
export function staffUserOf(account: RecipientAccount): StaffUser {
  return {
    id: account.id,
    login: account.login,
    fullName: account.full_name,
    role: account.role,
    unitId: account.unit_id,
    scopeSubtree: account.scope_subtree,
  };
}

/**
 * Whether this account may receive the report of this unit: an active account, of a role that reads the
 * hierarchy view (analytics.policy.ts), with the unit in its scope. Checked when scheduling and again when
 * each month is written (a person moved to another unit since gets no report of the old one).
 */
export function recipientProblem(
  account: RecipientAccount,
  unitId: number,
  units: UnitDirectory,
): RecipientProblem | null {
  if (!account.active) return 'inactive';
  const user = staffUserOf(account);
  if (!canReadHierarchy(user)) return 'role';
  const scope = scopeOf(user, units);
  if (scope.unitIds !== null && !scope.unitIds.includes(unitId)) return 'out_of_scope';
  return null;
}
