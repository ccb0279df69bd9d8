import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { hierarchyPeriods } from '../../contracts/analytics.schema.ts';
import type { Role } from '../../contracts/enums.ts';
import { type WorkloadFigures, workloadSchema } from '../../contracts/workload.schema.ts';
import { workloadWords } from '../../contracts/workload-words.ts';
import { api, query } from '../app/api.ts';
import { ExportLinks } from '../app/export-links.tsx';
import { day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { ErrorBanner, Loading, SelectField, TextField } from '../app/ui.tsx';

type Key = 'unit' | 'period' | 'from' | 'to' | 'sort';
const keys: readonly Key[] = ['unit', 'period', 'from', 'to', 'sort'];
/** Roles that open appeals (appeal.policy.ts canOpenAppeals); an analyst sees aggregates only, without links. */
const drillRoles: readonly Role[] = ['head', 'internal_security', 'admin'];
const openStatuses =
  'registered,assigned,in_progress,awaiting_info,answer_drafted,returned,conclusion_drafted';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The analytics screens' tabs: units side by side, and workload and quality. */
export function AnalyticsTabs({ current }: { current: 'units' | 'workload' }) {
  const { t } = useI18n();
  return (
    <nav className="tabs-nav" aria-label={t('nav.analytics')}>
      <Link to="/analytics" aria-current={current === 'units' ? 'page' : undefined}>
        {t('analytics.title')}
      </Link>
      <Link to="/analytics/workload" aria-current={current === 'workload' ? 'page' : undefined}>
        {t('workload.title')}
      </Link>
    </nav>
  );
}

/** The period of an analytics screen: this month, quarter, year… or a custom span with its two dates. */
export function PeriodFields(props: {
  period: string;
  from: string;
  to: string;
  onChange: (changes: { period?: string; from?: string; to?: string }) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <SelectField
        label={t('analytics.period')}
        value={props.period}
        onChange={(e) => props.onChange({ period: e.target.value })}
      >
        {hierarchyPeriods.map((p) => (
          <option key={p} value={p}>
            {t(`analytics.period.${p}`)}
          </option>
        ))}
      </SelectField>
      {props.period === 'custom' ? (
        <>
          <TextField
            label={t('filter.from')}
            type="date"
            value={props.from}
            onChange={(e) => props.onChange({ from: e.target.value })}
          />
          <TextField
            label={t('filter.to')}
            type="date"
            value={props.to}
            onChange={(e) => props.onChange({ to: e.target.value })}
          />
        </>
      ) : null}
    </>
  );
}

/**
 * Workload and quality (docs/analytics.md): each executor of a unit and each child unit with its subtree —
 * open and overdue now, answered in the period and on time, returned by the head, complaints upheld — sorted
 * by load or by overdue appeals; a figure opens the appeals behind it, a child unit goes one level down.
 */
export function Workload() {
  const { t, language } = useI18n();
  const session = useSession();
  const { params } = useLocation();
  const state = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>;
  const period = state.period || 'month';
  const sort = state.sort === 'overdue' ? 'overdue' : 'open';
  const custom = period === 'custom';
  const ready = !custom || (state.from !== '' && state.to !== '');
  const apiQuery = query({
    unit: state.unit || undefined,
    period,
    from: custom ? state.from : undefined,
    to: custom ? state.to : undefined,
    sort,
  });
  const view = useQuery({
    queryKey: ['workload', apiQuery],
    queryFn: () => api(`/api/v1/analytics/workload${apiQuery}`, workloadSchema),
    enabled: ready,
  });
  const hrefFor = (changes: Partial<Record<Key, string>>) => {
    const next = new URLSearchParams();
    for (const k of keys) {
      const value = k in changes ? changes[k] : state[k];
      if (value) next.set(k, value);
    }
    return `/analytics/workload?${next.toString()}`;
  };
  const set = (changes: Partial<Record<Key, string>>) => navigate(hrefFor(changes));
  const w = view.data;
  const words = workloadWords[language];
  const drill = drillRoles.includes(session.user.role);

  /**
   * The figures of one row, each linked to its appeals (`rows`: the list's filters for the row) when the
   * caller may open appeals; an unnamed executor's row has none.
   */
  const cells = (f: WorkloadFigures, rows: Record<string, string> | null) => {
    const link = (text: string | number, filters: Record<string, string>) => {
      if (!drill || !rows) return text;
      const list = new URLSearchParams({ ...rows, ...filters });
      return <Link to={`/queue/all?${list.toString()}`}>{text}</Link>;
    };
    const closed: Record<string, string> = w ? { closedFrom: w.period.from, closedTo: w.period.to } : {};
    return (
      <>
        <td>{link(f.open, { status: openStatuses })}</td>
        <td>{link(f.overdue, { overdue: 'true' })}</td>
        <td>{link(f.answered, { status: 'answered', ...closed })}</td>
        <td>{percent(f.onTimeShare)}</td>
        <td>{f.medianDaysToAnswer ?? '—'}</td>
        <td>{f.returned}</td>
        <td>
          {f.complaints} / {f.complaintsUpheld}
        </td>
      </>
    );
  };
  const sortHeader = (key: 'open' | 'overdue', label: string) => (
    <th scope="col" aria-sort={sort === key ? 'descending' : 'none'}>
      <button type="button" className="linklike" onClick={() => set({ sort: key })}>
        {label}
        {sort === key ? ' ▼' : ''}
      </button>
    </th>
  );
  const unitRow = (
    key: string,
    label: ReactNode,
    u: { code: string; executors: number; openPerExecutor: number | null; figures: WorkloadFigures },
  ) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{u.executors}</td>
      <td>{u.openPerExecutor ?? '—'}</td>
      {cells(u.figures, { owner: u.code })}
    </tr>
  );

  return (
    <section aria-labelledby="workload-title">
      <h1 id="workload-title">{t('workload.title')}</h1>
      <AnalyticsTabs current="workload" />
      <p>{t('workload.intro')}</p>
      <div className="row filters-row">
        <PeriodFields period={period} from={state.from} to={state.to} onChange={set} />
      </div>
      <ErrorBanner error={view.error} />
      {!ready ? null : !w ? (
        view.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          <nav aria-label={t('analytics.breadcrumb')} className="breadcrumb">
            {w.path.map((u) => (
              <span key={u.code}>
                <Link to={hrefFor({ unit: u.code })}>{u.name}</Link>
                {' › '}
              </span>
            ))}
            <strong aria-current="page">{w.unit.name}</strong>{' '}
            <span className="muted small">
              {day(w.period.from)} – {day(w.period.to)}
            </span>
          </nav>
          <ExportLinks path="/api/v1/analytics/workload" query={apiQuery.slice(1)} />
          <div className="table-wrap">
            <table className="data analytics">
              <thead>
                <tr>
                  <th scope="col">{words.row}</th>
                  <th scope="col">{words.executors}</th>
                  <th scope="col">{words.openPerExecutor}</th>
                  {sortHeader('open', words.open)}
                  {sortHeader('overdue', words.overdue)}
                  <th scope="col">{words.answered}</th>
                  <th scope="col">{words.onTime}</th>
                  <th scope="col">{words.medianDays}</th>
                  <th scope="col">{words.returned}</th>
                  <th scope="col">
                    {words.complaints} / {words.upheld}
                  </th>
                </tr>
              </thead>
              <tbody>
                {unitRow('total', <strong>{w.total.name}</strong>, w.total)}
                <tr className="table-section">
                  <th scope="rowgroup" colSpan={10}>
                    {words.executors}
                  </th>
                </tr>
                {w.executors.map((e, i) => (
                  <tr key={e.login ?? `executor-${i}`}>
                    <th scope="row">
                      {e.name ?? words.anonymous.replace('{n}', String(i + 1))}
                      {e.unitExecutor ? null : (
                        <span className="muted small"> ({t('workload.fromElsewhere')})</span>
                      )}
                    </th>
                    <td />
                    <td />
                    {cells(e.figures, e.login ? { owner: w.unit.code, executor: e.login } : null)}
                  </tr>
                ))}
                {w.executors.length === 0 ? (
                  <tr>
                    <td colSpan={10} className="muted">
                      {t('workload.noExecutors')}
                    </td>
                  </tr>
                ) : null}
                {w.children.length > 0 ? (
                  <tr className="table-section">
                    <th scope="rowgroup" colSpan={10}>
                      {t('workload.children')}
                    </th>
                  </tr>
                ) : null}
                {w.children.map((child) =>
                  unitRow(child.code, <Link to={hrefFor({ unit: child.code })}>{child.name}</Link>, child),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
