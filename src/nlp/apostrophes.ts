/** Marks people type for the Uzbek okina (oʻ, gʻ) and tutuq (taʼlim). */
export const APOSTROPHE_LIKE = /['`´‘’‛ʹʻʼʽʾʿ′＇]/u;
const APOSTROPHE_RUN = /['`´‘’‛ʹʻʼʽʾʿ′＇]/gu;

const OKINA = 'ʻ';
const TUTUQ = 'ʼ';

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch) && !APOSTROPHE_LIKE.test(ch);
}

/**
 * Rewrites apostrophe-like marks per docs/domain.md: after Latin o/g → U+02BB (okina), between other
 * letters → U+02BC (tutuq); quotes and marks outside words stay as typed.
 */
export function normalizeApostrophes(text: string): string {
  if (!APOSTROPHE_LIKE.test(text)) return text;
  return text.replace(APOSTROPHE_RUN, (mark, offset: number, whole: string) => {
    const prev = whole[offset - 1];
    const next = whole[offset + 1];
    // g' ends many words (togʻ, bogʻ); o' at a word end is usually a closing quote instead.
    if (prev === 'g' || prev === 'G') return OKINA;
    if ((prev === 'o' || prev === 'O') && isLetter(next)) return OKINA;
    if (isLetter(prev) && isLetter(next)) return TUTUQ;
    return mark;
  });
}
