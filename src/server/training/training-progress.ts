import type { UiLanguage } from '../../contracts/enums.ts';
import type { TrainingProgress } from '../../contracts/training.schema.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { maySeeTrainingProgress } from './lesson.policy.ts';
import { lessonsFor } from './lessons.ts';
import { activeStaffOf, lessonCompletions } from './training.repository.ts';

/**
 * The people in a head's scope (their unit, or its subtree when their scope is one), each with their
 * role's lessons and which of them they have passed.
 */
export async function trainingProgress(
  ctx: AppContext,
  user: StaffUser,
  language: UiLanguage,
): Promise<TrainingProgress> {
  if (!maySeeTrainingProgress(user)) throw new AppError('FORBIDDEN');
  const units = ctx.reference().units;
  const people = await activeStaffOf(ctx.db, scopeOf(user, units).unitIds);
  const completions = await lessonCompletions(
    ctx.db,
    people.map((p) => p.id),
  );
  const done = new Map(completions.map((c) => [`${c.user_id} ${c.lesson_id}`, c.completed_at] as const));
  return {
    people: people.map((p) => ({
      login: p.login,
      fullName: p.full_name,
      role: p.role,
      unit: units.byId(p.unit_id)?.names[language] ?? '',
      lessons: lessonsFor(p.role).map((l) => ({
        id: l.id,
        title: l.title[language],
        completedAt: done.get(`${p.id} ${l.id}`)?.toISOString() ?? null,
      })),
    })),
  };
}
