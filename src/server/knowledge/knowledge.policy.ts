import type { Role } from '../../contracts/enums.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import { AppError } from '../errors.ts';

// Who may do what with the chatbot's knowledge base and its hand-offs.

/** Staff who call back a person who asked the chatbot for a human: the hotline and reception desk. */
const handoffRoles: readonly Role[] = ['operator', 'clerk', 'admin'];

/** Only administrators write articles and read the questions nobody answered (they may hold personal data). */
export function authorizeKnowledgeAdmin(user: StaffUser): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN');
}

/** Operators (and the appeals unit's clerks, and administrators) see and close hand-offs. */
export function authorizeHandoffs(user: StaffUser): void {
  if (!handoffRoles.includes(user.role)) throw new AppError('FORBIDDEN');
}
