import type { Role } from '../../contracts/enums.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { Lesson } from './lessons.ts';

/** A lesson is for the staff of its role; administrators may take every lesson. */
export function mayTakeLesson(user: StaffUser, lesson: Lesson): boolean {
  return user.role === 'admin' || user.role === lesson.role;
}

const progressRoles: readonly Role[] = ['head', 'admin'];
/** Heads see the training of the people in their scope; administrators see everyone's. */
export function maySeeTrainingProgress(user: StaffUser): boolean {
  return progressRoles.includes(user.role);
}
