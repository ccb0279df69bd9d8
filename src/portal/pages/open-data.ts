import { OPEN_DATA_LICENCE, openDataColumns } from '../../server/analytics/open-stats.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, type PageContext } from './layout.ts';

/** The open-data index: the files, the licence, the privacy rules and the schema of every column. */
export function openDataPage(page: PageContext, example: string): SafeHtml {
  const { m, lang } = page;
  const o = m.openData;
  const body = html`<h1>${o.title}</h1>
<p class="lead">${o.lead}</p>
<p><a href="${OPEN_DATA_LICENCE.url}" rel="license">${o.licence(OPEN_DATA_LICENCE.name)}</a></p>
<section aria-labelledby="files-title">
<h2 id="files-title">${o.filesTitle}</h2>
<ul>
<li><a href="/open-data/appeals-monthly.csv">${o.csv}</a> <code>/open-data/appeals-monthly.csv</code></li>
<li><a href="/open-data/appeals-monthly.json">${o.json}</a> <code>/open-data/appeals-monthly.json</code></li>
</ul>
<p>${o.monthFilter(`/open-data/appeals-monthly.csv?month=${example}`)}</p>
</section>
<section aria-labelledby="privacy-title">
<h2 id="privacy-title">${o.privacyTitle}</h2>
<ul>${o.privacy.map((line) => html`<li>${line}</li>`)}</ul>
</section>
<section aria-labelledby="schema-title">
<h2 id="schema-title">${o.schemaTitle}</h2>
<div class="table-scroll" role="region" aria-labelledby="schema-caption" tabindex="0"><table class="stats">
<caption id="schema-caption">${o.schemaTitle}</caption>
<thead><tr><th scope="col">${o.column}</th><th scope="col">${o.meaning}</th></tr></thead>
<tbody>${openDataColumns.map((c) => html`<tr><th scope="row"><code>${c}</code></th><td>${o.columns[c]}</td></tr>`)}</tbody>
</table></div>
</section>
<p><a href="/${lang}/stats">${o.statsLink}</a></p>`;
  return layout(page, { title: o.title, section: null, body });
}
