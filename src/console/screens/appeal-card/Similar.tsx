import { useQuery } from '@tanstack/react-query';
import { type AppealCard as Card, similarAppealsSchema } from '../../../contracts/console.schema.ts';
import { api } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { Button } from '../../app/ui.tsx';

/** Answered appeals like this one, whose answer can seed a draft. */
export function Similar({ card, onUse }: { card: Card; onUse(body: string): void }) {
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
            {/* The link stays outside the summary: a link inside the control that opens the answer is a
                control inside a control, which screen readers announce as one and keyboards reach badly. */}
            <Link to={`/appeals/${s.number}`}>{s.number}</Link>{' '}
            {s.outcome ? <span className="tag">{label('outcome', s.outcome)}</span> : null}
            <details>
              <summary className="small muted">{s.excerpt.slice(0, 120)}</summary>
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
