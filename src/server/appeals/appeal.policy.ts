import { personalDataRoles, type Role } from '../../contracts/enums.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';

/** The signed-in staff member as policies see them. */
export interface StaffUser {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  unitId: number;
  scopeSubtree: boolean;
}

/**
 * Which appeals a user may see: those held by units in their scope, minus complaints about their own
 * unit (or a unit above it) and complaints naming them. `unitIds: null` means the whole tree.
 */
export interface Scope {
  userId: number;
  unitIds: number[] | null;
  /** When `unitIds` is a unit's whole subtree: that unit (the database asks its reach, not 100+ ids). */
  subtreeOf: number | null;
  /** A complaint whose subject unit is one of these concerns the user's own chain: hidden. */
  ownChain: number[];
}

/** Builds a user's scope from the unit tree. */
export function scopeOf(user: StaffUser, units: UnitDirectory): Scope {
  const whole = user.scopeSubtree && user.unitId === units.ministry.id;
  return {
    userId: user.id,
    unitIds: whole ? null : user.scopeSubtree ? units.subtreeIds(user.unitId) : [user.unitId],
    subtreeOf: whole || !user.scopeSubtree ? null : user.unitId,
    ownChain: units.ancestorIds(user.unitId),
  };
}

/** The facts about an appeal that decide who may see it. */
export interface AppealScopeFacts {
  scope_units: number[];
  subject_unit_id: number | null;
  subject_officer_id: number | null;
}

/** True when the appeal is in the user's scope and is not a complaint about them or their unit. */
export function canSee(scope: Scope, appeal: AppealScopeFacts): boolean {
  if (appeal.subject_officer_id === scope.userId) return false;
  if (appeal.subject_unit_id !== null && scope.ownChain.includes(appeal.subject_unit_id)) return false;
  if (scope.unitIds === null) return true;
  const visible = scope.unitIds;
  return appeal.scope_units.some((id) => visible.includes(id));
}

const intakeRoles: readonly Role[] = ['operator', 'clerk', 'head', 'admin'];
/** Operators, clerks, heads and admins register oral, paper and phone appeals for applicants. */
export function canRegisterForApplicant(user: StaffUser): boolean {
  return intakeRoles.includes(user.role);
}

/** Roles whose work needs the applicant's name and contacts; analysts and auditors never see them. */
export function canSeePersonalData(user: StaffUser): boolean {
  return personalDataRoles.includes(user.role);
}

const caseworkRoles: readonly Role[] = [
  'operator',
  'clerk',
  'executor',
  'head',
  'internal_security',
  'admin',
  'auditor',
];
/** Roles that open individual appeals at all; analysts work with aggregates only. */
export function canOpenAppeals(user: StaffUser): boolean {
  return caseworkRoles.includes(user.role);
}
