import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { unfilledPlaceholders } from '../../contracts/answer-placeholders.ts';
import { appealCardSchema } from '../../contracts/console.schema.ts';
import { api } from '../app/api.ts';
import { day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { Link } from '../app/router.tsx';
import { Button, DaysLeft, ErrorBanner, Loading, PlaceholderList, TextArea } from '../app/ui.tsx';
import { useTransition } from './Actions.tsx';

/**
 * The head's review of one appeal from the approval queue: the citizen's text beside the draft, with its
 * outcome and executor, and the decision — approve, or return with a comment — without opening the card.
 */
export function ApprovalReview({ number, onDone }: { number: string; onDone(message: string): void }) {
  const { t, label } = useI18n();
  const card = useQuery({
    queryKey: ['appeal', number],
    queryFn: () => api(`/api/v1/appeals/${number}`, appealCardSchema),
  });
  if (card.isPending) return <Loading />;
  if (card.error) return <ErrorBanner error={card.error} />;
  const c = card.data;
  const draft = c.answers.filter((a) => a.status === 'draft').at(-1);
  return (
    <section className="panel approval-review" aria-labelledby="review-title">
      <div className="review-head">
        <h2 id="review-title">{t('approval.review', { number: c.number })}</h2>
        <Link to={`/appeals/${c.number}`}>{t('approval.openCard')}</Link>
      </div>
      <dl className="facts">
        <dt>{t('card.executor')}</dt>
        <dd>
          {c.executor ? (
            c.executor.name || c.executor.login
          ) : (
            <span className="muted">{t('approval.noExecutor')}</span>
          )}
        </dd>
        <dt>{t('editor.outcome')}</dt>
        <dd>
          {draft?.outcome ? (
            <span className="badge">{label('outcome', draft.outcome)}</span>
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
        <dt>{t('col.due')}</dt>
        <dd>
          {day(c.clock.dueOn)} <DaysLeft days={c.clock.daysLeft} />
        </dd>
      </dl>
      <div className="review-texts">
        <div>
          <h3>{t('approval.appeal')}</h3>
          <p className="appeal-text">{c.text}</p>
        </div>
        <div>
          <h3>{draft?.kind === 'conclusion' ? t('approval.draftConclusion') : t('approval.draftAnswer')}</h3>
          {draft ? <p className="appeal-text draft-text">{draft.body}</p> : <p>{t('approval.noDraft')}</p>}
        </div>
      </div>
      {draft ? (
        <Decision
          key={`${c.number}-${draft.id}`}
          card={c}
          kind={draft.kind}
          placeholders={unfilledPlaceholders(draft.body)}
          onDone={onDone}
        />
      ) : null}
    </section>
  );
}

function Decision({
  card,
  kind,
  placeholders,
  onDone,
}: {
  card: Parameters<typeof useTransition>[0];
  kind: 'answer' | 'conclusion';
  placeholders: readonly string[];
  onDone(message: string): void;
}) {
  const { t, label } = useI18n();
  const transition = useTransition(card);
  const approve = kind === 'answer' ? 'approve_answer' : 'approve_conclusion';
  const giveBack = kind === 'answer' ? 'return_answer' : 'return_conclusion';
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const may = (action: string) => card.allowedActions.some((a) => a === action);

  const decide = async (body: { action: string; comment?: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      await transition(body);
      onDone(t('action.done', { action: label('action', body.action) }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const submitReturn = (event: FormEvent) => {
    event.preventDefault();
    if (comment.trim()) void decide({ action: giveBack, comment: comment.trim() });
  };

  return (
    <div className="review-decision">
      <ErrorBanner error={failure} />
      {placeholders.length > 0 ? (
        <div role="alert" className="banner banner-warn">
          {t('action.placeholdersLeft')}
          <PlaceholderList placeholders={placeholders} />
        </div>
      ) : null}
      {may(approve) ? (
        confirming ? (
          <div className="row">
            <p className="grow">
              {kind === 'answer' ? t('approval.confirmApprove') : t('approval.confirmConclusion')}
            </p>
            <Button kind="primary" disabled={busy} onClick={() => void decide({ action: approve })}>
              {t('action.confirm')}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t('app.cancel')}</Button>
          </div>
        ) : (
          <Button kind="primary" disabled={placeholders.length > 0} onClick={() => setConfirming(true)}>
            {label('action', approve)}
          </Button>
        )
      ) : null}
      {may(giveBack) ? (
        <form className="stack" onSubmit={submitReturn} aria-label={label('action', giveBack)}>
          <TextArea
            label={t('approval.returnComment')}
            rows={2}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            required
          />
          <div>
            <Button type="submit" disabled={busy || !comment.trim()}>
              {label('action', giveBack)}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
