import type { AskResult } from '../../contracts/knowledge.schema.ts';
import { questionMaxChars } from '../../contracts/knowledge.schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { messagesFor } from '../i18n/index.ts';
import {
  csrfField,
  errorSummary,
  type FormErrors,
  type FormValues,
  textArea,
  textInput,
} from './controls.ts';
import { layout, type PageContext } from './layout.ts';

/**
 * The "talk to a person" form, again with what was typed when it did not validate. Its question is named
 * `message` so that it does not share an id with the question form on the same page.
 */
export interface HandoffForm {
  askId: string;
  values: FormValues;
  errors: FormErrors;
}

/** What the chatbot's page shows. */
export interface AskView {
  csrf: string;
  values: FormValues;
  errors: FormErrors;
  /** The answer to the question just asked, with the question itself. */
  result?: { question: string; answer: AskResult };
  handoff?: HandoffForm;
  done?: 'feedback' | 'handoff';
}

function feedbackForm(page: PageContext, csrf: string, askId: string): SafeHtml {
  const a = page.m.ask;
  return html`<form method="post" action="/${page.lang}/ask/feedback">
${csrfField(csrf)}<input type="hidden" name="askId" value="${askId}">
<fieldset>
<legend>${a.helpfulLegend}</legend>
<p class="actions"><button type="submit" name="helpful" value="yes" class="button-secondary">${a.helpfulYes}</button> <button type="submit" name="helpful" value="no" class="button-secondary">${a.helpfulNo}</button></p>
</fieldset>
</form>`;
}

function handoffSection(page: PageContext, csrf: string, form: HandoffForm, open: boolean): SafeHtml {
  const { m, lang } = page;
  const a = m.ask;
  const common = { m, errors: form.errors };
  return html`<section aria-labelledby="next-title">
<h2 id="next-title">${a.nextTitle}</h2>
<p class="actions"><a class="button-secondary" href="/${lang}/appeal">${a.fileAppeal}</a></p>
<details class="faq" id="handoff"${open ? html` open` : ''}>
<summary>${a.talkToPerson}</summary>
<p>${a.handoffLead}</p>
${errorSummary(m, form.errors, { message: a.handoffQuestion, contact: a.contact })}
<form method="post" action="/${lang}/ask/handoff" novalidate class="narrow">
${csrfField(csrf)}<input type="hidden" name="askId" value="${form.askId}">
${textArea({ ...common, name: 'message', label: a.handoffQuestion, value: form.values.message, rows: 4, maxlength: questionMaxChars })}
${textInput({ ...common, name: 'contact', label: a.contact, hint: a.contactHint, value: form.values.contact, autocomplete: 'tel', maxlength: 200, width: 'medium' })}
<button type="submit" class="button">${a.handoffSubmit}</button>
</form>
</details>
</section>`;
}

function resultSection(page: PageContext, csrf: string, question: string, answer: AskResult): SafeHtml {
  const a = page.m.ask;
  const emergency = answer.emergency
    ? html`<section class="warning" role="alert" aria-labelledby="emergency-title">
<h2 id="emergency-title">${a.emergencyTitle}</h2>
<p>${answer.emergency}</p>
</section>`
    : '';
  // An article in another language than the page (a Karakalpak page answered from the Uzbek Latin article, a
  // Latin page from a Cyrillic one) says so, for screen readers to switch voices.
  const articleLang =
    answer.article && answer.article.language !== page.lang
      ? html` lang="${messagesFor(answer.article.language).htmlLang}"`
      : '';
  const body =
    answer.answer && answer.article
      ? html`<section class="panel" aria-labelledby="answer-title">
<h2 id="answer-title">${a.answerTitle}: <span${articleLang}>${answer.article.title}</span></h2>
<p class="pre"${articleLang}>${answer.answer}</p>
<p><small>${a.source(answer.article.title)}</small></p>
${feedbackForm(page, csrf, answer.askId)}
</section>`
      : html`<section class="panel" aria-labelledby="answer-title">
<h2 id="answer-title">${a.noAnswerTitle}</h2>
<p>${answer.fallback ?? ''}</p>
</section>`;
  const handoff = handoffSection(
    page,
    csrf,
    { askId: answer.askId, values: { message: question }, errors: new Map() },
    answer.article === null,
  );
  return html`${emergency}${body}${handoff}`;
}

/**
 * The chatbot's page, whole without JavaScript: a question goes up as a form, the answer comes back as a
 * page — the emergency numbers first when the question reads as a threat to life, then the article that
 * answers it with its name and "was this helpful?", or "I don't know" — and the ways on: file an appeal, or
 * ask for a person.
 */
export function askPage(page: PageContext, view: AskView): SafeHtml {
  const { m, lang } = page;
  const a = m.ask;
  const common = { m, errors: view.errors };
  const done = view.done
    ? html`<div class="notice" role="status"><p>${view.done === 'feedback' ? a.thanksFeedback : a.thanksHandoff}</p></div>`
    : '';
  const result = view.result ? resultSection(page, view.csrf, view.result.question, view.result.answer) : '';
  const handoff = view.handoff ? handoffSection(page, view.csrf, view.handoff, true) : '';
  const again = Boolean(view.result || view.handoff || view.done);
  const body = html`<h1>${a.title}</h1>
${done}${result}${handoff}
${errorSummary(m, view.errors, { question: a.question })}
<section aria-labelledby="ask-title">
<h2 id="ask-title"${again ? '' : html` class="visually-hidden"`}>${again ? a.askAgain : a.title}</h2>
${again ? '' : html`<p class="lead">${a.lead}</p>`}
<form method="post" action="/${lang}/ask" novalidate class="narrow">
${csrfField(view.csrf)}
${textArea({ ...common, name: 'question', label: a.question, hint: a.questionHint, value: view.result ? '' : view.values.question, rows: 3, maxlength: questionMaxChars })}
<button type="submit" class="button">${a.submit}</button>
</form>
${again ? '' : html`<p>${a.examplesTitle}</p><ul>${a.examples.map((example) => html`<li>${example}</li>`)}</ul>`}
</section>`;
  return layout(page, {
    title: a.title,
    section: 'ask',
    body,
    hasErrors: view.errors.size > 0 || (view.handoff?.errors.size ?? 0) > 0,
  });
}
