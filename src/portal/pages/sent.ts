import type { AppealStatus, AppealType } from '../../contracts/enums.ts';
import { html, keepWhole, type SafeHtml } from '../html.ts';
import { formatDay, formatInstant } from '../i18n/index.ts';
import { layout, type PageContext } from './layout.ts';

/** What the confirmation page shows about a freshly registered appeal. */
export interface SentView {
  number: string;
  accessCode: string;
  type: AppealType;
  status: AppealStatus;
  receivedAt: string;
  /** Tashkent days (`YYYY-MM-DD`) of the legal clock. */
  dueOn: string;
  handoverDueOn: string;
  forwardDueOn: string;
  proposalNoticeDueOn: string | null;
}

function copyButton(target: string, copy: string, copied: string): SafeHtml {
  return html`<button type="button" class="button-secondary copy" data-copy="${target}" data-done="${copied}" hidden>${copy}</button>`;
}

/** The confirmation: number and access code large and copyable, the receipt, and what happens next. */
export function sentPage(page: PageContext, view: SentView): SafeHtml {
  const { m, lang } = page;
  const d = m.done;
  // Each step with the date in it, which keeps to one line.
  const step = (text: (date: string) => string, date: string) => keepWhole(text(date), date);
  const day = (value: string) => formatDay(lang, value);
  const steps: SafeHtml[] = [step(d.registered, formatInstant(lang, view.receivedAt))];
  if (view.status === 'conclusion_drafted') {
    steps.push(html`${d.anonymous}`);
  } else {
    steps.push(
      view.status === 'assigned' ? html`${d.routedAtOnce}` : step(d.handover, day(view.handoverDueOn)),
    );
    steps.push(step(d.forward, day(view.forwardDueOn)));
    if (view.proposalNoticeDueOn) steps.push(step(d.proposalNotice, day(view.proposalNoticeDueOn)));
    steps.push(step(d.answer, day(view.dueOn)));
  }
  const track = `/${lang}/track/${view.number}`;
  const body = html`<div class="panel-success">
<h1>${d.title}</h1>
<dl class="codes">
<div><dt>${d.numberLabel}</dt><dd><span class="code" id="appeal-number">${view.number}</span> ${copyButton('appeal-number', m.common.copy, m.common.copied)}</dd></div>
<div><dt>${d.codeLabel}</dt><dd><span class="code" id="access-code">${view.accessCode}</span> ${copyButton('access-code', m.common.copy, m.common.copied)}</dd></div>
</dl>
<p role="status" class="copy-status" id="copy-status"></p>
</div>
<p>${d.keep}</p>
<p><a class="button" href="${track}/receipt.pdf" download>${d.receipt}</a></p>
<h2>${d.nextTitle}</h2>
<ol class="steps">${steps.map((s) => html`<li>${s}</li>`)}</ol>
<p class="actions"><a class="button-secondary" href="${track}">${d.track}</a> <a class="button-secondary" href="/${lang}/appeal">${d.another}</a></p>
<div id="draft-sent" hidden></div>`;
  return layout(page, { title: d.title, section: 'appeal', body });
}
