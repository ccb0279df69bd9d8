/**
 * Measures language identification on (a) the evaluation half of the shared labelled sentences
 * (the ids `isProfileSentence` rejects: never used to build the profile) and (b) the informal set
 * written for this project, src/nlp/data/langid-informal.jsonl (never used to build it either).
 *
 *   npx tsx bench/nlp-langid-eval.ts   → prints a summary, writes bench/results/nlp-langid.json
 */
import { writeFileSync } from 'node:fs';
import { detectTextLanguage } from '../src/nlp/langid.ts';
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
const result = {
  command: 'npx tsx bench/nlp-langid-eval.ts',
  shared: { ...shared, errors: shared.errors.slice(0, 40) },
  informal,
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
for (const e of [...shared.errors.slice(0, 25), ...informal.errors])
  console.log(e.expected, '→', e.got, '|', e.text.slice(0, 90));
