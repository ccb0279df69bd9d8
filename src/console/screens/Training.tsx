import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import type { Role } from '../../contracts/enums.ts';
import {
  type LessonCheck,
  type LessonView,
  lessonCheckSchema,
  lessonListSchema,
  lessonStartedSchema,
  trainingProgressSchema,
} from '../../contracts/training.schema.ts';
import { api } from '../app/api.ts';
import { date } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { navigate } from '../app/router.tsx';
import { ScreenHelp } from '../app/screen-help.tsx';
import { useSession } from '../app/session.tsx';
import { useTraining } from '../app/training.tsx';
import { Button, ErrorBanner, Loading } from '../app/ui.tsx';

const progressRoles: readonly Role[] = ['head', 'admin'];

/** Training mode: explains it, fills the sandbox with demo appeals, guided lessons, a head's overview. */
export function Training() {
  const { t } = useI18n();
  const session = useSession();
  const training = useTraining();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setError(null);
    try {
      const { created } = await api('/api/v1/training/start', z.object({ created: z.number() }), {
        method: 'POST',
      });
      training.set(true);
      await queryClient.invalidateQueries();
      setMessage(t('training.started', { count: created }));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="training-title" className="narrow">
      <div className="page-head">
        <h1 id="training-title">{t('training.title')}</h1>
        <ScreenHelp topic="training" />
      </div>
      <p>{t('training.intro')}</p>
      <ErrorBanner error={error} />
      {message ? (
        <p className="banner banner-ok" role="status">
          {message}
        </p>
      ) : null}
      <div className="row">
        <Button kind="primary" onClick={() => void start()}>
          {t('training.start')}
        </Button>
        {training.on ? (
          <Button onClick={() => training.set(false)}>{t('training.off')}</Button>
        ) : (
          <Button onClick={() => training.set(true)}>{t('training.on')}</Button>
        )}
        {training.on ? <Button onClick={() => navigate('/queue/all')}>{t('nav.all')}</Button> : null}
      </div>
      <Lessons />
      {progressRoles.includes(session.user.role) ? <PeopleProgress /> : null}
    </section>
  );
}

/** The caller's lessons: steps, Start (opens the lesson's appeal in training mode), Check my work. */
function Lessons() {
  const { t, language } = useI18n();
  const lessons = useQuery({
    queryKey: ['training-lessons', language],
    queryFn: () => api('/api/v1/training/lessons', lessonListSchema),
  });
  return (
    <section aria-labelledby="lessons-title">
      <h2 id="lessons-title">{t('training.lessons')}</h2>
      <p className="muted">{t('training.lessonsIntro')}</p>
      <ErrorBanner error={lessons.error} />
      {lessons.isPending ? <Loading /> : null}
      {lessons.data?.items.length === 0 ? <p>{t('training.noLessons')}</p> : null}
      <ol className="lessons">
        {lessons.data?.items.map((lesson) => (
          <LessonItem key={lesson.id} lesson={lesson} />
        ))}
      </ol>
    </section>
  );
}

function LessonItem({ lesson }: { lesson: LessonView }) {
  const { t } = useI18n();
  const training = useTraining();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<LessonCheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const titleId = `lesson-${lesson.id}`;

  const start = async () => {
    setError(null);
    setResult(null);
    try {
      const { number } = await api(`/api/v1/training/lessons/${lesson.id}/start`, lessonStartedSchema, {
        method: 'POST',
      });
      training.set(true);
      await queryClient.invalidateQueries();
      navigate(number ? `/appeals/${number}` : '/intake');
    } catch (failure) {
      setError(failure);
    }
  };
  const check = async () => {
    setError(null);
    try {
      setResult(
        await api(`/api/v1/training/lessons/${lesson.id}/check`, lessonCheckSchema, { method: 'POST' }),
      );
      await queryClient.invalidateQueries({ queryKey: ['training-lessons'] });
      await queryClient.invalidateQueries({ queryKey: ['training-progress'] });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <li className="panel lesson" aria-labelledby={titleId}>
      <div className="panel-head">
        <h3 id={titleId}>
          {lesson.completedAt ? (
            <span className="lesson-done" aria-hidden="true">
              ✓{' '}
            </span>
          ) : null}
          {lesson.title}
        </h3>
        <span className="muted">
          {lesson.completedAt
            ? t('training.lessonDone', { date: date(lesson.completedAt) })
            : t('training.lessonNotDone')}
        </span>
      </div>
      <ol className="lesson-steps">
        {lesson.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <ErrorBanner error={error} />
      {result?.passed ? (
        <p className="banner banner-ok" role="status">
          {t('training.lessonPassed')}
        </p>
      ) : null}
      {result && !result.passed ? (
        <div className="banner banner-warn" role="status">
          <p>{t('training.lessonProblems')}</p>
          <ul>
            {result.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="row">
        <Button kind="primary" onClick={() => void start()}>
          {t('training.lessonStart')}
        </Button>
        <Button onClick={() => void check()}>{t('training.lessonCheck')}</Button>
      </div>
    </li>
  );
}

/** For heads: the people in their scope and the lessons each has not completed yet. */
function PeopleProgress() {
  const { t, label, language } = useI18n();
  const progress = useQuery({
    queryKey: ['training-progress', language],
    queryFn: () => api('/api/v1/training/progress', trainingProgressSchema),
  });
  const people = progress.data?.people ?? [];
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('training.people')}</h2>
      <ErrorBanner error={progress.error} />
      {progress.isPending ? <Loading /> : null}
      {progress.data && people.length === 0 ? <p>{t('training.peopleNone')}</p> : null}
      {people.length > 0 ? (
        <div className="table-wrap">
          <table className="data people-progress">
            <thead>
              <tr>
                <th scope="col">{t('training.person')}</th>
                <th scope="col">{t('training.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => {
                const missing = person.lessons.filter((l) => l.completedAt === null);
                return (
                  <tr key={person.login}>
                    <th scope="row">
                      {person.fullName || person.login}
                      <div className="muted">
                        {label('role', person.role)} · {person.unit}
                      </div>
                    </th>
                    <td>
                      {person.lessons.length === 0 ? (
                        <span className="muted">{t('training.noRoleLessons')}</span>
                      ) : missing.length === 0 ? (
                        <span className="lesson-done">✓ {t('training.allDone')}</span>
                      ) : (
                        <ul className="plain">
                          {missing.map((l) => (
                            <li key={l.id}>{l.title}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
