import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type CampaignGrouping,
  campaignGroupingSchema,
  campaignListSchema,
} from '../../contracts/campaign.schema.ts';
import { api } from '../app/api.ts';
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { nameIn, useReference } from '../app/reference.ts';
import { Link } from '../app/router.tsx';
import { Button, ErrorBanner, Loading } from '../app/ui.tsx';
import { useChange } from './admin/shared.tsx';

/** Roles that may make a campaign one group (the roles that may add an appeal to a group). */
export const campaignGroupers = ['clerk', 'head', 'internal_security', 'admin'];

/**
 * Mass appeals in the viewer's scope: one text from many applicants, shown as one matter with its size and
 * dates. One action makes it a group, so the head approves one answer and every applicant receives it.
 */
export function Campaigns({ role }: { role: string }) {
  const { t, language, label } = useI18n();
  const reference = useReference();
  const change = useChange([['campaigns']]);
  const [result, setResult] = useState<CampaignGrouping | null>(null);
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api('/api/v1/campaigns', campaignListSchema),
  });
  const territory = (code: string | null) =>
    code ? nameIn(reference.data?.territories.find((r) => r.code === code)?.names, language) || code : '—';
  const category = (code: string | null) =>
    code ? nameIn(reference.data?.categories.find((c) => c.code === code)?.names, language) || code : '—';
  const group = (lead: string) =>
    change.run(async () => {
      setResult(
        await api(`/api/v1/campaigns/${lead}/group`, campaignGroupingSchema, { method: 'POST', body: {} }),
      );
    });
  const rows = list.data?.items ?? [];
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t('campaigns.title')}</h1>
      <p>{t('campaigns.intro')}</p>
      {result ? (
        <p className="banner banner-ok" role="status">
          {t('campaigns.groupedResult', {
            lead: result.lead,
            joined: String(result.joined.length),
            skipped: String(result.skipped.length),
          })}
        </p>
      ) : null}
      {result && result.skipped.length > 0 ? (
        <ul className="skipped">
          {result.skipped.map((s) => (
            <li key={s.number}>
              <Link to={`/appeals/${s.number}`}>{s.number}</Link>: {label('refusal', s.reason)}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorBanner error={list.error ?? change.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('campaigns.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('campaigns.text')}</th>
                <th scope="col">{t('campaigns.size')}</th>
                <th scope="col">{t('campaigns.received')}</th>
                <th scope="col">{t('campaigns.lead')}</th>
                <th scope="col">{t('card.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.lead}>
                  <th scope="row">
                    <span className="muted">
                      {territory(c.territory)} · {category(c.category)}
                    </span>
                    <br />
                    {c.excerpt}
                  </th>
                  <td>
                    {t('campaigns.sizeOf', {
                      size: String(c.size),
                      applicants: String(c.applicants),
                      open: String(c.open),
                      grouped: String(c.grouped),
                    })}
                  </td>
                  <td>
                    {dateTime(c.firstReceivedAt)} – {dateTime(c.lastReceivedAt)}
                  </td>
                  <td>
                    <Link to={`/appeals/${c.lead}`}>{c.lead}</Link>
                  </td>
                  <td>
                    {c.joinable === 0 ? (
                      c.grouped > 0 ? (
                        t('campaigns.allGrouped')
                      ) : null
                    ) : campaignGroupers.includes(role) ? (
                      <Button small onClick={() => void group(c.lead)}>
                        {t('campaigns.group')}
                      </Button>
                    ) : (
                      t('campaigns.joinable', { count: String(c.joinable) })
                    )}
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
