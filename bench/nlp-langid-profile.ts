/**
 * Builds the language-identification profile (src/nlp/data/langid-profile.ts) from:
 *   - the half of /work/shared/data/langid/sentences.jsonl whose id hashes to the training side
 *     (`isProfileSentence`); the other half is only ever used for evaluation;
 *   - src/nlp/data/langid-seed.jsonl: short and informal sentences written for this project,
 *     including all of the Karakalpak, which the shared set lacks;
 *   - the Uzbek, Russian and English starter appeals (bench/nlp-starter-data.ts);
 *   - the even paragraphs of the Karakalpak Universal Declaration of Human Rights (bench/lib/udhr.ts);
 *   - every Karakalpak text also in the other script and without its own letters (`foldKaa`), as people
 *     type it on a Russian or a plain Latin keyboard;
 *   - every Russian text also in Latin letters as people type it (`typedInLatin`), as `ru-Latn`.
 * src/nlp/data/langid-informal.jsonl is never read here: it is the informal evaluation set.
 *
 *   npx tsx bench/nlp-langid-profile.ts [path/to/sentences.jsonl]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { foldKaa, kaaToCyrillic, kaaToLatin } from '../src/nlp/karakalpak.ts';
import { charGrams, type LangidProfile, langidForm } from '../src/nlp/langid.ts';
import { dominantScript } from '../src/nlp/transliterate.ts';
import { isUdhrProfileParagraph, udhrParagraphs } from './lib/udhr.ts';
import { generateStarter } from './nlp-starter-data.ts';

const MAX_ORDER = 4;
const KEEP_PER_LANGUAGE = 6000;
export const SHARED_SENTENCES = '/work/shared/data/langid/sentences.jsonl';

/** True for the half of the shared sentences used to build the profile (FNV-1a of the id, even). */
export function isProfileSentence(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 2 === 0;
}

export function readJsonl(path: string | URL): Record<string, string>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

// Russian as people type it on a Latin keyboard (a chat, an SMS): the common informal spellings, not a
// standard romanisation (ж zh, х h, ц ts, щ sch, ы y, ь and ъ left out).
const RUSSIAN_TYPED: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** A Russian text as typed in Latin letters. */
export function typedInLatin(text: string): string {
  return [...text.toLowerCase()].map((ch) => RUSSIAN_TYPED[ch] ?? ch).join('');
}

function build(sentencesPath: string): LangidProfile {
  const texts: { text: string; language: string }[] = [];
  for (const row of readJsonl(sentencesPath)) {
    const { id = '', text = '', language = '' } = row;
    if (!isProfileSentence(id)) continue;
    // Arabic, Chinese … are decided by script; only Latin and Cyrillic "other" teach the model.
    if (language === 'other' && !['latin', 'cyrillic'].includes(dominantScript(text))) continue;
    texts.push({ text, language });
  }
  for (const row of readJsonl(new URL('../src/nlp/data/langid-seed.jsonl', import.meta.url))) {
    texts.push({ text: row.text ?? '', language: row.language ?? '' });
  }
  // Not the Karakalpak ones: 96 sentences in four forms would outweigh the declaration's prose in the
  // Karakalpak profile's kept n-grams (tried 6 Dec 2026: the UDHR set fell from 99.1 to 94.8 %).
  for (const example of generateStarter().train) if (example.language !== 'kaa') texts.push(example);
  udhrParagraphs('kaa').forEach((text, index) => {
    if (isUdhrProfileParagraph(index)) texts.push({ text, language: 'kaa' });
  });
  const extra: { text: string; language: string }[] = [];
  for (const { text, language } of texts) {
    if (language === 'kaa') {
      const other = dominantScript(text) === 'cyrillic' ? kaaToLatin(text) : kaaToCyrillic(text);
      extra.push(
        { text: other, language },
        { text: foldKaa(text), language },
        { text: foldKaa(other), language },
      );
    }
    if (language === 'ru' && dominantScript(text) === 'cyrillic')
      extra.push({ text: typedInLatin(text), language: 'ru-Latn' });
  }
  texts.push(...extra);

  const counts = new Map<string, Map<string, number>>();
  for (const { text, language } of texts) {
    const table = counts.get(language) ?? new Map<string, number>();
    counts.set(language, table);
    for (const gram of charGrams(langidForm(text), MAX_ORDER)) table.set(gram, (table.get(gram) ?? 0) + 1);
  }
  const languages: LangidProfile['languages'] = {};
  for (const [language, table] of counts) {
    let total = 0;
    for (const count of table.values()) total += count;
    const top = [...table].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, KEEP_PER_LANGUAGE);
    languages[language] = { total, grams: Object.fromEntries(top) };
  }
  return { version: 1, maxOrder: MAX_ORDER, languages };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const profile = build(process.argv[2] ?? SHARED_SENTENCES);
  const json = JSON.stringify(profile);
  writeFileSync(
    new URL('../src/nlp/data/langid-profile.ts', import.meta.url),
    `// Generated by bench/nlp-langid-profile.ts; do not edit by hand.\nexport const LANGID_PROFILE = ${JSON.stringify(json)};\n`,
  );
  const sizes = Object.fromEntries(Object.entries(profile.languages).map(([k, v]) => [k, v.total]));
  console.log(JSON.stringify({ bytes: json.length, gramsSeen: sizes }));
}
