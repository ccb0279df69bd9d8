import { answerChannels, answerLanguages, appealTypes, applicantKinds } from '../../contracts/enums.ts';
import { errorMessage } from '../../contracts/errors.ts';
import { limits } from '../../contracts/limits.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Messages } from '../i18n/index.ts';
import {
  checkbox,
  csrfField,
  errorSummary,
  type FormErrors,
  type FormValues,
  fieldId,
  radioGroup,
  type SelectOption,
  selectInput,
  textArea,
  textInput,
} from './controls.ts';
import { layout, type PageContext } from './layout.ts';

/** The choices of the territory and category pickers, in the page's language. */
export interface Pickers {
  territories: SelectOption[];
  categories: SelectOption[];
}

/** The appeal a complaint is about (the form links the new appeal to it). */
export interface ComplaintTarget {
  number: string;
  accessCode: string;
  /** The original's applicant as shown (name or organisation) when the complaint continues as them. */
  continuingAs?: string;
}

/** Everything the new-appeal page shows. */
export interface AppealFormView {
  values: FormValues;
  errors: FormErrors;
  csrf: string;
  pickers: Pickers;
  complaint?: ComplaintTarget;
  /** Files were chosen but not kept because the form came back with errors. */
  filesDropped?: boolean;
}

/** Names the error summary prefixes each message with, by field name. */
export function fieldLabels(m: Messages): Record<string, string> {
  const f = m.form;
  return {
    type: f.typeLegend,
    'applicant.kind': f.applicantLegend,
    'applicant.lastName': f.lastName,
    'applicant.firstName': f.firstName,
    'applicant.patronymic': f.patronymic,
    'applicant.pinfl': f.pinfl,
    'applicant.organization': f.organization,
    'applicant.representative': f.representative,
    'applicant.taxId': f.taxId,
    'applicant.address': f.address,
    'applicant.phone': f.phone,
    'applicant.email': f.email,
    'collective.signatories': f.signatories,
    territory: f.territory,
    category: f.category,
    text: f.text,
    'location.place': f.place,
    'location.lat': f.lat,
    'location.lon': f.lon,
    answerLanguage: f.answerLanguage,
    answerChannel: f.answerChannel,
    consent: f.consentLegend,
    files: f.files,
    homepage: f.honeypot,
  };
}

/** Formats a count the way the language groups digits (10 000 / 10,000). */
export function formatCount(lang: string, n: number): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'ru-RU');
}

const acceptedFiles =
  'image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,.doc,.docx,.xls,.xlsx,.odt,.ods';

/** Who the applicant is: kind, then the person's or organisation's fields and the contacts. */
function applicantFields(page: PageContext, view: AppealFormView): SafeHtml {
  const { m } = page;
  const { values, errors } = view;
  const f = m.form;
  const common = { m, errors };
  return html`${radioGroup({
    ...common,
    name: 'applicant.kind',
    label: f.applicantLegend,
    value: values['applicant.kind'],
    className: 'applicant-kind',
    options: applicantKinds.map((k) => ({ value: k, label: m.kinds[k].name, hint: m.kinds[k].hint })),
  })}
<fieldset class="group for-person">
<legend>${f.personLegend}</legend>
<p class="kind-note">${f.personNote}</p>
${textInput({ ...common, name: 'applicant.lastName', label: f.lastName, value: values['applicant.lastName'], autocomplete: 'family-name', maxlength: limits.nameMaxChars })}
${textInput({ ...common, name: 'applicant.firstName', label: f.firstName, value: values['applicant.firstName'], autocomplete: 'given-name', maxlength: limits.nameMaxChars })}
${textInput({ ...common, name: 'applicant.patronymic', label: f.patronymic, optional: true, value: values['applicant.patronymic'], autocomplete: 'additional-name', maxlength: limits.nameMaxChars })}
${textInput({ ...common, name: 'applicant.pinfl', label: f.pinfl, hint: f.pinflHint, optional: true, value: values['applicant.pinfl'], inputmode: 'numeric', autocomplete: 'off', maxlength: 20, width: 'medium' })}
</fieldset>
<fieldset class="group for-organization">
<legend>${f.organizationLegend}</legend>
<p class="kind-note">${f.organizationNote}</p>
${textInput({ ...common, name: 'applicant.organization', label: f.organization, value: values['applicant.organization'], autocomplete: 'organization', maxlength: limits.organizationMaxChars })}
${textInput({ ...common, name: 'applicant.representative', label: f.representative, hint: f.representativeHint, optional: true, value: values['applicant.representative'], maxlength: limits.nameMaxChars * 3 })}
${textInput({ ...common, name: 'applicant.taxId', label: f.taxId, hint: f.taxIdHint, optional: true, value: values['applicant.taxId'], inputmode: 'numeric', autocomplete: 'off', maxlength: 12, width: 'short' })}
</fieldset>
<fieldset class="group for-contact">
<legend>${f.contactLegend}</legend>
<p class="kind-note">${f.contactNote}</p>
${textInput({ ...common, name: 'applicant.address', label: f.address, hint: f.addressHint, value: values['applicant.address'], autocomplete: 'street-address', maxlength: limits.addressMaxChars })}
${textInput({ ...common, name: 'applicant.phone', label: f.phone, hint: f.phoneHint, optional: true, value: values['applicant.phone'], type: 'tel', autocomplete: 'tel', maxlength: 30, width: 'medium' })}
${textInput({ ...common, name: 'applicant.email', label: f.email, optional: true, value: values['applicant.email'], type: 'email', autocomplete: 'email', maxlength: 254 })}
${textInput({ ...common, name: 'collective.signatories', label: f.signatories, hint: f.signatoriesHint, optional: true, value: values['collective.signatories'], inputmode: 'numeric', maxlength: 7, width: 'short' })}
</fieldset>`;
}

/** A complaint that continues as the original appeal's applicant: the name, and a way to give other details. */
function continuingPanel(page: PageContext, complaint: ComplaintTarget): SafeHtml {
  const { m, lang } = page;
  return html`<div class="panel continuing">
<input type="hidden" name="applicant.from" value="original">
<p>${m.form.continuingAs(complaint.continuingAs ?? '', complaint.number)}</p>
<p><a href="/${lang}/appeal?complaint=${complaint.number}&amp;details=new">${m.form.otherDetails}</a></p>
</div>`;
}

/**
 * The phone's position, when "use my location" added it: hidden fields, never boxes a person must fill,
 * kept when the form comes back with errors.
 */
function coordinates(values: FormValues): SafeHtml {
  return html`<input type="hidden" name="location.lat" value="${values['location.lat'] ?? ''}">
<input type="hidden" name="location.lon" value="${values['location.lon'] ?? ''}">`;
}

/** The new-appeal page: one HTML form whose field names are the API's JSON paths. */
export function appealFormPage(page: PageContext, view: AppealFormView): SafeHtml {
  const { m, lang } = page;
  const { values, errors } = view;
  const f = m.form;
  const common = { m, errors };
  const max = formatCount(lang, limits.textMaxChars);
  const body = html`<h1>${view.complaint ? f.complaintTitle : f.title}</h1>
${view.complaint ? html`<p class="lead">${f.complaintLead(view.complaint.number)}</p>` : ''}
${errorSummary(m, errors, fieldLabels(m))}
<p>${f.intro}</p>
<div class="notice" id="draft-notice" hidden><p>${f.draftRestored}</p><button type="button" class="button-link" id="draft-clear">${f.draftClear}</button></div>
<form class="appeal-form" id="appeal-form" method="post" action="/${lang}/appeal" enctype="multipart/form-data" novalidate>
${csrfField(view.csrf)}
${
  view.complaint
    ? html`<input type="hidden" name="relatedTo.number" value="${view.complaint.number}">
<input type="hidden" name="relatedTo.accessCode" value="${view.complaint.accessCode}">
<input type="hidden" name="relatedTo.kind" value="complaint">`
    : ''
}
${radioGroup({
  ...common,
  name: 'type',
  label: f.typeLegend,
  value: values.type,
  options: appealTypes.map((t) => ({ value: t, label: m.types[t].name, hint: m.types[t].hint })),
})}
${view.complaint?.continuingAs ? continuingPanel(page, view.complaint) : applicantFields(page, view)}
${selectInput({ ...common, name: 'territory', label: f.territory, hint: f.territoryHint, optional: true, value: values.territory, options: view.pickers.territories })}
<div class="region-labels" hidden data-district="${f.district}"></div>
${textArea({
  ...common,
  name: 'text',
  label: f.text,
  hint: html`${f.textHint} ${f.textLimit(String(limits.textMinChars), max)}`,
  value: values.text,
  rows: 10,
  maxlength: limits.textMaxChars,
  extra: html`<p class="counter" id="text-counter" hidden data-template="${f.counter('{used}', max)}" data-max="${limits.textMaxChars}"></p>`,
})}
${selectInput({ ...common, name: 'category', label: f.category, hint: f.categoryHint, optional: true, value: values.category, options: view.pickers.categories })}
<div aria-live="polite"><div class="suggestion" id="category-suggestion" hidden><p>${f.suggestion} <strong></strong></p><button type="button" class="button-secondary">${f.suggestionUse}</button></div></div>
<fieldset class="group">
<legend>${f.locationLegend} <span class="optional">${m.common.optional}</span></legend>
<p class="hint">${f.locationHint}</p>
${textInput({ ...common, name: 'location.place', label: f.place, optional: true, markOptional: false, value: values['location.place'], maxlength: limits.placeMaxChars })}
${coordinates(values)}
<p><button type="button" class="button-secondary" id="locate" hidden data-busy="${f.locating}" data-failed="${f.locateFailed}" data-done="${f.located('{lat}', '{lon}')}">${f.locate}</button> <span id="locate-status" role="status"></span></p>
</fieldset>
<fieldset class="group">
<legend>${f.answerLegend}</legend>
${selectInput({
  ...common,
  name: 'answerLanguage',
  label: f.answerLanguage,
  value: values.answerLanguage ?? lang,
  options: answerLanguages.map((l) => ({ value: l, label: m.answerLanguages[l] })),
})}
${selectInput({
  ...common,
  name: 'answerChannel',
  label: f.answerChannel,
  hint: f.answerChannelHint,
  value: values.answerChannel ?? 'web',
  options: answerChannels.map((c) => ({ value: c, label: m.answerChannels[c] })),
})}
</fieldset>
${checkbox({
  ...common,
  name: 'consent',
  legend: f.consentLegend,
  label: f.consent,
  hint: f.consentPurpose,
  value: 'true',
  checked: values.consent === 'true' || values.consent === 'on',
})}
<div class="field${errors.has('files') ? ' has-error' : ''}">
<label for="${fieldId('files')}">${f.files} <span class="optional">${m.common.optional}</span></label>
<p class="hint" id="${fieldId('files')}-hint">${f.filesHint(String(limits.attachmentsMaxCount), String(limits.attachmentMaxBytes / 1024 / 1024))}</p>
${view.filesDropped && !errors.has('files') ? html`<p class="hint">${f.filesReselect}</p>` : ''}
${errors.has('files') ? html`<p class="field-error" id="${fieldId('files')}-error"><span class="visually-hidden">${m.common.errorPrefix} </span>${errors.get('files')}</p>` : ''}
<input type="file" id="${fieldId('files')}" name="files" multiple accept="${acceptedFiles}" data-max-count="${limits.attachmentsMaxCount}" data-max-bytes="${limits.attachmentMaxBytes}" data-too-many="${errorMessage('TOO_MANY_ATTACHMENTS', lang)}" data-too-large="${errorMessage('PAYLOAD_TOO_LARGE', lang)}" aria-describedby="${fieldId('files')}-hint${errors.has('files') ? ` ${fieldId('files')}-error` : ''}"${errors.has('files') ? html` aria-invalid="true"` : ''}>
</div>
<div class="hp">
${textInput({ ...common, name: 'homepage', label: f.honeypot, optional: true, value: values.homepage, autocomplete: 'off' })}
</div>
<div class="submit-row">
<button type="submit" class="button">${f.submit}</button>
<p class="upload" id="upload-status" hidden><progress id="upload-progress" max="100" value="0" aria-labelledby="upload-label"></progress> <span id="upload-label">${f.uploading}</span></p>
</div>
</form>`;
  return layout(page, {
    title: view.complaint ? f.complaintTitle : f.title,
    section: 'appeal',
    body,
    hasErrors: errors.size > 0,
  });
}
