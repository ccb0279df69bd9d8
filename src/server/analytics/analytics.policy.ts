import type { Role } from '../../contracts/enums.ts';
import type { Scope, StaffUser } from '../appeals/appeal.policy.ts';

const alertRoles: readonly Role[] = ['head', 'internal_security', 'admin', 'analyst'];

/** Heads, internal security, administrators and analysts read and acknowledge surge alerts. */
export function canReadAlerts(user: StaffUser): boolean {
  return alertRoles.includes(user.role);
}

/** An alert belongs to the territory's body: the scope that holds that body sees it (`null`: every unit). */
export function canSeeAlert(scope: Scope, alert: { unit_id: number }): boolean {
  return scope.unitIds === null || scope.unitIds.includes(alert.unit_id);
}
