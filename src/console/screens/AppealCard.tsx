import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import {
  type AttachmentView,
  appealCardSchema,
  type AppealCard as Card,
  type RevealedApplicant,
  revealedApplicantSchema,
  similarAppealsSchema,
} from '../../contracts/console.schema.ts';
import type { AppealAction } from '../../contracts/enums.ts';
import { attachmentMimeTypes, limits } from '../../contracts/limits.ts';
import { ApiError, api, apiVoid } from '../app/api.ts';
import { dateTime, day, size } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { nameIn, useReference } from '../app/reference.ts';
import { Link } from '../app/router.tsx';
import { useShortcuts } from '../app/shortcuts.ts';
import { Button, DaysLeft, ErrorBanner, Loading, StatusBadge } from '../app/ui.tsx';
import { ActionsPanel, useTransition } from './Actions.tsx';
import { AnswerEditor, uploadAnswerFiles, useAppealFiles } from './AnswerEditor.tsx';

function TextSection({ card }: { card: Card }) {
  const { t } = useI18n();
  const [latin, setLatin] = useState(false);
  const differs = card.textLatin.trim() !== card.text.trim();
  return (
    <section className="panel" aria-labelledby="text-title">
      <div className="panel-head">
        <h2 id="text-title">{t('card.text')}</h2>
        {differs ? (
          <div className="tabs" role="tablist" aria-label={t('card.text')}>
            <button type="button" role="tab" aria-selected={!latin} onClick={() => setLatin(false)}>
              {t('card.original')}
            </button>
            <button type="button" role="tab" aria-selected={latin} onClick={() => setLatin(true)}>
              {t('card.latin')}
            </button>
          </div>
        ) : null}
      </div>
      <div className="appeal-text" role="tabpanel">
        {latin ? card.textLatin : card.text}
      </div>
    </section>
  );
}

/**
 * One stored file: its name and size, an inline preview for images the server wrote anew, a download for
 * everything else (a PDF is never opened in the browser's viewer, whose scripts would run).
 */
function FileItem({
  number,
  file,
  children,
}: {
  number: string;
  file: AttachmentView;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const url = `/api/v1/appeals/${number}/attachments/${file.id}`;
  return (
    <li>
      <span className="file-name">{file.filename}</span> <span className="muted">({size(file.size)})</span>{' '}
      {file.preview === 'image' ? (
        shown ? (
          <img src={url} alt={file.filename} className="preview" />
        ) : (
          <Button small onClick={() => setShown(true)}>
            {t('card.preview')}
          </Button>
        )
      ) : (
        <a href={url} download={file.filename}>
          {t('card.download')}
        </a>
      )}{' '}
      {children}
    </li>
  );
}

/** The applicant's own files. */
function Attachments({ number }: { number: string }) {
  const { t } = useI18n();
  const files = (useAppealFiles(number).data ?? []).filter((f) => f.answerId === null);
  if (files.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="files-title">
      <h2 id="files-title">{t('card.attachments')}</h2>
      <ul className="files">
        {files.map((f) => (
          <FileItem key={f.id} number={number} file={f} />
        ))}
      </ul>
    </section>
  );
}

/** The files that go out with one answer; on the draft awaiting approval they can be added and removed. */
function AnswerFiles({ card, answerId, editable }: { card: Card; answerId: number; editable: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const files = (useAppealFiles(card.number).data ?? []).filter((f) => f.answerId === answerId);
  if (files.length === 0 && !editable) return null;
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    setNotice('');
    try {
      await work();
      setNotice(done);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['attachments', card.number] });
    }
  };
  return (
    <div className="answer-files">
      <h3 className="small">{t('card.answerFiles')}</h3>
      <ErrorBanner error={failure} />
      {notice ? (
        <p className="small" role="status">
          {notice}
        </p>
      ) : null}
      {files.length > 0 ? (
        <ul className="files">
          {files.map((f) => (
            <FileItem key={f.id} number={card.number} file={f}>
              {editable ? (
                <Button
                  small
                  disabled={busy}
                  aria-label={`${t('card.removeFile')}: ${f.filename}`}
                  onClick={() =>
                    run(
                      () =>
                        apiVoid(`/api/v1/appeals/${card.number}/answer-files/${f.id}`, { method: 'DELETE' }),
                      '',
                    )
                  }
                >
                  {t('card.removeFile')}
                </Button>
              ) : null}
            </FileItem>
          ))}
        </ul>
      ) : null}
      {editable && files.length < limits.attachmentsMaxCount ? (
        <p>
          <label htmlFor={inputId}>{t('card.addFiles')}</label>{' '}
          <input
            id={inputId}
            type="file"
            multiple
            disabled={busy}
            accept={attachmentMimeTypes.join(',')}
            onChange={(event) => {
              const chosen = [...(event.currentTarget.files ?? [])];
              event.currentTarget.value = '';
              if (chosen.length > 0)
                void run(() => uploadAnswerFiles(card.number, chosen), t('card.filesAdded'));
            }}
          />
        </p>
      ) : null}
    </div>
  );
}

function History({ card }: { card: Card }) {
  const { t, label } = useI18n();
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('card.history')}</h2>
      <ol className="timeline">
        {card.history.map((h) => {
          const actor = 'login' in h.actor ? h.actor.name || h.actor.login : label('event', h.actor.kind);
          const detail = ['reason', 'comment', 'to', 'note', 'into', 'dueOn'].flatMap((key) => {
            const value = h.data[key];
            if (typeof value !== 'string' || !value) return [];
            return [key === 'dueOn' ? `${t('card.dueOn')}: ${day(value)}` : value];
          });
          return (
            <li key={`${h.at}-${h.event}-${h.toStatus ?? ''}`} className={h.public ? '' : 'internal'}>
              <time dateTime={h.at}>{dateTime(h.at)}</time>
              <span className="event">{label('event', h.event)}</span>
              {h.toStatus ? <span className="muted"> → {label('status', h.toStatus)}</span> : null}
              <div className="small muted">
                {actor}
                {h.unit ? ` · ${h.unit.name}` : ''}
              </div>
              {detail.length > 0 ? <div className="small">{detail.join(' · ')}</div> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Answers({ card }: { card: Card }) {
  const { t, label } = useI18n();
  if (card.answers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="answers-title">
      <h2 id="answers-title">{t('card.answers')}</h2>
      {[...card.answers].reverse().map((a) => (
        <article key={a.id} className={`answer answer-${a.status}`}>
          <header>
            <strong>{a.kind === 'answer' ? t('card.answer') : t('card.conclusion')}</strong>{' '}
            <span className="badge">
              {a.status === 'approved'
                ? t('card.approved')
                : a.status === 'returned'
                  ? t('card.returnedDraft')
                  : t('card.draft')}
            </span>{' '}
            {a.outcome ? <span className="badge">{label('outcome', a.outcome)}</span> : null}{' '}
            <span className="muted small">{dateTime(a.createdAt)}</span>{' '}
            <a
              href={`/api/v1/appeals/${card.number}/answers/${a.id}/letter.pdf`}
              target="_blank"
              rel="noopener"
            >
              {t('card.letter')}
            </a>
          </header>
          <div className="answer-body">{a.body}</div>
          {a.kind === 'answer' ? (
            <AnswerFiles
              card={card}
              answerId={a.id}
              editable={card.answerFilesEditable && a.status === 'draft'}
            />
          ) : null}
          {a.reviewComment && a.reviewComment !== 'superseded' ? (
            <p className="banner banner-warn">{t('card.reviewComment', { comment: a.reviewComment })}</p>
          ) : null}
        </article>
      ))}
    </section>
  );
}

function Links({ card }: { card: Card }) {
  const { t, label } = useI18n();
  const related = card.related ?? [];
  const { parent, children, merged } = card.links;
  if (!parent && children.length === 0 && merged.length === 0 && related.length === 0) return null;
  const item = (n: { number: string; status: string }, kind?: string | null) => (
    <li key={`${n.number}-${kind ?? ''}`}>
      <Link to={`/appeals/${n.number}`}>{n.number}</Link>{' '}
      <span className="muted">{label('status', n.status)}</span>
      {kind ? <span className="tag">{label('link', kind)}</span> : null}
    </li>
  );
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">{t('card.links')}</h2>
      {parent ? (
        <>
          <h3>{t('card.parent')}</h3>
          <ul>{item(parent, parent.kind)}</ul>
        </>
      ) : null}
      {children.length > 0 ? (
        <>
          <h3>{t('card.children')}</h3>
          <ul>{children.map((c) => item(c, c.kind))}</ul>
        </>
      ) : null}
      {merged.length > 0 ? (
        <>
          <h3>{t('card.merged')}</h3>
          <ul>{merged.map((c) => item(c))}</ul>
        </>
      ) : null}
      {related.length > 0 ? (
        <>
          <h3>{t('card.related')}</h3>
          <ul>{related.slice(0, 20).map((c) => item(c, c.kind))}</ul>
        </>
      ) : null}
    </section>
  );
}

function Clock({ card }: { card: Card }) {
  const { t } = useI18n();
  const c = card.clock;
  return (
    <section
      className={`panel clock ${c.overdue ? 'clock-overdue' : c.dueSoon ? 'clock-soon' : ''}`}
      aria-labelledby="clock-title"
    >
      <h2 id="clock-title">{t('card.clock')}</h2>
      <p className="due">
        <span className="due-label">{t('card.dueOn')}</span> <strong>{day(c.dueOn)}</strong>{' '}
        <DaysLeft days={c.daysLeft} />
      </p>
      <dl className="facts">
        <dt>{t('card.received')}</dt>
        <dd>{dateTime(card.receivedAt)}</dd>
        <dt>{t('card.registrationDue')}</dt>
        <dd>{day(c.registrationDueOn)}</dd>
        <dt>{t('card.handoverDue')}</dt>
        <dd>{day(c.handoverDueOn)}</dd>
        <dt>{t('card.forwardDue')}</dt>
        <dd>{day(c.forwardDueOn)}</dd>
        {c.proposalNoticeDueOn ? (
          <>
            <dt>{t('card.proposalNotice')}</dt>
            <dd>{day(c.proposalNoticeDueOn)}</dd>
          </>
        ) : null}
        {c.infoDueOn ? (
          <>
            <dt>{t('card.infoDue')}</dt>
            <dd>{day(c.infoDueOn)}</dd>
          </>
        ) : null}
        {c.baseDueOn !== c.dueOn ? (
          <>
            <dt>{t('card.baseDue')}</dt>
            <dd>{day(c.baseDueOn)}</dd>
          </>
        ) : null}
        <dt>{t('card.extraStudy')}</dt>
        <dd>{c.extraStudy ? t('card.used') : t('card.notUsed')}</dd>
        <dt>{t('card.headExtension')}</dt>
        <dd>{c.headExtensionUsed ? t('card.used') : t('card.notUsed')}</dd>
      </dl>
    </section>
  );
}

function Applicant({
  card,
  revealed,
  onReveal,
}: {
  card: Card;
  revealed: RevealedApplicant | null;
  onReveal(a: RevealedApplicant): void;
}) {
  const { t, label } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const reveal = async () => {
    try {
      onReveal(await api(`/api/v1/appeals/${card.number}/applicant`, revealedApplicantSchema));
    } catch (failure) {
      setError(failure);
    }
  };
  const person = revealed?.applicant;
  return (
    <section className="panel" aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t('card.applicant')}</h2>
      <p>{label('applicant', card.applicant.kind)}</p>
      {card.signatories ? <p>{t('card.signatories', { count: card.signatories })}</p> : null}
      <ErrorBanner error={error} />
      {person ? (
        <dl className="facts">
          {person.organization ? (
            <>
              <dt>{t('intake.organization')}</dt>
              <dd>{person.organization}</dd>
            </>
          ) : null}
          {person.lastName ? (
            <>
              <dt>{t('admin.fullName')}</dt>
              <dd>{[person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' ')}</dd>
            </>
          ) : null}
          {person.representative ? (
            <>
              <dt>{t('intake.representative')}</dt>
              <dd>{person.representative}</dd>
            </>
          ) : null}
          {person.address ? (
            <>
              <dt>{t('intake.address')}</dt>
              <dd>{person.address}</dd>
            </>
          ) : null}
          {person.phone ? (
            <>
              <dt>{t('admin.phone')}</dt>
              <dd>{person.phone}</dd>
            </>
          ) : null}
          {person.email ? (
            <>
              <dt>{t('admin.email')}</dt>
              <dd>{person.email}</dd>
            </>
          ) : null}
          {person.pinfl ? (
            <>
              <dt>JSHSHIR</dt>
              <dd>{person.pinfl}</dd>
            </>
          ) : null}
        </dl>
      ) : card.applicant.canReveal ? (
        <>
          <Button onClick={() => void reveal()}>{t('card.reveal')}</Button>
          <p className="hint">{t('card.revealNote')}</p>
        </>
      ) : card.applicant.kind !== 'anonymous' ? (
        <p className="muted">{t('card.noPersonal')}</p>
      ) : null}
    </section>
  );
}

function Suggestion({ card, onRouted }: { card: Card; onRouted(message: string): void }) {
  const { t, label, language } = useI18n();
  const reference = useReference();
  const transition = useTransition(card);
  const [error, setError] = useState<unknown>(null);
  const s = card.routingSuggestion;
  const analysis = card.analysis;
  const categoryName = (code: string) =>
    nameIn(reference.data?.categories.find((c) => c.code === code)?.names, language) || code;
  const target = analysis?.suggestions[0]?.unit ?? s.unit.code;
  const route = async () => {
    setError(null);
    try {
      await transition({ action: 'route', units: [target] });
      onRouted(t('action.done', { action: label('action', 'route') }));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="panel" aria-labelledby="suggestion-title">
      <h2 id="suggestion-title">{t('card.suggestion')}</h2>
      <p>
        <strong>{s.unit.name}</strong> <code className="small">{s.unit.code}</code>
      </p>
      <p className="small muted">
        {s.basis === 'rule' ? t('basis.rule', { id: s.ruleId ?? '' }) : label('basis', s.basis)}
      </p>
      {analysis && analysis.confidence !== null ? (
        <div className="analysis">
          <p className="small">
            {analysis.category ? categoryName(analysis.category) : ''} ·{' '}
            {t('card.confidence', { value: Math.round(analysis.confidence * 100) })}
          </p>
          {analysis.explanation.length > 0 ? (
            <p className="small muted">
              {t('card.words', { words: analysis.explanation.slice(0, 8).join(', ') })}
            </p>
          ) : null}
          {analysis.suggestions.length > 1 ? (
            <details>
              <summary className="small">{t('card.alternatives')}</summary>
              <ul className="small">
                {analysis.suggestions.map((x) => (
                  <li key={x.category}>
                    {categoryName(x.category)} — {Math.round(x.confidence * 100)}% → <code>{x.unit}</code>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      <ErrorBanner error={error} />
      {card.allowedActions.includes('route') ? (
        <Button kind="primary" onClick={() => void route()}>
          {t('card.routeSuggested')} <span className="kbd">r</span>
        </Button>
      ) : null}
    </section>
  );
}

function Similar({ card, onUse }: { card: Card; onUse(body: string): void }) {
  const { t, label } = useI18n();
  const similar = useQuery({
    queryKey: ['similar', card.number],
    queryFn: () => api(`/api/v1/appeals/${card.number}/similar`, similarAppealsSchema),
    retry: false,
  });
  const drafting = card.allowedActions.includes('draft_answer');
  if (similar.error || !similar.data) return null;
  return (
    <section className="panel" aria-labelledby="similar-title">
      <h2 id="similar-title">{t('card.similar')}</h2>
      {similar.data.length === 0 ? <p className="muted small">{t('card.noSimilar')}</p> : null}
      <ul className="similar">
        {similar.data.map((s) => (
          <li key={s.number}>
            <details>
              <summary>
                <Link to={`/appeals/${s.number}`}>{s.number}</Link>{' '}
                {s.outcome ? <span className="tag">{label('outcome', s.outcome)}</span> : null}
                <div className="small muted">{s.excerpt.slice(0, 120)}</div>
              </summary>
              <div className="answer-body small">{s.answer}</div>
              {drafting ? (
                <Button small onClick={() => onUse(s.answer)}>
                  {t('card.useAnswer')}
                </Button>
              ) : null}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

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
      () =>
        void quick('route', {
          action: 'route',
          units: [c.analysis?.suggestions[0]?.unit ?? c.routingSuggestion.unit.code],
        }),
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
          <h1 id="card-title">{c.number}</h1>
          <div className="flags">
            <StatusBadge status={c.status} />
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
          </div>
        </div>
        <dl className="facts facts-inline">
          <dt>{t('card.category')}</dt>
          <dd>{c.category?.name ?? <span className="muted">{t('card.noCategory')}</span>}</dd>
          <dt>{t('card.territory')}</dt>
          <dd>{c.territory?.name ?? '—'}</dd>
          <dt>{t('card.channel')}</dt>
          <dd>
            {label('channel', c.channel)}, {label('form', c.form).toLowerCase()}
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
