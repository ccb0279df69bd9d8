import { uiLanguages } from '../../contracts/enums.ts';
import { questionMaxChars } from '../../contracts/knowledge.schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { messagesFor } from '../i18n/index.ts';
import type { PageContext } from './layout.ts';

/**
 * The chat widget's panel: a modal dialog the widget's script fetches when a person first opens it, so
 * that pages carry none of it. The texts the script writes itself (the source line, thanks, errors) travel
 * as data attributes, in the page's language. It talks to the JSON chat API, so it carries no CSRF token.
 */
export function askPanel(page: PageContext): SafeHtml {
  const { m, lang } = page;
  const a = m.ask;
  const w = a.widget;
  // The `lang` tags of the languages articles are written in, for an answer in another language than the page.
  const articleTags = uiLanguages.map((l) => `${l}:${messagesFor(l).htmlLang}`).join(' ');
  return html`<dialog id="chat" class="chat" aria-labelledby="chat-title" data-lang="${lang}" data-article-tags="${articleTags}" data-source="${a.source('{title}')}" data-you="${w.you}" data-thinking="${w.thinking}" data-failed="${w.failed}" data-empty="${w.empty}" data-answer="${a.answerTitle}" data-no-answer="${a.noAnswerTitle}" data-emergency="${a.emergencyTitle}" data-thanks-feedback="${a.thanksFeedback}" data-thanks-handoff="${a.thanksHandoff}">
<div class="chat-head"><h2 id="chat-title">${a.title}</h2><button type="button" class="chat-close" aria-label="${w.close}"><span aria-hidden="true">×</span></button></div>
<div class="chat-log" role="log" aria-labelledby="chat-title"><p class="chat-intro">${w.intro}</p></div>
<template id="chat-next"><div class="chat-next">
<fieldset class="chat-feedback"><legend>${a.helpfulLegend}</legend><p class="actions"><button type="button" class="button-secondary" value="yes">${a.helpfulYes}</button> <button type="button" class="button-secondary" value="no">${a.helpfulNo}</button></p></fieldset>
<p class="chat-ways"><a class="button-secondary chat-appeal" href="/${lang}/appeal">${a.fileAppeal}</a> <button type="button" class="button-secondary chat-person">${a.talkToPerson}</button></p>
</div></template>
<form class="chat-handoff" novalidate hidden>
<h3>${a.talkToPerson}</h3>
<p>${a.handoffLead}</p>
<label for="chat-message">${a.handoffQuestion}</label>
<textarea id="chat-message" name="message" rows="3" maxlength="${questionMaxChars}"></textarea>
<label for="chat-contact">${a.contact}</label>
<p class="hint" id="chat-contact-hint">${a.contactHint}</p>
<input type="text" id="chat-contact" name="contact" autocomplete="tel" maxlength="200" aria-describedby="chat-contact-hint">
<p class="actions"><button type="submit" class="button">${a.handoffSubmit}</button></p>
</form>
<form class="chat-form" novalidate>
<label for="chat-question">${a.question}</label>
<p class="hint" id="chat-question-hint">${a.questionHint}</p>
<p class="field-error" id="chat-question-error" hidden></p>
<div class="chat-row"><textarea id="chat-question" name="question" rows="2" maxlength="${questionMaxChars}" aria-describedby="chat-question-hint" autofocus></textarea><button type="submit" class="button">${a.submit}</button></div>
</form>
</dialog>`;
}
