/**
 * Near-duplicate look-up at scale: 1,000,000 MinHash signatures in the LSH index, then queries
 * with planted near-duplicates (Cyrillic twin, apostrophes dropped, a word changed) at 10k, 100k
 * and 1M indexed appeals, to show that look-up time does not grow with the index.
 *
 *   node --max-old-space-size=4096 --import tsx bench/nlp-duplicates.bench.ts
 *   → prints the figures, writes bench/results/nlp-duplicates.json
 *
 * Background appeals are random sequences of 15–40 words drawn from the starter appeals'
 * vocabulary (both scripts), so they are realistic in letters and length but mostly unrelated.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { STARTER_PHRASES } from '../src/nlp/data/starter-phrases.ts';
import { LshIndex, minhash } from '../src/nlp/index.ts';
import { normalizeText } from '../src/nlp/normalize.ts';
import { mulberry32 } from '../src/nlp/random.ts';
import { toCyrillic } from '../src/nlp/transliterate.ts';

const TOTAL = Number(process.env.NLP_BENCH_SIGNATURES ?? 1_000_000);
const CHECKPOINTS = [10_000, 100_000, 1_000_000].filter((n) => n <= TOTAL);
const PLANTED = 1_000;
const random = mulberry32(11);

const vocabulary = [
  ...new Set(
    Object.values(STARTER_PHRASES)
      .flatMap((p) => [
        ...p.uz.map(normalizeText),
        ...p.uz.map((s) => toCyrillic(normalizeText(s))),
        ...p.ru,
        ...p.en,
      ])
      .flatMap((sentence) => sentence.split(/\s+/)),
  ),
];
const word = () => vocabulary[Math.floor(random() * vocabulary.length)] ?? '';
const appeal = () => Array.from({ length: 15 + Math.floor(random() * 26) }, word).join(' ');

function variant(text: string, kind: number): string {
  if (kind === 0) return toCyrillic(text);
  if (kind === 1) return text.replace(/[ʻʼ']/g, '');
  const words = text.split(' ');
  words[Math.floor(random() * words.length)] = word();
  return words.join(' ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const index = new LshIndex();
const planted: { id: string; query: string }[] = [];
const plantEvery = Math.floor(CHECKPOINTS[0] ?? TOTAL) / PLANTED;
let signatureMs = 0;
const checkpoints: Record<string, unknown>[] = [];
const started = performance.now();
for (let i = 0; i < TOTAL; i++) {
  const text = appeal();
  const t0 = performance.now();
  const signature = minhash(text);
  signatureMs += performance.now() - t0;
  index.add(`a${i}`, signature);
  // The planted originals all sit among the first 10k, so every checkpoint queries the same set.
  if (i % plantEvery === 0 && planted.length < PLANTED)
    planted.push({ id: `a${i}`, query: variant(text, planted.length % 3) });
  if (CHECKPOINTS.includes(i + 1)) {
    const querySignatures = planted.map((p) => minhash(p.query));
    const times: number[] = [];
    let found = 0;
    querySignatures.forEach((signature, q) => {
      const t = performance.now();
      const matches = index.query(signature, 10);
      times.push(performance.now() - t);
      if (matches.some((m) => m.id === planted[q]?.id)) found++;
    });
    times.sort((a, b) => a - b);
    const memory = process.memoryUsage();
    checkpoints.push({
      indexed: i + 1,
      queries: querySignatures.length,
      recall: Number((found / querySignatures.length).toFixed(4)),
      queryP50Ms: Number(percentile(times, 50).toFixed(4)),
      queryP99Ms: Number(percentile(times, 99).toFixed(4)),
      rssMb: Math.round(memory.rss / 2 ** 20),
      arrayBuffersMb: Math.round(memory.arrayBuffers / 2 ** 20),
      heapUsedMb: Math.round(memory.heapUsed / 2 ** 20),
    });
    console.log(JSON.stringify(checkpoints.at(-1)));
  }
}
const totalSeconds = (performance.now() - started) / 1000;

// What a linear scan over every stored signature would cost for one query, for comparison.
const probe = minhash(planted[0]?.query ?? '');
const all = Array.from({ length: 200_000 }, () => minhash(appeal()));
const scanStarted = performance.now();
let best = 0;
for (const signature of all) {
  let same = 0;
  for (let k = 0; k < signature.length; k++) if (signature[k] === probe[k]) same++;
  best = Math.max(best, same);
}
const scanMsPerMillion = ((performance.now() - scanStarted) / all.length) * 1_000_000;

const result = {
  command: 'node --max-old-space-size=4096 --import tsx bench/nlp-duplicates.bench.ts',
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version },
  settings: index.options,
  signatures: TOTAL,
  buildSeconds: Number(totalSeconds.toFixed(1)),
  signatureMicroseconds: Number(((signatureMs / TOTAL) * 1000).toFixed(1)),
  checkpoints,
  linearScanMsPerQueryAt1M: Number(scanMsPerMillion.toFixed(1)),
};
writeFileSync(
  new URL('./results/nlp-duplicates.json', import.meta.url),
  `${JSON.stringify(result, null, 2)}\n`,
);
console.log(JSON.stringify(result, null, 2));
