import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dashboardSchema } from '../../contracts/console.schema.ts';
import { api, query } from '../app/api.ts';
import { ExportLinks } from '../app/export-links.tsx';
import { day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { Link } from '../app/router.tsx';
import { ScreenHelp } from '../app/screen-help.tsx';
import { useSession } from '../app/session.tsx';
import { ErrorBanner, Loading, SelectField, StatusBadge } from '../app/ui.tsx';
import { UnitPicker } from '../app/unit-picker.tsx';

function Tile({ label, value, tone }: { label: string; value: string | number; tone?: 'alert' | 'warn' }) {
  return (
    <div className={`tile ${tone ? `tile-${tone}` : ''}`}>
      <span className="tile-value">{value}</span>
      <span className="tile-label">{label}</span>
    </div>
  );
}

/** The head's view of a unit: load, deadlines per executor, approvals, extensions, repeats, ratings. */
export function Dashboard() {
  const { t } = useI18n();
  const session = useSession();
  const [unit, setUnit] = useState<string[]>(session.user.unit ? [session.user.unit.code] : []);
  const [days, setDays] = useState(30);
  const dashboard = useQuery({
    queryKey: ['dashboard', unit[0] ?? '', days],
    queryFn: () => api(`/api/v1/dashboard${query({ unit: unit[0], days })}`, dashboardSchema),
  });
  const d = dashboard.data;
  const max = Math.max(1, ...(d?.load.receivedPerDay.map((x) => x.count) ?? [1]));
  const ratingMax = Math.max(1, ...(d?.ratings.distribution ?? [1]));
  return (
    <section aria-labelledby="dash-title">
      <div className="page-head">
        <h1 id="dash-title">{t('dash.title')}</h1>
        <ScreenHelp topic="dashboard" />
      </div>
      <div className="row filters-row">
        {session.user.scopeSubtree ? (
          <UnitPicker label={t('dash.unit')} value={unit} onChange={setUnit} />
        ) : null}
        <SelectField
          label={t('dash.period')}
          value={String(days)}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {[7, 30, 90, 365].map((n) => (
            <option key={n} value={n}>
              {t('dash.days', { days: n })}
            </option>
          ))}
        </SelectField>
      </div>
      <ExportLinks path="/api/v1/dashboard" query={query({ unit: unit[0], days }).slice(1)} />
      <ErrorBanner error={dashboard.error} />
      {!d ? (
        dashboard.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          <h2 className="dash-unit">
            {d.unit.name}{' '}
            <span className="muted small">
              {day(d.from)} – {day(d.today)}
            </span>
          </h2>
          <div className="tiles">
            <Tile label={t('dash.open')} value={d.load.open} />
            <Tile
              label={t('dash.overdue')}
              value={d.load.overdue}
              tone={d.load.overdue > 0 ? 'alert' : undefined}
            />
            <Tile
              label={t('dash.dueSoon')}
              value={d.load.dueSoon}
              tone={d.load.dueSoon > 0 ? 'warn' : undefined}
            />
            <Tile label={t('dash.unassigned')} value={d.load.unassigned} />
            <Tile label={t('dash.received')} value={d.load.receivedInPeriod} />
            <Tile label={t('dash.closed')} value={d.load.closedInPeriod} />
            <Tile
              label={t('dash.repeatRate')}
              value={d.repeats.rate === null ? '—' : `${Math.round(d.repeats.rate * 100)}%`}
            />
            <Tile
              label={t('dash.duplicateRate')}
              value={d.repeats.duplicateRate === null ? '—' : `${Math.round(d.repeats.duplicateRate * 100)}%`}
            />
            <Tile
              label={t('dash.rating')}
              value={d.ratings.average === null ? '—' : d.ratings.average.toFixed(1)}
            />
          </div>
          <div className="dash-grid">
            <section className="panel" aria-labelledby="perday-title">
              <h2 id="perday-title">{t('dash.perDay')}</h2>
              <table className="bars">
                <tbody>
                  <tr>
                    {d.load.receivedPerDay.map((x) => (
                      <td key={x.day} title={`${day(x.day)}: ${x.count}`}>
                        <span className={`bar h${Math.round((x.count / max) * 10)}`} />
                        <span className="sr-only">
                          {day(x.day)}: {x.count}
                        </span>
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </section>
            <section className="panel" aria-labelledby="approval-title">
              <h2 id="approval-title">{t('dash.approval', { count: d.awaitingApproval.count })}</h2>
              {d.awaitingApproval.items.length === 0 ? <p className="muted">{t('dash.noData')}</p> : null}
              <ul className="plain">
                {d.awaitingApproval.items.map((a) => (
                  <li key={a.number}>
                    <Link to={`/appeals/${a.number}`}>{a.number}</Link> <StatusBadge status={a.status} />{' '}
                    {day(a.dueOn)} <span className="muted">{a.executor ?? ''}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section className="panel wide" aria-labelledby="exec-title">
              <h2 id="exec-title">{t('dash.executors')}</h2>
              {d.executors.length === 0 ? (
                <p className="muted">{t('dash.noData')}</p>
              ) : (
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('dash.executor')}</th>
                      <th scope="col" className="num">
                        {t('dash.open')}
                      </th>
                      <th scope="col" className="num">
                        {t('dash.dueSoon')}
                      </th>
                      <th scope="col" className="num">
                        {t('dash.overdue')}
                      </th>
                      <th scope="col" className="num">
                        {t('dash.answered')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.executors.map((e) => (
                      <tr key={e.login}>
                        <th scope="row">
                          {e.name ? (
                            <>
                              {e.name} <span className="muted small">{e.login}</span>
                            </>
                          ) : (
                            e.login
                          )}
                        </th>
                        <td className="num">{e.open}</td>
                        <td className={`num ${e.dueSoon > 0 ? 'warn' : ''}`}>{e.dueSoon}</td>
                        <td className={`num ${e.overdue > 0 ? 'alert' : ''}`}>{e.overdue}</td>
                        <td className="num">{e.answeredInPeriod}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="panel" aria-labelledby="ext-title">
              <h2 id="ext-title">{t('dash.extensions')}</h2>
              <dl className="facts">
                <dt>{t('dash.extendedInPeriod')}</dt>
                <dd>{d.extensions.extendedInPeriod}</dd>
                <dt>{t('dash.openExtended')}</dt>
                <dd>{d.extensions.openExtended}</dd>
                <dt>{t('dash.extensionRequested')}</dt>
                <dd>{d.extensions.requested}</dd>
                <dt>{t('dash.openExtraStudy')}</dt>
                <dd>{d.extensions.openExtraStudy}</dd>
              </dl>
            </section>
            <section className="panel" aria-labelledby="ratings-title">
              <h2 id="ratings-title">{t('dash.ratings', { count: d.ratings.count })}</h2>
              <ul className="rating-bars">
                {[1, 2, 3, 4, 5].map((score) => {
                  const count = d.ratings.distribution[score - 1] ?? 0;
                  return (
                    <li key={score}>
                      <span className="stars">{'★'.repeat(score)}</span>
                      <span className={`hbar w${Math.round((count / ratingMax) * 10)}`} />
                      <span>{count}</span>
                    </li>
                  );
                })}
              </ul>
            </section>
            <section className="panel" aria-labelledby="status-title">
              <h2 id="status-title">{t('dash.byStatus')}</h2>
              <ul className="plain">
                {d.load.byStatus.map((s) => (
                  <li key={s.status}>
                    <StatusBadge status={s.status} /> {s.count}
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </>
      )}
    </section>
  );
}
