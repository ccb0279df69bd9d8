import { type CitizenLanguage, citizenLanguages } from '../../contracts/enums.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import { languageNames, type Messages, messagesFor } from '../i18n/index.ts';

/** URLs of the static assets, with content hashes in their names so they can be cached for a year. */
export interface AssetUrls {
  css: string;
  js: string;
  icon: string;
  /** The chat widget's script, which the page's script loads only when a person opens the widget. */
  chat: string;
}

/** What every page needs to be drawn. */
export interface PageContext {
  lang: CitizenLanguage;
  m: Messages;
  assets: AssetUrls;
  /** The page's path after `/{lang}` (with its query), so the language switcher keeps the page. */
  path: string;
}

/** Builds a page context for one request. */
export function pageContext(lang: CitizenLanguage, assets: AssetUrls, path: string): PageContext {
  return { lang, m: messagesFor(lang), assets, path };
}

type Section = 'home' | 'appeal' | 'track' | 'ask' | null;

interface LayoutOptions {
  title: string;
  section: Section;
  body: HtmlValue;
  /** Prefixes the title with "Error:" so a screen reader hears it first. */
  hasErrors?: boolean;
}

// A shield with a tick: drawn once, small, no styles or scripts inside.
// A speech bubble for the chat launcher.
const bubble = html`<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9zm4 0v2h2V9zm4 0v2h2V9z"/></svg>`;

/**
 * "Ask a question" on every page but the chatbot's own: a plain link to that page, which the portal's
 * script turns into a small chat panel in place (loading the panel's script and texts only when opened).
 */
function chatLauncher(page: PageContext): SafeHtml {
  const { lang, m, assets } = page;
  return html`<aside class="chat-launcher" aria-label="${m.ask.widget.region}"><a id="chat-open" class="chat-open" href="/${lang}/ask" data-script="${assets.chat}" data-panel="/${lang}/ask/panel">${bubble}<span>${m.ask.menu}</span></a></aside>`;
}

const logo = html`<svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false"><path fill="#0b4f8a" d="M16 2 4 6v9c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V6z"/><path fill="#fff" d="m13.5 20.6-5-5 2.1-2.1 2.9 2.9 7.9-7.9 2.1 2.1z"/></svg>`;

/** The frame of every portal page: skip link, header with language switcher and menu, main, footer. */
export function layout(page: PageContext, options: LayoutOptions): SafeHtml {
  const { lang, m, assets } = page;
  const title = `${options.hasErrors ? `${m.common.errorPrefix} ` : ''}${options.title} — ${m.site.name}`;
  const menu: [Exclude<Section, null>, string, string][] = [
    ['home', '/', m.site.home],
    ['appeal', '/appeal', m.site.newAppeal],
    ['track', '/track', m.site.track],
    ['ask', '/ask', m.ask.menu],
  ];
  return html`<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${assets.css}">
<link rel="icon" href="${assets.icon}" type="image/svg+xml">
<script src="${assets.js}" defer></script>
</head>
<body>
<a class="skip" href="#main">${m.site.skip}</a>
<header class="header">
<div class="wrap header-row">
<a class="brand" href="/${lang}/">${logo}<span><span class="brand-name">${m.site.name}</span> <span class="brand-tagline">${m.site.tagline}</span></span></a>
<nav class="langs" aria-label="${m.site.languageNav}"><ul>${citizenLanguages.map((l) => {
    const tag = messagesFor(l).htmlLang;
    return html`<li><a href="/${l}${page.path}" lang="${tag}" hreflang="${tag}"${l === lang ? html` aria-current="true"` : ''}>${languageNames[l]}</a></li>`;
  })}</ul></nav>
</div>
<nav class="menu" aria-label="${m.site.mainNav}"><ul class="wrap">${menu.map(
    ([section, href, label]) =>
      html`<li><a href="/${lang}${href}"${section === options.section ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}</ul></nav>
<p class="emergency"><span class="wrap">${m.site.emergency}</span></p>
</header>
<main id="main" class="wrap" tabindex="-1">
${options.body}
</main>
<footer class="footer">
<div class="wrap"><p>${m.site.hotline}</p><p><a href="/${lang}/verify">${m.verify.link}</a></p><p><a href="/${lang}/stats">${m.stats.link}</a></p><p>${m.site.dataNotice}</p></div>
</footer>
${options.section === 'ask' ? '' : chatLauncher(page)}
</body>
</html>
`;
}
