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

/** The hierarchy view is for the same roles as the alerts and the head's dashboard. */
export function canReadHierarchy(user: StaffUser): boolean {
  return alertRoles.includes(user.role);
}

/** Workload and quality per executor and unit: the hierarchy view's roles. */
export function canReadWorkload(user: StaffUser): boolean {
  return alertRoles.includes(user.role);
}

const namingRoles: readonly Role[] = ['head', 'internal_security', 'admin'];
/**
 * Executors are named to those who manage or check them (heads, internal security, administrators); an
 * analyst sees each executor's figures without a name: an evaluation of people is not an aggregate.
 */
export function canSeeExecutorNames(user: StaffUser): boolean {
  return namingRoles.includes(user.role);
}
