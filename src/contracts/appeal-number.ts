// The public number of an appeal (IIV-2026-0000123) as people type it back: from a letter, an SMS or
// memory, on a phone keyboard that may be set to Cyrillic. One reading for the portal, the API and the bots.

/** The form a number is shown in and asked for. */
export const APPEAL_NUMBER_EXAMPLE = 'IIV-2026-0000123';

/** The canonical form: prefix, year of receipt, seven-digit sequence. */
export const APPEAL_NUMBER_PATTERN = /^IIV-\d{4}-\d{7}$/;

// Letters that look like or stand for the Latin prefix when typed on a Cyrillic layout: "ИИВ" is the
// same abbreviation (Ички ишлар вазирлиги) in Uzbek Cyrillic and Russian; Ukrainian І and the Roman
// numeral Ⅰ look like I; a Cyrillic О or a Latin O among the digits is a zero.
const lookAlikes: Record<string, string> = {
  И: 'I',
  І: 'I',
  Ӏ: 'I',
  Ⅰ: 'I',
  В: 'V',
  О: '0',
  O: '0',
};

/**
 * The canonical number for what someone typed, or null when it cannot be one. Accepts lower case,
 * spaces or other dashes as separators, a missing prefix ("2026-123"), a short sequence ("IIV-2026-2"),
 * Cyrillic letters for the prefix and no separators at all ("iiv20260000123").
 */
export function normalizeAppealNumber(input: string): string | null {
  if (input.length > 40) return null;
  const upper = input
    .replace(/№/g, ' ') // NFKC would make it "No"
    .normalize('NFKC')
    .toUpperCase()
    .replace(/./gu, (ch) => lookAlikes[ch] ?? ch);
  // Leading and trailing marks ("№ IIV-…", a full stop after the number) are not part of it.
  const bare = upper.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const withoutPrefix = bare.replace(/^I\s*I\s*V(?![A-Z])/, '');
  const groups = withoutPrefix.split(/[\s\-‐‑‒–—―_./\\№#:]+/u).filter(Boolean);
  if (groups.some((g) => !/^\d+$/.test(g))) return null;
  let year: string | undefined;
  let seq: string | undefined;
  if (groups.length === 2) [year, seq] = groups;
  else if (groups.length === 1 && groups[0] && groups[0].length === 11) {
    year = groups[0].slice(0, 4);
    seq = groups[0].slice(4);
  }
  if (!year || !seq || !/^(19|20)\d{2}$/.test(year) || seq.length > 7 || Number(seq) === 0) return null;
  return `IIV-${year}-${seq.padStart(7, '0')}`;
}
