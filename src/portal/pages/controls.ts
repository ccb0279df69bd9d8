import { attrs, type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { Messages } from '../i18n/index.ts';

// Form controls drawn the same way everywhere: a label, an optional hint, the error message next to the
// field, and `aria-describedby` tying the hint and the error to the control.

/** Field values as the browser sent them, by field name (the API's JSON path). */
export type FormValues = Record<string, string>;

/** Problems by field name; `_form` holds messages about the whole form. */
export type FormErrors = Map<string, string>;

/** The id of a field's control, derived from its name: `applicant.lastName` → `f-applicant-lastName`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface FieldBase {
  name: string;
  label: string;
  hint?: HtmlValue;
  optional?: boolean;
  m: Messages;
  errors: FormErrors;
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function labelText(label: string, optional: boolean | undefined, m: Messages): SafeHtml {
  return html`${label}${optional ? html` <span class="optional">${m.common.optional}</span>` : ''}`;
}

function errorLine(id: string, message: string | undefined, m: Messages): SafeHtml {
  return message
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">${m.common.errorPrefix} </span>${message}</p>`
    : html``;
}

function hintLine(id: string, hint: HtmlValue): SafeHtml {
  return hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : html``;
}

/** A one-line text input. */
export function textInput(
  field: FieldBase & {
    value: string | undefined;
    type?: 'text' | 'email' | 'tel' | 'number';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
    maxlength?: number;
    width?: 'short' | 'medium';
    className?: string;
    /** False inside a group whose legend already says "(optional)". */
    markOptional?: boolean;
  },
): SafeHtml {
  const id = fieldId(field.name);
  const error = field.errors.get(field.name);
  const marked = field.optional && field.markOptional !== false;
  return html`<div class="field${error ? ' has-error' : ''}${field.className ? ` ${field.className}` : ''}">
<label for="${id}">${labelText(field.label, marked, field.m)}</label>
${hintLine(id, field.hint)}${errorLine(id, error, field.m)}
<input${attrs({
    id,
    name: field.name,
    type: field.type ?? 'text',
    value: field.value ?? '',
    class: field.width ? `input-${field.width}` : undefined,
    autocomplete: field.autocomplete,
    inputmode: field.inputmode,
    maxlength: field.maxlength,
    spellcheck: field.type === 'email' || field.type === 'tel' ? 'false' : undefined,
    'aria-describedby': describedBy(id, Boolean(field.hint), Boolean(error)),
    'aria-invalid': error ? 'true' : undefined,
    'aria-required': field.optional ? undefined : 'true',
  })}>
</div>`;
}

/** A multi-line text area. */
export function textArea(
  field: FieldBase & { value: string | undefined; rows?: number; maxlength?: number; extra?: HtmlValue },
): SafeHtml {
  const id = fieldId(field.name);
  const error = field.errors.get(field.name);
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${labelText(field.label, field.optional, field.m)}</label>
${hintLine(id, field.hint)}${errorLine(id, error, field.m)}
<textarea${attrs({
    id,
    name: field.name,
    rows: field.rows ?? 8,
    maxlength: field.maxlength,
    'aria-describedby': describedBy(id, Boolean(field.hint), Boolean(error)),
    'aria-invalid': error ? 'true' : undefined,
    'aria-required': field.optional ? undefined : 'true',
  })}>${field.value ?? ''}</textarea>
${field.extra}
</div>`;
}

/** An option of a select; `group` options are drawn as `<optgroup>`. */
export type SelectOption = { value: string; label: string } | { group: string; options: SelectOption[] };

function optionHtml(option: SelectOption, selected: string | undefined): SafeHtml {
  if ('group' in option)
    return html`<optgroup label="${option.group}">${option.options.map((o) => optionHtml(o, selected))}</optgroup>`;
  return html`<option value="${option.value}"${option.value === selected ? html` selected` : ''}>${option.label}</option>`;
}

/** A drop-down list. */
export function selectInput(
  field: FieldBase & { value: string | undefined; options: SelectOption[]; autocomplete?: string },
): SafeHtml {
  const id = fieldId(field.name);
  const error = field.errors.get(field.name);
  return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${labelText(field.label, field.optional, field.m)}</label>
${hintLine(id, field.hint)}${errorLine(id, error, field.m)}
<select${attrs({
    id,
    name: field.name,
    autocomplete: field.autocomplete,
    'aria-describedby': describedBy(id, Boolean(field.hint), Boolean(error)),
    'aria-invalid': error ? 'true' : undefined,
  })}>${field.options.map((o) => optionHtml(o, field.value))}</select>
</div>`;
}

/** A choice of one among a few, drawn as a fieldset of radio buttons with a line of help each. */
export function radioGroup(
  field: FieldBase & {
    value: string | undefined;
    options: { value: string; label: string; hint?: string }[];
    className?: string;
  },
): SafeHtml {
  const id = fieldId(field.name);
  const error = field.errors.get(field.name);
  return html`<div class="field${error ? ' has-error' : ''}${field.className ? ` ${field.className}` : ''}">
<fieldset${attrs({ 'aria-describedby': describedBy(id, Boolean(field.hint), Boolean(error)) })}>
<legend>${labelText(field.label, field.optional, field.m)}</legend>
${hintLine(id, field.hint)}${errorLine(id, error, field.m)}
${field.options.map((option, index) => {
  // The first radio carries the field's id, so the error summary's link lands on the group.
  const optionId = index === 0 ? id : `${id}-${option.value}`;
  return html`<div class="radio">
<input${attrs({
    type: 'radio',
    id: optionId,
    name: field.name,
    value: option.value,
    checked: option.value === field.value,
    'aria-describedby': option.hint ? `${optionId}-hint` : undefined,
  })}>
<label for="${optionId}">${option.label}</label>
${option.hint ? html`<p class="hint" id="${optionId}-hint">${option.hint}</p>` : ''}
</div>`;
})}
</fieldset>
</div>`;
}

/** A single check box (consent). */
export function checkbox(field: FieldBase & { checked: boolean; value: string; legend: string }): SafeHtml {
  const id = fieldId(field.name);
  const error = field.errors.get(field.name);
  return html`<div class="field${error ? ' has-error' : ''}">
<fieldset${attrs({ 'aria-describedby': describedBy(id, Boolean(field.hint), Boolean(error)) })}>
<legend>${field.legend}</legend>
${hintLine(id, field.hint)}${errorLine(id, error, field.m)}
<div class="checkbox">
<input${attrs({ type: 'checkbox', id, name: field.name, value: field.value, checked: field.checked, 'aria-required': 'true' })}>
<label for="${id}">${field.label}</label>
</div>
</fieldset>
</div>`;
}

/** The box at the top of a form that lists every problem and links to its field. */
export function errorSummary(m: Messages, errors: FormErrors, labels: Record<string, string>): SafeHtml {
  if (errors.size === 0) return html``;
  const items = [...errors].map(([name, message]) =>
    name === '_form'
      ? html`<li>${message}</li>`
      : html`<li><a href="#${fieldId(name)}">${labels[name] ? `${labels[name]}: ` : ''}${message}</a></li>`,
  );
  // autofocus brings the summary into view and to the screen reader without JavaScript too.
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">${m.common.errorSummaryTitle}</h2>
<ul>${items}</ul>
</div>`;
}

/** The hidden CSRF field every state-changing form carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
