import { useQuery } from '@tanstack/react-query';
import type { Role } from '../../contracts/enums.ts';
import { type TerritoryMapArea, territoryMapSchema } from '../../contracts/territory-map.schema.ts';
import { api, query } from '../app/api.ts';
import { ExportLinks } from '../app/export-links.tsx';
import { useI18n } from '../app/i18n.tsx';
import { Link, useLocation } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { ErrorBanner, Loading } from '../app/ui.tsx';

/** The hierarchy view's period and filters, which the map shares. */
export interface MapFilters {
  period: string;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
  type?: string | undefined;
}

const drillRoles: readonly Role[] = ['head', 'internal_security', 'admin'];
const shades = ['#dbe9f6', '#a9cbe8', '#6fa6d6', '#3a7cbf', '#0b4f8a'];

/**
 * Appeals per 10,000 residents (docs/analytics.md, "The map"): the regions, or a region's districts, as a
 * choropleth drawn from shipped outlines (no tile service). A district without its own population is rated by its
 * region's: hatched on the map, marked with an asterisk in the table. The table beside carries the same figures
 * for those who cannot see the map, lists the few districts that have no outline, and downloads as CSV or XLSX.
 */
export function AnalyticsMap({ filters }: { filters: MapFilters }) {
  const { t, language } = useI18n();
  const session = useSession();
  const { params, path } = useLocation();
  const region = params.get('mapRegion') ?? '';
  const ask = query({ ...filters, region: region || undefined });
  const map = useQuery({
    queryKey: ['territory-map', ask, language],
    queryFn: () => api(`/api/v1/analytics/map${ask}`, territoryMapSchema),
  });
  const hrefTo = (code: string) => {
    const next = new URLSearchParams(params);
    if (code) next.set('mapRegion', code);
    else next.delete('mapRegion');
    return `${path}?${next.toString()}`;
  };
  const m = map.data;
  const drill = drillRoles.includes(session.user.role) && m;
  const appealsOf = (a: TerritoryMapArea) => {
    if (!drill || a.code === null || a.received === 0) return a.received;
    const list = new URLSearchParams({
      territory: a.code,
      receivedFrom: m.periods.current.from,
      receivedTo: m.periods.current.to,
      ...(filters.category ? { category: filters.category } : {}),
      ...(filters.channel ? { channel: filters.channel } : {}),
      ...(filters.type ? { type: filters.type } : {}),
    });
    return <Link to={`/queue/all?${list.toString()}`}>{a.received}</Link>;
  };
  const rate = (a: TerritoryMapArea) =>
    a.per10000 === null ? '—' : `${a.per10000.toFixed(2)}${a.populationOf === 'region' ? '*' : ''}`;

  const top = Math.max(0, ...(m?.areas ?? []).map((a) => a.per10000 ?? 0));
  /** Five equal classes up to the highest rate; no appeals at all stays grey, so zero never looks like a rate. */
  const shadeOf = (a: TerritoryMapArea) =>
    !a.per10000 || top === 0
      ? '#e5e8ec'
      : (shades[Math.min(shades.length - 1, Math.ceil((a.per10000 / top) * shades.length) - 1)] ?? '#e5e8ec');

  // Tashkent city is drawn over the region around it; districts never overlap.
  const outlined = (m?.areas ?? [])
    .filter((a) => a.outline !== null)
    .toSorted((a, b) => Number(a.code === '1726') - Number(b.code === '1726'));
  const unoutlined =
    m?.level === 'district' ? m.areas.filter((a) => a.outline === null && a.code !== m.region?.code) : [];
  // The hatching keeps its on-screen size whether the box is the country or one small region (strokes do so
  // by CSS: non-scaling).
  const hatch = `rotate(45) scale(${Number(m?.viewBox.split(' ')[2] ?? 600) / 600})`;

  return (
    <section aria-labelledby="map-title" className="analytics-map">
      <h2 id="map-title">{m?.region ? t('map.titleRegion', { region: m.region.name }) : t('map.title')}</h2>
      <ErrorBanner error={map.error} />
      {!m ? (
        map.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          {m.region ? (
            <p>
              <Link to={hrefTo('')}>{t('map.allRegions')}</Link>
            </p>
          ) : null}
          <div className="map-layout">
            {outlined.length > 0 ? (
              <svg viewBox={m.viewBox} className="map-svg">
                <title>{m.region ? t('map.titleRegion', { region: m.region.name }) : t('map.title')}</title>
                <defs>
                  <pattern
                    id="map-hatch"
                    width="6"
                    height="6"
                    patternUnits="userSpaceOnUse"
                    patternTransform={hatch}
                  >
                    <path d="M0 0v6" stroke="#1f2933" strokeOpacity={0.35} strokeWidth={1.5} />
                  </pattern>
                </defs>
                {outlined.map((a) => {
                  const shape = (
                    <>
                      <path d={a.outline ?? ''} fill={shadeOf(a)} stroke="#fff" strokeWidth={1}>
                        <title>{`${a.name}: ${rate(a)}`}</title>
                      </path>
                      {a.populationOf === 'region' ? (
                        <path d={a.outline ?? ''} fill="url(#map-hatch)" pointerEvents="none" />
                      ) : null}
                    </>
                  );
                  return m.level === 'region' ? (
                    <Link key={a.code} to={hrefTo(a.code ?? '')} aria-label={`${a.name}: ${rate(a)}`}>
                      {shape}
                    </Link>
                  ) : (
                    <g key={a.code}>{shape}</g>
                  );
                })}
              </svg>
            ) : null}
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('map.area')}</th>
                    <th scope="col">{t('map.received')}</th>
                    <th scope="col">{t('map.lastYear')}</th>
                    <th scope="col">{t('map.per10000')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.areas
                    .toSorted((a, b) => (b.per10000 ?? -1) - (a.per10000 ?? -1))
                    .map((a) => (
                      <tr key={a.code ?? 'none'}>
                        <th scope="row">
                          {m.level === 'region' && a.code ? (
                            <Link to={hrefTo(a.code)}>{a.name}</Link>
                          ) : (
                            a.name
                          )}
                        </th>
                        <td>{appealsOf(a)}</td>
                        <td>{a.receivedLastYear}</td>
                        <td>
                          <span className="map-bar" aria-hidden="true">
                            <span style={{ width: `${top > 0 ? ((a.per10000 ?? 0) / top) * 100 : 0}%` }} />
                          </span>
                          {rate(a)}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </div>
          {m.areas.some((a) => a.populationOf === 'region') ? (
            <p className="muted small">
              {outlined.some((a) => a.populationOf === 'region') ? (
                <svg className="map-swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                  <rect width="12" height="12" fill="#a9cbe8" />
                  <path
                    d="M-3 3l6-6M0 12L12 0M9 15l6-6"
                    stroke="#1f2933"
                    strokeOpacity={0.35}
                    strokeWidth={1.5}
                  />
                </svg>
              ) : null}
              {t('map.regionPopulation')}
            </p>
          ) : null}
          {unoutlined.length > 0 ? (
            <p className="muted small">
              {t('map.noOutline', { names: unoutlined.map((a) => a.name).join(', ') })}
            </p>
          ) : null}
          <p className="muted small">{t('map.sources')}</p>
          <ExportLinks path="/api/v1/analytics/map" query={ask.replace(/^\?/, '')} />
        </>
      )}
    </section>
  );
}
