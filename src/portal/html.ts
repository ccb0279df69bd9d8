// A tiny HTML template helper: every interpolated value is escaped unless it is already `SafeHtml`,
// so a page cannot print a citizen's text as markup by accident.

/** Markup that has been escaped (or built from escaped parts) and may be inserted as-is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template slot accepts; `null`, `undefined` and `false` print nothing, arrays are joined. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return '';
}

/** The template tag: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Trusted markup written in this code base (never user input). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Attribute values: `true` prints the bare name, `false`/`null`/`undefined` omit it. */
export function attrs(values: Record<string, string | number | boolean | null | undefined>): SafeHtml {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value === false || value === null || value === undefined) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return new SafeHtml(out);
}

/**
 * A sentence with one part of it (a date, an appeal number) that moves to the next line whole: a narrow
 * phone otherwise breaks "2026-yil" or "IIV-2026-0000001" at a dash. An Uzbek suffix joined to the part
 * ("18-dekabrgacha", "…-sonli") stays with it unless `suffix` is false (a heading's large letters, where
 * "IIV-2026-0000001-sonli" is wider than a phone's line); punctuation after it may still end the line.
 */
export function keepWhole(text: string, part: string, suffix = true): SafeHtml {
  // Uzbek Cyrillic drops a month's soft sign before a suffix (декабрь → декабргача): look for the rest.
  const found = part.endsWith('ь') && !text.includes(part) ? part.slice(0, -1) : part;
  const at = found === '' ? -1 : text.indexOf(found);
  if (at < 0) return html`${text}`;
  let end = at + found.length;
  while (suffix && end < text.length && !/[\s.,:;!?)]/.test(text.charAt(end))) end++;
  return html`${text.slice(0, at)}<span class="whole">${text.slice(at, end)}</span>${text.slice(end)}`;
}
