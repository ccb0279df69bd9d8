import { html, type SafeHtml } from '../html.ts';
import { layout, type PageContext } from './layout.ts';

/** The home page: what can and cannot be appealed here, the legal deadlines, how to track, a short FAQ. */
export function homePage(page: PageContext): SafeHtml {
  const { m, lang } = page;
  const h = m.home;
  const body = html`<h1>${h.title}</h1>
<p class="lead">${h.lead}</p>
<p class="actions"><a class="button" href="/${lang}/appeal">${h.start}</a> <a class="button-secondary" href="/${lang}/track">${h.trackLink}</a></p>
<section class="warning" aria-labelledby="urgent-title">
<h2 id="urgent-title">${h.urgentTitle}</h2>
<p>${h.urgentText}</p>
</section>
<div class="columns">
<section aria-labelledby="can-title">
<h2 id="can-title">${h.canTitle}</h2>
<ul>${h.canItems.map((item) => html`<li>${item}</li>`)}</ul>
</section>
<section aria-labelledby="cannot-title">
<h2 id="cannot-title">${h.cannotTitle}</h2>
<ul>${h.cannotItems.map((item) => html`<li>${item}</li>`)}</ul>
</section>
</div>
<section aria-labelledby="deadlines-title">
<h2 id="deadlines-title">${h.deadlinesTitle}</h2>
<ul>${h.deadlineItems.map((item) => html`<li>${item}</li>`)}</ul>
</section>
<section aria-labelledby="track-title">
<h2 id="track-title">${h.trackTitle}</h2>
<p>${h.trackText}</p>
</section>
<section aria-labelledby="ask-title">
<h2 id="ask-title">${m.ask.homeTitle}</h2>
<p>${m.ask.homeText} <a href="/${lang}/ask">${m.ask.menu}</a></p>
</section>
<section aria-labelledby="faq-title">
<h2 id="faq-title">${h.faqTitle}</h2>
${h.faq.map((item) => html`<details class="faq"><summary>${item.q}</summary><p>${item.a}</p></details>`)}
</section>`;
  return layout(page, { title: h.title, section: 'home', body });
}
