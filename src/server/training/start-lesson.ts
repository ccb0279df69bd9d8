import { canOpenAppeals, type StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { mayTakeLesson } from './lesson.policy.ts';
import { lessonById } from './lessons.ts';
import { writeSandboxAppeal } from './sandbox.ts';
import { insertLessonRun } from './training.repository.ts';

const DAY_MS = 86_400_000;

interface StartLessonOptions {
  ctx: AppContext;
  user: StaffUser;
  lessonId: string;
}

/**
 * Starts a lesson for the trainee: places its demo appeal in the sandbox of their unit (beside whatever
 * is there) and notes it as this lesson's, so the check reads that appeal and no other.
 */
export async function startLesson({ ctx, user, lessonId }: StartLessonOptions) {
  const lesson = lessonById(lessonId);
  if (!lesson) throw new AppError('LESSON_NOT_FOUND');
  if (!canOpenAppeals(user) || !mayTakeLesson(user, lesson)) throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { setup } = lesson;
    const appeal = setup
      ? await writeSandboxAppeal(ctx, tx, {
          demo: setup.demo,
          afterwards: setup.afterwards,
          unitId: user.unitId,
          executorId: setup.traineeExecutes ? user.id : null,
          receivedAt: new Date(now.getTime() - setup.demo.daysAgo * DAY_MS - 2 * 3_600_000),
          trainee: user,
        })
      : undefined;
    const appealId = appeal?.id ?? null;
    await insertLessonRun(tx, {
      user_id: user.id,
      lesson_id: lesson.id,
      appeal_id: appealId,
      started_at: now,
    });
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'training.lesson_start',
        targetType: 'lesson',
        targetId: lesson.id,
        data: { appeal: appeal?.registered.number ?? null },
        at: now,
      },
    ]);
    return { lesson: lesson.id, number: appeal?.registered.number ?? null };
  });
}
