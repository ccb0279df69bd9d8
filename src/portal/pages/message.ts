import { html, type SafeHtml } from '../html.ts';
import { layout, type PageContext } from './layout.ts';

/** A short page with a title, a sentence and a way home: not found, too many requests, an error. */
export function messagePage(page: PageContext, title: string, text: string): SafeHtml {
  const body = html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="/${page.lang}/">${page.m.pages.backHome}</a></p>`;
  return layout(page, { title, section: null, body });
}
