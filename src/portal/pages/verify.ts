import type { VerifiedLetter } from '../../server/templates/letter-verification.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDay } from '../i18n/index.ts';
import { errorSummary, type FormErrors, type FormValues, textInput } from './controls.ts';
import { layout, type PageContext } from './layout.ts';

/**
 * Checking a letter: the number and code printed on it, and, when they match, what the letter is (body,
 * date, kind, outcome, signatory) to compare with the paper. Nothing about the applicant is shown.
 */
export function verifyPage(
  page: PageContext,
  view: { values: FormValues; errors: FormErrors; letter?: VerifiedLetter },
): SafeHtml {
  const { m, lang } = page;
  const v = m.verify;
  const common = { m, errors: view.errors };
  const letter = view.letter;
  const result = letter
    ? html`<div class="panel panel-success" role="status">
<h2>${v.genuine}</h2>
<dl class="summary">
<div><dt>${v.number}</dt><dd><span class="number">${letter.number}</span></dd></div>
<div><dt>${v.kind}</dt><dd>${letter.kind === 'conclusion' ? m.track.conclusionTitle : m.track.answerTitle}</dd></div>
<div><dt>${v.date}</dt><dd>${formatDay(lang, letter.date)}</dd></div>
<div><dt>${v.body}</dt><dd>${letter.bodyName}</dd></div>
${letter.outcome ? html`<div><dt>${m.track.outcome}</dt><dd>${m.outcomes[letter.outcome]}</dd></div>` : ''}
${letter.signedBy ? html`<div><dt>${v.signedBy}</dt><dd>${letter.signedBy}</dd></div>` : ''}
</dl>
<p>${v.compare}</p>
</div>`
    : '';
  const body = html`<h1>${v.title}</h1>
${errorSummary(m, view.errors, { number: v.number, code: v.code })}
${result}
<p class="lead">${v.lead}</p>
<form method="post" action="/${lang}/verify" novalidate class="narrow">
${textInput({ ...common, name: 'number', label: v.number, hint: m.track.numberHint, value: view.values.number, autocomplete: 'off', maxlength: 40, width: 'medium' })}
${textInput({ ...common, name: 'code', label: v.code, hint: v.codeHint, value: view.values.code, autocomplete: 'off', maxlength: 20, width: 'medium', className: 'access-code' })}
<button type="submit" class="button">${v.submit}</button>
</form>`;
  return layout(page, { title: v.title, section: null, body, hasErrors: view.errors.size > 0 });
}
