import { useState } from 'react';
import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { useI18n } from '../../app/i18n.tsx';
import { nameIn, useReference, useUnits } from '../../app/reference.ts';
import { routeSuggestion } from '../../app/route-suggestion.ts';
import { useSuggestionReason } from '../../app/route-suggestion-reason.ts';
import { Button, ErrorBanner } from '../../app/ui.tsx';
import { useTransition } from '../Actions.tsx';

/**
 * Where the appeal should go and why (the rules or the language model's reading: one suggestion, the one
 * the Route form starts from), with one button to route it there.
 */
export function Suggestion({ card, onRouted }: { card: Card; onRouted(message: string): void }) {
  const { t, label, language } = useI18n();
  const reference = useReference();
  const units = useUnits();
  const reason = useSuggestionReason();
  const transition = useTransition(card);
  const [error, setError] = useState<unknown>(null);
  const s = routeSuggestion(card);
  const analysis = card.analysis;
  const categoryName = (code: string) =>
    nameIn(reference.data?.categories.find((c) => c.code === code)?.names, language) || code;
  const unitName = (code: string) =>
    nameIn(units.data?.find((u) => u.code === code)?.names, language) || code;
  const route = async () => {
    if (!s) return;
    setError(null);
    try {
      await transition({ action: 'route', units: [s.unit] });
      onRouted(t('action.done', { action: label('action', 'route') }));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section className="panel" aria-labelledby="suggestion-title">
      <h2 id="suggestion-title">{t('card.suggestion')}</h2>
      {s ? (
        <>
          <p>
            <strong>{s.name ?? unitName(s.unit)}</strong> <code className="small">{s.unit}</code>
          </p>
          <p className="small">{t('card.suggestionBasis', { reason: reason(s) })}</p>
        </>
      ) : (
        <p className="small muted">{t('card.noSuggestion')}</p>
      )}
      {analysis && analysis.confidence !== null ? (
        <div className="analysis">
          {/* The reading is the suggestion's reason already when the suggestion follows it. */}
          {s?.basis === 'classifier' ? null : (
            <p className="small">
              {analysis.category ? categoryName(analysis.category) : ''} ·{' '}
              {t('card.confidence', { value: Math.round(analysis.confidence * 100) })}
            </p>
          )}
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
      {s && card.allowedActions.includes('route') ? (
        <Button kind="primary" onClick={() => void route()}>
          {t('card.routeSuggested')} <span className="kbd">r</span>
        </Button>
      ) : null}
    </section>
  );
}
