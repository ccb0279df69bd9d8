import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  appealCardSchema,
  type AppealCard as Card,
  type RevealedApplicant,
} from '../../../contracts/console.schema.ts';
import type { AppealAction } from '../../../contracts/enums.ts';
import { ApiError, api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { routeSuggestion } from '../../app/route-suggestion.ts';
import { Link } from '../../app/router.tsx';
import { ScreenHelp } from '../../app/screen-help.tsx';
import { useShortcuts } from '../../app/shortcuts.ts';
import { ErrorBanner, Loading, StatusBadge } from '../../app/ui.tsx';
import { ActionsPanel, useTransition } from '../Actions.tsx';
import { AnswerEditor } from '../AnswerEditor.tsx';
import { Answers } from './Answers.tsx';
import { Applicant } from './Applicant.tsx';
import { Clock } from './Clock.tsx';
import { Attachments } from './Files.tsx';
import { Group } from './Group.tsx';
import { History } from './History.tsx';
import { Links } from './Links.tsx';
import { Retention } from './Retention.tsx';
import { Similar } from './Similar.tsx';
import { Suggestion } from './Suggestion.tsx';
import { TextSection } from './TextSection.tsx';

/** The appeal card: text, files, clock, applicant, history, answers, links, suggestion and actions. */
export function AppealCard({ number }: { number: string }) {
  const { t } = useI18n();
  const card = useQuery({
    queryKey: ['appeal', number],
    queryFn: () => api(`/api/v1/appeals/${number}`, appealCardSchema),
  });
  if (card.isPending) return <Loading />;
  if (card.error) {
    const missing = card.error instanceof ApiError && card.error.code === 'APPEAL_NOT_FOUND';
    return (
      <section>
        <h1>{number}</h1>
        {missing ? (
          <p className="banner banner-error" role="alert">
            {t('card.notFound')}
          </p>
        ) : (
          <ErrorBanner error={card.error} />
        )}
        <Link to="/">{t('app.back')}</Link>
      </section>
    );
  }
  return <CardView card={card.data} />;
}

function CardView({ card: c }: { card: Card }) {
  const { t, label } = useI18n();
  const transition = useTransition(c);
  const [editing, setEditing] = useState(false);
  const [seed, setSeed] = useState<string | null>(null);
  const [active, setActive] = useState<AppealAction | null>(null);
  const [notice, setNotice] = useState('');
  const [revealed, setRevealed] = useState<RevealedApplicant | null>(null);

  const done = (message: string) => {
    setNotice(message);
    setEditing(false);
  };
  const allowed = (action: AppealAction) => c.allowedActions.includes(action);
  const quick = async (action: AppealAction, body: unknown) => {
    if (!allowed(action)) return;
    try {
      await transition(body);
      done(t('action.done', { action: label('action', action) }));
    } catch (failure) {
      setNotice(failure instanceof ApiError ? failure.message : t('app.error'));
    }
  };
  useShortcuts([
    ['a', () => void quick('accept', { action: 'accept' })],
    ['p', () => allowed('approve_answer') && setActive('approve_answer')],
    ['e', () => allowed('draft_answer') && setEditing(true)],
    [
      'r',
      () => {
        const suggested = routeSuggestion(c);
        if (suggested) void quick('route', { action: 'route', units: [suggested.unit] });
      },
    ],
    [
      'Escape',
      () => {
        setActive(null);
        setEditing(false);
      },
    ],
  ]);

  const applicantName = revealed?.applicant
    ? (revealed.applicant.organization ??
      [revealed.applicant.firstName, revealed.applicant.lastName].filter(Boolean).join(' '))
    : null;
  return (
    <article className="card" aria-labelledby="card-title">
      <header className="card-head">
        <div>
          <div className="page-head">
            <h1 id="card-title">{c.number}</h1>
            <ScreenHelp topic="card" />
          </div>
          <div className="flags">
            <StatusBadge
              status={c.status}
              executor={c.executor ? c.executor.name || c.executor.login : null}
            />
            <span className="tag">{label('type', c.type)}</span>
            {c.urgent ? (
              <span className="tag tag-urgent">
                {t('flag.urgent')}
                {c.urgencyReason ? `: ${c.urgencyReason}` : ''}
              </span>
            ) : null}
            {c.aboutOfficer ? <span className="tag tag-officer">{t('flag.officer')}</span> : null}
            {!c.aboutOfficer && c.subjectUnit ? (
              <span className="tag tag-officer">{t('flag.officerSuspected')}</span>
            ) : null}
            {c.links.parent?.kind === 'repeat' ? <span className="tag">{t('flag.repeat')}</span> : null}
            {c.links.parent?.kind === 'complaint' ? <span className="tag">{t('flag.complaint')}</span> : null}
            {c.retention.hold ? <span className="tag tag-urgent">{t('retention.onHold')}</span> : null}
            {c.retention.anonymisedAt ? <span className="tag">{t('retention.anonymisedFlag')}</span> : null}
          </div>
        </div>
        <dl className="facts facts-inline">
          <dt>{t('card.category')}</dt>
          <dd>{c.category?.name ?? <span className="muted">{t('card.noCategory')}</span>}</dd>
          <dt>{t('card.territory')}</dt>
          <dd>{c.territory?.name ?? '—'}</dd>
          {c.location ? (
            <>
              <dt>{t('card.place')}</dt>
              <dd>
                {[
                  c.location.place,
                  c.location.lat !== null && c.location.lon !== null
                    ? `${c.location.lat.toFixed(5)}, ${c.location.lon.toFixed(5)}`
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </dd>
            </>
          ) : null}
          <dt>{t('card.channel')}</dt>
          <dd>
            {label('channel', c.channel)}, {label('form', c.form).toLowerCase()}
            {c.origin ? (
              <span className="mono" data-testid="appeal-origin">
                {' '}
                · {c.origin.source} {c.origin.externalId}
              </span>
            ) : null}
          </dd>
          <dt>{t('card.unit')}</dt>
          <dd>{c.unit?.name ?? '—'}</dd>
          {c.executor ? (
            <>
              <dt>{t('card.executor')}</dt>
              <dd>{c.executor.name || c.executor.login}</dd>
            </>
          ) : null}
          <dt>{t('card.language')}</dt>
          <dd>
            {label('lang', c.answerLanguage)}, {label('channel', c.answerChannel)}
          </dd>
          {c.subjectUnit ? (
            <>
              <dt>{t('card.subject')}</dt>
              <dd>{c.subjectUnit.name}</dd>
            </>
          ) : null}
          {c.forwardedTo ? (
            <>
              <dt>{t('card.forwardedTo')}</dt>
              <dd>{c.forwardedTo}</dd>
            </>
          ) : null}
          {c.rating ? (
            <>
              <dt>{t('card.rating')}</dt>
              <dd>
                {'★'.repeat(c.rating.value)}
                {'☆'.repeat(5 - c.rating.value)} {c.rating.comment ?? ''}
              </dd>
            </>
          ) : null}
        </dl>
      </header>
      {notice ? (
        <p className="banner banner-ok" role="status">
          {notice}
        </p>
      ) : null}
      <div className="card-grid">
        <div className="card-main">
          <TextSection card={c} />
          <Attachments number={c.number} />
          {editing ? (
            <AnswerEditor
              card={c}
              seed={seed}
              applicantName={applicantName}
              onSaved={done}
              onCancel={() => setEditing(false)}
            />
          ) : null}
          <Answers card={c} />
          <Group card={c} />
          <History card={c} />
          <Links card={c} />
        </div>
        <aside className="card-side" aria-label={t('card.actions')}>
          <ActionsPanel
            card={c}
            active={active}
            setActive={(action) => {
              setNotice('');
              setActive(action);
            }}
            onDraftAnswer={() => {
              setNotice('');
              setEditing(true);
            }}
            onDone={done}
          />
          {c.status === 'registered' && c.allowedActions.includes('route') ? (
            <Suggestion card={c} onRouted={done} />
          ) : null}
          <Clock card={c} />
          <Applicant card={c} revealed={revealed} onReveal={setRevealed} />
          <Retention card={c} />
          <Similar
            card={c}
            onUse={(body) => {
              setSeed(body);
              setEditing(true);
            }}
          />
        </aside>
      </div>
    </article>
  );
}
