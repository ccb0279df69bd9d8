import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { AnswerFiles } from './Files.tsx';

/** The appeal's answers and conclusions, newest first, each with its letter and files. */
export function Answers({ card }: { card: Card }) {
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
