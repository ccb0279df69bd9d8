import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import type { AppealCard as Card } from '../../../contracts/console.schema.ts';
import { api } from '../../app/api.ts';
import { dateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner, fieldError, TextArea } from '../../app/ui.tsx';

/**
 * Retention on the card: whether the appeal is on legal hold (and why, since when, by whom), or when its
 * personal data were anonymised; heads and administrators place and lift the hold here.
 */
export function Retention({ card }: { card: Card }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const r = card.retention;
  const [reason, setReason] = useState('');
  const [placing, setPlacing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const url = `/api/v1/appeals/${encodeURIComponent(card.number)}/hold`;
  const change = async (init: { method: string; body?: unknown }) => {
    setError(null);
    try {
      await api(url, z.null(), init);
      setPlacing(false);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['appeal', card.number] });
    } catch (failure) {
      setError(failure);
    }
  };
  const place = (event: FormEvent) => {
    event.preventDefault();
    void change({ method: 'PUT', body: { reason } });
  };
  return (
    <section className="panel" aria-labelledby="retention-title" data-testid="retention">
      <h2 id="retention-title">{t('retention.title')}</h2>
      <ErrorBanner error={error} />
      {r.anonymisedAt ? (
        <p>{t('retention.anonymised', { at: dateTime(r.anonymisedAt) })}</p>
      ) : r.hold ? (
        <>
          <p>
            <strong className="tag tag-urgent">{t('retention.onHold')}</strong>
          </p>
          <p>
            {t('retention.heldBy', {
              at: dateTime(r.hold.at),
              by: r.hold.by.name || r.hold.by.login || '—',
            })}
          </p>
          <p>{r.hold.reason}</p>
          {r.canHold ? (
            <Button onClick={() => void change({ method: 'DELETE' })}>{t('retention.lift')}</Button>
          ) : null}
        </>
      ) : (
        <>
          <p className="muted">{t('retention.notHeld')}</p>
          {r.canHold && !placing ? (
            <Button onClick={() => setPlacing(true)}>{t('retention.place')}</Button>
          ) : null}
          {placing ? (
            <form className="stack" onSubmit={place}>
              <TextArea
                label={t('retention.reason')}
                value={reason}
                maxLength={500}
                required
                error={fieldError(error, 'reason')}
                onChange={(e) => setReason(e.target.value)}
              />
              <div className="row">
                <Button kind="primary" type="submit" disabled={reason.trim() === ''}>
                  {t('retention.place')}
                </Button>
                <Button onClick={() => setPlacing(false)}>{t('app.cancel')}</Button>
              </div>
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}
