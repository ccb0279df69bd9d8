import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { chatHandoffSchema } from '../../contracts/knowledge.schema.ts';
import { api } from '../app/api.ts';
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { Button, ErrorBanner, Loading } from '../app/ui.tsx';
import { useChange } from './admin/shared.tsx';

const accepted = z.object({ ok: z.literal(true) });

/**
 * People who asked the chatbot to talk to a person: their question as they confirmed it and how to reach
 * them. An operator calls or writes back, then marks the request done.
 */
export function Handoffs() {
  const { t, label } = useI18n();
  const change = useChange([['chat-handoffs']]);
  const [busy, setBusy] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['chat-handoffs'],
    queryFn: () => api('/api/v1/chat/handoffs', chatHandoffSchema.array()),
  });
  const done = async (id: number) => {
    setBusy(id);
    await change.run(() => api(`/api/v1/chat/handoffs/${id}/done`, accepted, { method: 'POST' }));
    setBusy(null);
  };
  const rows = list.data ?? [];
  return (
    <section aria-labelledby="handoffs-title">
      <h1 id="handoffs-title">{t('handoffs.title')}</h1>
      <p>{t('handoffs.intro')}</p>
      {change.message ? (
        <p className="banner banner-ok" role="status">
          {change.message}
        </p>
      ) : null}
      <ErrorBanner error={list.error ?? change.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('handoffs.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('handoffs.question')}</th>
                <th scope="col">{t('handoffs.contact')}</th>
                <th scope="col">{t('knowledge.language')}</th>
                <th scope="col">{t('handoffs.shown')}</th>
                <th scope="col">{t('knowledge.asked')}</th>
                <th scope="col">{t('card.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr key={h.id}>
                  <th scope="row">{h.question}</th>
                  <td>{h.contact ?? t('handoffs.noContact')}</td>
                  <td>{label('lang', h.language)}</td>
                  <td>{h.article?.title ?? '—'}</td>
                  <td>{dateTime(h.createdAt)}</td>
                  <td>
                    <Button small disabled={busy === h.id} onClick={() => void done(h.id)}>
                      {t('handoffs.markDone')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
