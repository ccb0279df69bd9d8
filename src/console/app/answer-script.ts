import type { AnswerLanguage } from '../../contracts/enums.ts';
import { dominantScript, toCyrillic, toLatin } from '../../nlp/transliterate.ts';

// Uzbek answers go out in the script the applicant asked for: `uz` in Latin, `oz` in Cyrillic. An executor
// who drafts in the other one gets a warning and a one-click rewrite by the language layer's
// transliteration, which runs here in the browser (it is pure).

/** Parts of an answer that read the same in either script and must stay as typed: {{placeholders}},
 * appeal numbers and unit codes, web and e-mail addresses. */
const kept =
  /\{\{[^{}]*\}\}|\b(?:IIV|DEMO)(?:-[0-9A-Z]+)+|(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uz|ru|com|org|net)\b/gu;

/** A script an Uzbek answer is written in. */
export type Script = 'latin' | 'cyrillic';

/** The script an answer in this language must be written in; none for languages the check leaves alone. */
export function expectedScript(language: AnswerLanguage): Script | undefined {
  if (language === 'uz') return 'latin';
  if (language === 'oz') return 'cyrillic';
  return undefined;
}

/** The script the text is mostly written in when it is not the one its answer language needs. */
export function wrongScript(text: string, language: AnswerLanguage): Script | undefined {
  const expected = expectedScript(language);
  if (!expected) return undefined;
  const found = dominantScript(text.replace(kept, ' '));
  return (found === 'latin' || found === 'cyrillic') && found !== expected ? found : undefined;
}

/** The text rewritten in the other script, with numbers, codes, addresses and {{placeholders}} as typed. */
export function transliterateAnswer(text: string, to: Script): string {
  const convert = to === 'cyrillic' ? toCyrillic : toLatin;
  let out = '';
  let from = 0;
  for (const match of text.matchAll(kept)) {
    out += convert(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return out + convert(text.slice(from));
}
