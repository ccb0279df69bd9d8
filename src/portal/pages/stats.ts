import {
  emptyTally,
  onTimePercent,
  outcomeMix,
  type StatsSummary,
  type Tally,
} from '../../server/analytics/open-stats.ts';
import { outlineViewBox, regionOutlines } from '../../server/reference/region-outlines.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from '../i18n/index.ts';
import { layout, type PageContext } from './layout.ts';

/** A region or category line: its name, its totals, and its population where known. */
export interface NamedTally {
  code: string | null;
  name: string;
  tally: Tally;
  per10000: number | null;
}

/** Everything the statistics page shows, already suppressed and summed from published cells. */
export interface StatsView {
  summary: StatsSummary | null;
  regions: NamedTally[];
  categories: NamedTally[];
  /** When the rollup was last rebuilt, in words. */
  updated: string | null;
}

const groups: Record<string, string> = { en: ',', uz: '\u00a0', oz: '\u00a0', ru: '\u00a0' };

function number(lang: string, value: number, decimals = 0): string {
  const [whole = '0', fraction] = value.toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, groups[lang] ?? '\u00a0');
  return fraction === undefined ? grouped : `${grouped}${lang === 'en' ? '.' : ','}${fraction}`;
}

function percent(value: number | null): string {
  return value === null ? '—' : `${value}%`;
}

function count(lang: string, tally: Tally): SafeHtml {
  return html`${number(lang, tally.received)}${tally.partial ? html`<span class="partial">*</span>` : ''}`;
}

function monthName(m: Messages, month: string): string {
  const [year = '', index = '1'] = month.split('-');
  return m.stats.monthLabel(m.stats.monthNames[Number(index) - 1] ?? '', year);
}

function table(id: string, caption: string, head: string[], rows: SafeHtml[]): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table class="stats">
<caption id="${id}" class="visually-hidden">${caption}</caption>
<thead><tr>${head.map((h, i) => (i === 0 ? html`<th scope="col">${h}</th>` : html`<th scope="col" class="num">${h}</th>`))}</tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function row(label: string, cells: (string | SafeHtml)[]): SafeHtml {
  return html`<tr><th scope="row">${label}</th>${cells.map((c) => html`<td class="num">${c}</td>`)}</tr>`;
}

/** Regions ranked by appeals per 10,000 residents, as bars drawn with SVG attributes (no styles needed). */
function ranking(lang: string, regions: NamedTally[]): SafeHtml {
  const ranked = regions
    .filter((r): r is NamedTally & { per10000: number } => r.per10000 !== null)
    .sort((a, b) => b.per10000 - a.per10000);
  const top = ranked[0]?.per10000 ?? 0;
  return html`<ol class="rank">${ranked.map(
    (r) =>
      html`<li><span class="rank-name">${r.name}</span> <span class="rank-value">${number(lang, r.per10000, 1)}</span><svg class="rank-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="${top > 0 ? ((r.per10000 / top) * 100).toFixed(1) : '0'}" height="6"/></svg></li>`,
  )}</ol>`;
}

const shades = ['#dbe9f6', '#a9cbe8', '#6fa6d6', '#3a7cbf', '#0b4f8a'];

/**
 * A choropleth of appeals per 10,000 residents: five classes by rank (quintiles), each region titled with its
 * name and figure. The ranked list and the table carry the same numbers for those who cannot see the map.
 */
function choropleth(lang: string, m: Messages, regions: NamedTally[]): SafeHtml {
  const valued = regions
    .filter(
      (r): r is NamedTally & { code: string; per10000: number } => r.code !== null && r.per10000 !== null,
    )
    .sort((a, b) => a.per10000 - b.per10000);
  const shadeOf = new Map(
    valued.map((r, i) => [
      r.code,
      shades[Math.min(shades.length - 1, Math.floor((i * shades.length) / valued.length))] ?? '#ccc',
    ]),
  );
  const byCode = new Map(valued.map((r) => [r.code, r]));
  const paths = [...regionOutlines].map(([code, d]) => {
    const region = byCode.get(code);
    const label = region ? `${region.name}: ${number(lang, region.per10000, 1)}` : '';
    return html`<path d="${d}" fill="${shadeOf.get(code) ?? '#e5e5e5'}" stroke="#fff" stroke-width="1"><title>${label}</title></path>`;
  });
  const classes = shades.map((shade) => {
    const members = valued.filter((r) => shadeOf.get(r.code) === shade);
    const low = members[0];
    const high = members.at(-1);
    if (!low || !high) return '';
    return html`<li><svg width="16" height="12" aria-hidden="true" focusable="false"><rect width="16" height="12" fill="${shade}"/></svg> ${number(lang, low.per10000, 1)}–${number(lang, high.per10000, 1)}</li>`;
  });
  return html`<figure class="map"><svg viewBox="${outlineViewBox}" role="img" aria-label="${m.stats.rankTitle}">${paths}</svg>
<figcaption><ul class="legend">${classes}</ul></figcaption></figure>`;
}

/** The public statistics page: monthly volumes, on-time share, outcome mix, by region and category. */
export function statsPage(page: PageContext, view: StatsView): SafeHtml {
  const { m, lang } = page;
  const s = m.stats;
  const { summary } = view;
  const intro = html`<h1>${s.title}</h1>
<p class="lead">${s.lead}</p>
${view.updated ? html`<p class="hint">${s.updated(view.updated)}</p>` : ''}
<p class="hint">${s.suppressed} ${s.partialNote}</p>`;
  const downloads = html`<section aria-labelledby="download-title">
<h2 id="download-title">${s.downloadTitle}</h2>
<p>${s.downloadText}</p>
<ul><li><a href="/open-data/appeals-monthly.csv">CSV</a></li><li><a href="/open-data/appeals-monthly.json">JSON</a></li><li><a href="/${lang}/open-data">${s.aboutData}</a></li></ul>
</section>`;
  if (!summary || summary.total.received === 0) {
    return layout(page, {
      title: s.title,
      section: null,
      body: html`${intro}<p>${s.notYet}</p>${downloads}`,
    });
  }
  const mix = (t: Tally) => {
    const o = outcomeMix(t);
    return [percent(o?.satisfied ?? null), percent(o?.explained ?? null), percent(o?.rejected ?? null)];
  };
  const empty = emptyTally();
  const byMonth = summary.months.map((month) => {
    const t = summary.byMonth.get(month) ?? empty;
    return row(monthName(m, month), [count(lang, t), percent(onTimePercent(t)), ...mix(t)]);
  });
  byMonth.push(
    row(s.total, [count(lang, summary.total), percent(onTimePercent(summary.total)), ...mix(summary.total)]),
  );
  const byRegion = view.regions.map((r) =>
    row(r.name, [
      count(lang, r.tally),
      r.per10000 === null ? '—' : number(lang, r.per10000, 1),
      percent(onTimePercent(r.tally)),
    ]),
  );
  const byCategory = view.categories.map((c) =>
    row(c.name, [count(lang, c.tally), percent(onTimePercent(c.tally)), ...mix(c.tally)]),
  );
  const officer = summary.months.map((month) => {
    const t = summary.officerByMonth.get(month) ?? empty;
    return row(monthName(m, month), [count(lang, t), percent(onTimePercent(t))]);
  });
  const body = html`${intro}
<section aria-labelledby="by-month-title">
<h2 id="by-month-title">${s.byMonthTitle}</h2>
${table('by-month', s.byMonthTitle, [s.month, s.received, s.onTime, s.satisfied, s.explained, s.rejected], byMonth)}
</section>
<section aria-labelledby="rank-title">
<h2 id="rank-title">${s.rankTitle}</h2>
${choropleth(lang, m, view.regions)}
<p class="hint">${s.rankNote}</p>
${ranking(lang, view.regions)}
</section>
<section aria-labelledby="by-region-title">
<h2 id="by-region-title">${s.byRegionTitle}</h2>
${table('by-region', s.byRegionTitle, [s.region, s.received, s.per10000, s.onTime], byRegion)}
</section>
<section aria-labelledby="by-category-title">
<h2 id="by-category-title">${s.byCategoryTitle}</h2>
${table('by-category', s.byCategoryTitle, [s.category, s.received, s.onTime, s.satisfied, s.explained, s.rejected], byCategory)}
</section>
<section aria-labelledby="officer-title">
<h2 id="officer-title">${s.officerTitle}</h2>
<p class="hint">${s.officerNote}</p>
${table('officer', s.officerTitle, [s.month, s.received, s.onTime], officer)}
</section>
${downloads}`;
  return layout(page, { title: s.title, section: null, body });
}
