import type { UiLanguage } from '../../contracts/enums.ts';
import type { LessonView } from '../../contracts/training.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { type Lesson, lessonsFor } from './lessons.ts';
import { lessonCompletions } from './training.repository.ts';

function present(lesson: Lesson, language: UiLanguage, completedAt: Date | undefined): LessonView {
  return {
    id: lesson.id,
    role: lesson.role,
    title: lesson.title[language],
    steps: lesson.steps.map((s) => s[language]),
    setsUpAppeal: lesson.setup !== null,
    completedAt: completedAt?.toISOString() ?? null,
  };
}

/** The caller's lessons (an administrator's: all of them), with when they first passed each. */
export async function listLessons(ctx: AppContext, user: StaffUser, language: UiLanguage) {
  const done = new Map(
    (await lessonCompletions(ctx.db, [user.id])).map((c) => [c.lesson_id, c.completed_at] as const),
  );
  return { items: lessonsFor(user.role).map((l) => present(l, language, done.get(l.id))) };
}
