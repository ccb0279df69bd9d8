import type { UiLanguage } from '../../contracts/enums.ts';
import type { LessonCheck } from '../../contracts/training.schema.ts';
import { canOpenAppeals, type StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { mayTakeLesson } from './lesson.policy.ts';
import { type LessonFacts, type Localized, lessonById, nothingRegistered, notStarted } from './lessons.ts';
import {
  insertLessonCompletion,
  newestLessonRun,
  newestPracticeAppealId,
  sandboxAppealWithWork,
} from './training.repository.ts';

interface CheckLessonOptions {
  ctx: AppContext;
  user: StaffUser;
  lessonId: string;
  language: UiLanguage;
}

/**
 * Checks the trainee's work on the appeal of their latest start of a lesson — only ever their own
 * sandbox appeal — and records the first pass. Another person's actions on that appeal do not count.
 */
export async function checkLesson({
  ctx,
  user,
  lessonId,
  language,
}: CheckLessonOptions): Promise<LessonCheck> {
  const lesson = lessonById(lessonId);
  if (!lesson) throw new AppError('LESSON_NOT_FOUND');
  if (!canOpenAppeals(user) || !mayTakeLesson(user, lesson)) throw new AppError('FORBIDDEN');
  const failed = (problem: Localized): LessonCheck => ({
    passed: false,
    problems: [problem[language]],
    completedAt: null,
  });

  const run = await newestLessonRun(ctx.db, user.id, lesson.id);
  if (!run) return failed(notStarted);
  const appealId = lesson.setup
    ? run.appeal_id
    : await newestPracticeAppealId(ctx.db, user.id, run.started_at);
  if (appealId === null || appealId === undefined)
    return failed(lesson.setup ? notStarted : nothingRegistered);
  const work = await sandboxAppealWithWork(ctx.db, appealId);
  if (!work) return failed(notStarted);

  const problems = lesson.check(factsOf(ctx, user, work));
  if (problems.length > 0)
    return { passed: false, problems: problems.map((p) => p[language]), completedAt: null };

  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const first = await insertLessonCompletion(tx, {
      user_id: user.id,
      lesson_id: lesson.id,
      appeal_id: appealId,
      completed_at: now,
    });
    // Passing again is welcome practice, but only the first pass is a completion.
    if (!first) return;
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'training.lesson_completed',
        targetType: 'lesson',
        targetId: lesson.id,
        data: { appeal: work.appeal.number },
        at: now,
      },
    ]);
  });
  return { passed: true, problems: [], completedAt: now.toISOString() };
}

type Work = NonNullable<Awaited<ReturnType<typeof sandboxAppealWithWork>>>;

/** What the lesson's check reads: the appeal's state, its history and answers, the applicant opened. */
function factsOf(ctx: AppContext, user: StaffUser, { appeal, events, answers }: Work): LessonFacts {
  const ref = ctx.reference();
  return {
    traineeId: user.id,
    appeal: {
      status: appeal.status,
      type: appeal.type,
      channel: appeal.channel,
      applicantKind: appeal.applicant_kind,
      applicant: appeal.applicant_enc
        ? applicantOf(ctx.protector.open(appeal.applicant_enc, appeal.number))
        : null,
      text: appeal.text,
      categoryCode: appeal.category_code,
      ownerService: ref.units.byId(appeal.owner_unit_id)?.service ?? null,
      answerLanguage: appeal.answer_language,
      urgent: appeal.urgent,
      headExtensionUsed: appeal.head_extension_used,
    },
    events: events.map((e) => ({ event: e.event, actorId: e.actor_id, data: e.data })),
    answers: answers.map((a) => ({
      kind: a.kind,
      body: a.body,
      outcome: a.outcome,
      status: a.status,
      authorId: a.author_id,
      reviewerId: a.reviewer_id,
      reviewComment: a.review_comment,
    })),
  };
}

function applicantOf(opened: unknown): LessonFacts['appeal']['applicant'] {
  if (typeof opened !== 'object' || opened === null) return {};
  const field = (name: string) => {
    const value: unknown = Reflect.get(opened, name);
    return typeof value === 'string' ? value : undefined;
  };
  return { lastName: field('lastName'), firstName: field('firstName'), phone: field('phone') };
}
