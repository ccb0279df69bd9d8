import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { surgeAlertListSchema } from '../../contracts/analytics.schema.ts';
import { api } from '../app/api.ts';
import { ExportLinks } from '../app/export-links.tsx';
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { nameIn, useReference } from '../app/reference.ts';
import { Link } from '../app/router.tsx';
import { Button, ErrorBanner, Loading, TextField } from '../app/ui.tsx';
import { useChange } from './admin/shared.tsx';

const acknowledged = z.object({ acknowledged: z.literal(true) });

/**
 * Surges of appeals in the head's territories (docs/analytics.md): where, about what, how many against how
 * many expected, the words the appeals share and the appeals themselves. The head acknowledges one with a note.
 */
export function Alerts() {
  const { t, language } = useI18n();
  const reference = useReference();
  const change = useChange([['surge-alerts']]);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const list = useQuery({
    queryKey: ['surge-alerts'],
    queryFn: () => api('/api/v1/analytics/alerts', surgeAlertListSchema),
  });
  const territory = (code: string) =>
    nameIn(reference.data?.territories.find((r) => r.code === code)?.names, language) || code;
  const category = (code: string) =>
    nameIn(reference.data?.categories.find((c) => c.code === code)?.names, language) || code;
  const acknowledge = (id: number) =>
    change.run(() =>
      api(`/api/v1/analytics/alerts/${id}/acknowledge`, acknowledged, {
        method: 'POST',
        body: { note: notes[id] ?? '' },
      }),
    );
  const rows = list.data?.items ?? [];
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">{t('alerts.title')}</h1>
      <p>{t('alerts.intro')}</p>
      <ExportLinks path="/api/v1/analytics/alerts" query="" />
      {change.message ? (
        <p className="banner banner-ok" role="status">
          {change.message}
        </p>
      ) : null}
      <ErrorBanner error={list.error ?? change.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('alerts.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards-narrow">
            <thead>
              <tr>
                <th scope="col">{t('alerts.where')}</th>
                <th scope="col">{t('alerts.window')}</th>
                <th scope="col">{t('alerts.observed')}</th>
                <th scope="col">{t('alerts.words')}</th>
                <th scope="col">{t('alerts.appeals')}</th>
                <th scope="col">{t('card.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {territory(a.territory)} · {category(a.category)}
                    {a.campaign ? <> · {t('alerts.campaign')}</> : null}
                  </th>
                  <td data-label={t('alerts.window')}>
                    {dateTime(a.from)} – {dateTime(a.to)}
                  </td>
                  <td data-label={t('alerts.observed')}>
                    {t('alerts.observedOf', { observed: String(a.observed), expected: String(a.expected) })}
                  </td>
                  <td data-label={t('alerts.words')}>{a.sharedWords.join(', ')}</td>
                  <td data-label={t('alerts.appeals')}>
                    {a.appeals.slice(0, 10).map((n) => (
                      <Link key={n} to={`/appeals/${n}`}>
                        {n}{' '}
                      </Link>
                    ))}
                    {a.appeals.length > 10 ? `+${a.appeals.length - 10}` : null}
                  </td>
                  <td data-label={t('card.actions')}>
                    <TextField
                      label={t('alerts.note')}
                      value={notes[a.id] ?? ''}
                      onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })}
                    />
                    <Button
                      small
                      disabled={!(notes[a.id] ?? '').trim()}
                      onClick={() => void acknowledge(a.id)}
                    >
                      {t('alerts.acknowledge')}
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
