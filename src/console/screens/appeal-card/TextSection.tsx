import { useState } from 'react';
import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The appeal's text as written, with a tab for its Latin reading when that differs. */
export function TextSection({ card }: { card: Card }) {
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
