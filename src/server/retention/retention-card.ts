import type { Role } from '../../contracts/enums.ts';
import type { AppealRetention } from '../../contracts/retention.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { Db } from '../db/database.ts';
import type { AppealRow } from '../db/schema.ts';
import { holdOf } from './retention.repository.ts';

/** Roles that place and lift legal holds (on the appeals they can see). */
export const holdRoles: readonly Role[] = ['admin', 'head'];

/** True when the user's role places and lifts legal holds. */
export function mayHold(user: StaffUser): boolean {
  return holdRoles.includes(user.role);
}

/** What the appeal card shows about retention: the hold, when the data were anonymised, who may hold. */
export async function retentionOfAppeal(
  db: Db,
  user: StaffUser,
  appeal: Pick<AppealRow, 'id' | 'anonymised_at'>,
): Promise<AppealRetention> {
  const hold = await holdOf(db, appeal.id);
  return {
    hold: hold
      ? {
          reason: hold.reason,
          at: hold.held_at.toISOString(),
          by: { login: hold.login ?? null, name: hold.full_name ?? null },
        }
      : null,
    anonymisedAt: appeal.anonymised_at?.toISOString() ?? null,
    canHold: mayHold(user) && appeal.anonymised_at === null,
  };
}
