import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { myReportSchema } from '../../contracts/reports.schema.ts';
import { api } from '../app/api.ts';
import { dateTime } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { ErrorBanner, Loading } from '../app/ui.tsx';

const listSchema = z.object({ items: myReportSchema.array() });

/**
 * My monthly reports (docs/analytics.md, "Scheduled reports"): each written for me, as I see the unit, on the
 * 1st of the month; downloaded as PDF or XLSX (each download is audited; nobody else can download mine).
 */
export function Reports() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['my-reports'], queryFn: () => api('/api/v1/reports', listSchema) });
  const rows = list.data?.items ?? [];
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <ErrorBanner error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('reports.month')}</th>
                <th scope="col">{t('reports.name')}</th>
                <th scope="col">{t('reports.unit')}</th>
                <th scope="col">{t('reports.generated')}</th>
                <th scope="col">{t('reports.email')}</th>
                <th scope="col">{t('reports.download')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.month}</th>
                  <td>{r.scheduleName}</td>
                  <td>
                    {r.unit.name} <code>{r.unit.code}</code>
                  </td>
                  <td>{dateTime(r.generatedAt)}</td>
                  <td>{t(`reports.emailStatus.${r.email}`)}</td>
                  <td>
                    <div className="row">
                      <a className="btn btn-small" href={`/api/v1/reports/${r.id}/pdf`} download>
                        PDF
                      </a>
                      <a className="btn btn-small" href={`/api/v1/reports/${r.id}/xlsx`} download>
                        XLSX
                      </a>
                    </div>
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
