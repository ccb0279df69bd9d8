import type { StaffUser } from '../appeals/appeal.policy.ts';
import { AppError } from '../errors.ts';

/** Only administrators see, issue and revoke the API keys of other systems. */
export function authorizeIntegrationsAdmin(user: StaffUser): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN');
}
