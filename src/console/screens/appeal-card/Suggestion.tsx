import { useState } from 'react';
import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { useI18n } from '../../app/i18n.tsx';
import { nameIn, useReference } from '../../app/reference.ts';
import { Button, ErrorBanner } from '../../app/ui.tsx';
import { useTransition } from '../Actions.tsx';

/** Where the appeal should go and why (rule or classifier), with one button to route it there. */
export function Suggestion({ card, onRouted }: { card: Card; onRouted(message: string): void }) {
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
