import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { type HierarchyFigures, hierarchySchema } from '../../contracts/analytics.schema.ts';
import { appealTypes, channels, type Role } from '../../contracts/enums.ts';
import { api, query } from '../app/api.ts';
import { ExportLinks } from '../app/export-links.tsx';
import { day } from '../app/format.ts';
import { useI18n } from '../app/i18n.tsx';
import { nameIn, useReference } from '../app/reference.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { ErrorBanner, Loading, SelectField } from '../app/ui.tsx';
import { AnalyticsMap } from './AnalyticsMap.tsx';
import { AnalyticsTabs, PeriodFields } from './Workload.tsx';

type Compared = z.infer<typeof hierarchySchema>['total'];
type Key = 'unit' | 'period' | 'from' | 'to' | 'category' | 'channel' | 'type';
const keys: readonly Key[] = ['unit', 'period', 'from', 'to', 'category', 'channel', 'type'];
/** Roles that open appeals (appeal.policy.ts canOpenAppeals); an analyst sees aggregates only, without links. */
const drillRoles: readonly Role[] = ['head', 'internal_security', 'admin'];
const openStatuses =
  'registered,assigned,in_progress,awaiting_info,answer_drafted,returned,conclusion_drafted';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/**
 * The leaders' hierarchy view (docs/analytics.md): a unit and its child units side by side over a period, with
 * the previous period and the same period last year beside each figure; a child's name goes one level down,
 * a figure opens the appeals behind it.
 */
export function Analytics() {
  const { t, language } = useI18n();
  const session = useSession();
  const reference = useReference();
  const { params } = useLocation();
  const state = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>;
  const period = state.period || 'month';
  const custom = period === 'custom';
  const ready = !custom || (state.from !== '' && state.to !== '');
  const ask = query({
    unit: state.unit || undefined,
    period,
    from: custom ? state.from : undefined,
    to: custom ? state.to : undefined,
    category: state.category || undefined,
    channel: state.channel || undefined,
    type: state.type || undefined,
  });
  const view = useQuery({
    queryKey: ['hierarchy', ask],
    queryFn: () => api(`/api/v1/analytics/hierarchy${ask}`, hierarchySchema),
    enabled: ready,
  });
  const hrefFor = (changes: Partial<Record<Key, string>>) => {
    const next = new URLSearchParams();
    for (const k of keys) {
      const value = k in changes ? changes[k] : state[k];
      if (value) next.set(k, value);
    }
    return `/analytics?${next.toString()}`;
  };
  const set = (changes: Partial<Record<Key, string>>) => navigate(hrefFor(changes));
  const h = view.data;
  const drill = drillRoles.includes(session.user.role) && h;

  /** A figure, linked to the appeals list when the caller may open appeals. */
  const figure = (text: string | number, owner: string, filters: Record<string, string> = {}) => {
    if (!drill) return text;
    const list = new URLSearchParams({
      owner,
      receivedFrom: h.periods.current.from,
      receivedTo: h.periods.current.to,
      ...(state.category ? { category: state.category } : {}),
      ...(state.channel ? { channel: state.channel } : {}),
      ...(state.type ? { type: state.type } : {}),
      ...filters,
    });
    return <Link to={`/queue/all?${list.toString()}`}>{text}</Link>;
  };
  const beside = (pick: (f: HierarchyFigures) => string | number, f: Compared) => (
    <span className="muted small analytics-compare">
      {t('analytics.previous', { value: String(pick(f.previous)) })} ·{' '}
      {t('analytics.lastYear', { value: String(pick(f.lastYear)) })}
    </span>
  );
  const row = (label: ReactNode, f: Compared, owner: string | null, key: string) => {
    const c = f.current;
    const cell = (text: string | number, filters?: Record<string, string>) =>
      owner ? figure(text, owner, filters) : text;
    return (
      <tr key={key}>
        <th scope="row">{label}</th>
        <td>
          {cell(c.received)}
          {beside((x) => x.received, f)}
        </td>
        <td>
          <strong>
            {cell(c.resolved, { status: 'answered' })} /{' '}
            {cell(c.redirected, { status: 'forwarded,not_considered' })}
          </strong>{' '}
          ({percent(c.resolvedShare)}){beside((x) => percent(x.resolvedShare), f)}
        </td>
        <td>
          {percent(c.onTimeShare)}
          {beside((x) => percent(x.onTimeShare), f)}
        </td>
        <td>
          {cell(c.open, { status: openStatuses })} / {cell(c.overdue, { overdue: 'true' })}
        </td>
        <td className="small">
          {t('analytics.outcomeMix', {
            satisfied: c.outcomes.satisfied,
            explained: c.outcomes.explained,
            rejected: c.outcomes.rejected,
            forwarded: c.outcomes.forwarded,
            notConsidered: c.outcomes.notConsidered,
          })}
        </td>
        <td>
          {cell(percent(c.repeatShare), { repeat: 'true' })}
          {beside((x) => percent(x.repeatShare), f)}
        </td>
        <td>
          {c.averageRating === null ? '—' : c.averageRating.toFixed(1)}
          {beside((x) => (x.averageRating === null ? '—' : x.averageRating.toFixed(1)), f)}
        </td>
        <td>
          {c.medianDaysToAnswer ?? '—'}
          {beside((x) => x.medianDaysToAnswer ?? '—', f)}
        </td>
        <td>{c.extensions}</td>
        <td>
          {c.complaints} / {c.complaintsUpheld}
        </td>
      </tr>
    );
  };

  return (
    <section aria-labelledby="analytics-title">
      <h1 id="analytics-title">{t('analytics.title')}</h1>
      <AnalyticsTabs current="units" />
      <p>{t('analytics.intro')}</p>
      <div className="row filters-row">
        <PeriodFields period={period} from={state.from} to={state.to} onChange={set} />
        <SelectField
          label={t('filter.category')}
          value={state.category}
          onChange={(e) => set({ category: e.target.value })}
        >
          <option value="">{t('app.any')}</option>
          {(reference.data?.categories ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {nameIn(c.names, language)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filter.channel')}
          value={state.channel}
          onChange={(e) => set({ channel: e.target.value })}
        >
          <option value="">{t('app.any')}</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {t(`channel.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filter.type')}
          value={state.type}
          onChange={(e) => set({ type: e.target.value })}
        >
          <option value="">{t('app.any')}</option>
          {appealTypes.map((c) => (
            <option key={c} value={c}>
              {t(`type.${c}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner error={view.error} />
      {!ready ? null : !h ? (
        view.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          <nav aria-label={t('analytics.breadcrumb')} className="breadcrumb">
            {h.path.map((u) => (
              <span key={u.code}>
                <Link to={hrefFor({ unit: u.code })}>{u.name}</Link>
                {' › '}
              </span>
            ))}
            <strong aria-current="page">{h.unit.name}</strong>{' '}
            <span className="muted small">
              {day(h.periods.current.from)} – {day(h.periods.current.to)}
            </span>
          </nav>
          <div className="table-wrap">
            <table className="data analytics">
              <thead>
                <tr>
                  <th scope="col">{t('filter.unit')}</th>
                  <th scope="col">{t('analytics.received')}</th>
                  <th scope="col">{t('analytics.resolvedVsRedirected')}</th>
                  <th scope="col">{t('analytics.onTime')}</th>
                  <th scope="col">{t('analytics.openOverdue')}</th>
                  <th scope="col">{t('analytics.outcomes')}</th>
                  <th scope="col">{t('analytics.repeats')}</th>
                  <th scope="col">{t('analytics.rating')}</th>
                  <th scope="col">{t('analytics.medianDays')}</th>
                  <th scope="col">{t('analytics.extensions')}</th>
                  <th scope="col">{t('analytics.complaints')}</th>
                </tr>
              </thead>
              <tbody>
                {row(<strong>{t('analytics.total')}</strong>, h.total, h.unit.code, 'total')}
                {h.children.map((child) =>
                  row(
                    child.hasChildren ? (
                      <Link to={hrefFor({ unit: child.code })}>{child.name}</Link>
                    ) : (
                      child.name
                    ),
                    child.figures,
                    child.code,
                    child.code,
                  ),
                )}
                {h.children.length > 0 ? row(t('analytics.own'), h.own, null, 'own') : null}
              </tbody>
            </table>
          </div>
          <ExportLinks path="/api/v1/analytics/hierarchy" query={ask.replace(/^\?/, '')} />
        </>
      )}
      {ready ? (
        <AnalyticsMap
          filters={{
            period,
            from: custom ? state.from : undefined,
            to: custom ? state.to : undefined,
            category: state.category || undefined,
            channel: state.channel || undefined,
            type: state.type || undefined,
          }}
        />
      ) : null}
    </section>
  );
}
