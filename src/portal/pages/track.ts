import type { TrackedAppeal } from '../../contracts/appeal.schema.ts';
import { finalStatuses } from '../../contracts/enums.ts';
import { limits } from '../../contracts/limits.ts';
import { eventWords } from '../../contracts/public-history-words.ts';
import { html, keepWhole, type SafeHtml } from '../html.ts';
import { formatDay, formatInstant, tashkentDay } from '../i18n/index.ts';
import {
  csrfField,
  errorSummary,
  type FormErrors,
  type FormValues,
  fieldId,
  textArea,
  textInput,
} from './controls.ts';
import { layout, type PageContext } from './layout.ts';

/** The look-up form: appeal number and access code. */
export function trackFormPage(
  page: PageContext,
  view: { values: FormValues; errors: FormErrors; again?: boolean },
): SafeHtml {
  const { m, lang } = page;
  const t = m.track;
  const common = { m, errors: view.errors };
  const body = html`<h1>${t.title}</h1>
${errorSummary(m, view.errors, { number: t.number, accessCode: t.code })}
<p class="lead">${view.again && view.errors.size === 0 ? t.again : t.lead}</p>
<form method="post" action="/${lang}/track" novalidate class="narrow">
${textInput({ ...common, name: 'number', label: t.number, hint: t.numberHint, value: view.values.number, autocomplete: 'off', maxlength: 40, width: 'medium' })}
${textInput({ ...common, name: 'accessCode', label: t.code, hint: t.codeHint, value: view.values.accessCode, autocomplete: 'off', maxlength: 20, width: 'short', className: 'access-code' })}
<button type="submit" class="button">${t.submit}</button>
</form>`;
  return layout(page, { title: t.title, section: 'track', body, hasErrors: view.errors.size > 0 });
}

/** The state of the rating form on the status page. */
export interface RatingForm {
  csrf: string;
  values: FormValues;
  errors: FormErrors;
}

function eventLabel(page: PageContext, event: string): string {
  return eventWords(page.m, event);
}

function ratingSection(page: PageContext, tracked: TrackedAppeal, form: RatingForm): SafeHtml {
  const { m, lang } = page;
  const t = m.track;
  if (tracked.rating) {
    return html`<section class="panel" aria-labelledby="rating-title">
<h2 id="rating-title">${t.rateTitle}</h2>
<p>${t.yourRating(String(tracked.rating.value))}</p>
${tracked.rating.comment ? html`<p class="pre">${tracked.rating.comment}</p>` : ''}
<p>${t.thanks}</p>
</section>`;
  }
  if (!tracked.canRate) return html``;
  const error = form.errors.get('rating');
  const id = fieldId('rating');
  return html`<section class="panel" aria-labelledby="rating-title">
<h2 id="rating-title">${t.rateTitle}</h2>
<form method="post" action="/${lang}/track/${tracked.number}/rate" novalidate>
${csrfField(form.csrf)}
<div class="field${error ? ' has-error' : ''}">
<fieldset${error ? html` aria-describedby="${id}-error"` : ''}>
<legend>${t.rateLegend}</legend>
${error ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${m.common.errorPrefix} </span>${error}</p>` : ''}
<div class="stars">${t.ratingLabels.map((label, index) => {
    const value = String(index + 1);
    const optionId = index === 0 ? id : `${id}-${value}`;
    return html`<div class="radio"><input type="radio" id="${optionId}" name="rating" value="${value}"${form.values.rating === value ? html` checked` : ''}><label for="${optionId}">${label}</label></div>`;
  })}</div>
</fieldset>
</div>
${textArea({ m, errors: form.errors, name: 'comment', label: t.comment, optional: true, value: form.values.comment, rows: 4, maxlength: limits.commentMaxChars })}
<button type="submit" class="button">${t.rateSubmit}</button>
</form>
</section>`;
}

type TrackedFile = NonNullable<TrackedAppeal['answer']>['files'][number];

/** The files sent with the answer, each a download link (the pass cookie authorises it). */
function answerFiles(page: PageContext, base: string, files: TrackedFile[]): SafeHtml | '' {
  if (files.length === 0) return '';
  const t = page.m.track;
  const kb = (size: number) => t.kilobytes(String(Math.max(1, Math.round(size / 1024))));
  return html`<h3>${t.answerFiles}</h3>
<ul class="files">
${files.map((f) => html`<li><a href="${base}/files/${f.id}" download>${f.filename}</a> <span class="hint">(${kb(f.size)})</span></li>`)}
</ul>`;
}

/** The status page: status in plain words, each step with its date, the unit, the deadline and the answer. */
export function statusPage(
  page: PageContext,
  tracked: TrackedAppeal,
  rating: RatingForm,
  /** The ministry's Telegram bot, when one is configured: notices can come there. */
  telegram?: string,
): SafeHtml {
  const { m, lang } = page;
  const t = m.track;
  const base = `/${lang}/track/${tracked.number}`;
  const due = formatDay(lang, tashkentDay(tracked.dueAt));
  const answer = tracked.answer;
  const lastChange = tracked.history.reduce(
    (latest, step) => (Date.parse(step.at) > Date.parse(latest) ? step.at : latest),
    tracked.receivedAt,
  );
  // A refused rating is summed up at the top, as on every form, with links down to the fields.
  const body = html`<h1>${keepWhole(t.statusTitle(tracked.number), tracked.number, false)}</h1>
${errorSummary(m, rating.errors, { rating: t.rateLegend, comment: t.comment })}
<dl class="summary">
<div><dt>${t.status}</dt><dd><strong>${m.statuses[tracked.status]}</strong></dd></div>
<div><dt>${t.type}</dt><dd>${m.types[tracked.type].name}</dd></div>
<div><dt>${t.received}</dt><dd>${formatInstant(lang, tracked.receivedAt)}</dd></div>
<div><dt>${t.due}</dt><dd>${due}</dd></div>
<div><dt>${t.unit}</dt><dd>${tracked.unit?.name ?? t.noUnit}</dd></div>
<div><dt>${t.lastUpdated}</dt><dd><time datetime="${lastChange}">${formatInstant(lang, lastChange)}</time></dd></div>
</dl>
<p class="hint">${t.followHint}</p>
${
  telegram && !finalStatuses.includes(tracked.status)
    ? html`<p>${t.telegramOffer} <a href="${telegram}" rel="noopener">${telegram.replace('https://', '')}</a></p>`
    : ''
}
${tracked.forwardedTo ? html`<p>${t.forwardedTo(tracked.forwardedTo)}</p>` : ''}
${
  answer
    ? html`<section class="answer" aria-labelledby="answer-title">
<h2 id="answer-title">${answer.kind === 'conclusion' ? t.conclusionTitle : t.answerTitle}</h2>
<dl class="summary">
<div><dt>${t.answeredAt}</dt><dd>${formatInstant(lang, answer.answeredAt)}</dd></div>
${answer.unit ? html`<div><dt>${t.unit}</dt><dd>${answer.unit.name}</dd></div>` : ''}
${answer.outcome ? html`<div><dt>${t.outcome}</dt><dd>${m.outcomes[answer.outcome]}</dd></div>` : ''}
</dl>
<div class="answer-body pre">${answer.body}</div>
<p><a class="button-secondary" href="${base}/answer.pdf" download>${t.answerPdf}</a></p>
${answerFiles(page, base, answer.files)}
</section>`
    : html`<p>${keepWhole(t.noAnswer(due), due)}</p>`
}
${ratingSection(page, tracked, rating)}
${
  tracked.canComplain
    ? html`<section class="panel" aria-labelledby="complain-title">
<h2 id="complain-title">${t.complainTitle}</h2>
<p>${t.complainText}</p>
<p><a class="button-secondary" href="/${lang}/appeal?complaint=${tracked.number}">${t.complainButton}</a></p>
</section>`
    : ''
}
<h2>${t.stepsTitle}</h2>
<ol class="timeline">${tracked.history.map(
    (step) =>
      html`<li><time datetime="${step.at}">${formatInstant(lang, step.at)}</time> ${eventLabel(page, step.event)}${step.unit ? html` <span class="unit">— ${step.unit.name}</span>` : ''}</li>`,
  )}</ol>
<p><a href="${base}/receipt.pdf" download>${t.receipt}</a></p>
<form method="post" action="/${lang}/forget" class="forget">
<button type="submit" class="button-link">${t.forget}</button>
<p class="hint">${t.forgetHint}</p>
</form>`;
  return layout(page, {
    title: t.statusTitle(tracked.number),
    section: 'track',
    body,
    hasErrors: rating.errors.size > 0,
  });
}
