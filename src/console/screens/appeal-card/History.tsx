import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { dateTime, day } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The appeal's history, oldest first; internal lines marked as such. */
export function History({ card }: { card: Card }) {
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
