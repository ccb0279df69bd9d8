/**
 * Similar answered appeals, so that an executor can reuse a good answer and keep answers
 * consistent. Okapi BM25 (a TF-IDF weighting with length normalisation) over the loose-key words
 * and word pairs of each appeal, with an inverted index: a query touches only appeals that share
 * a word with it.
 */

import { looseKey } from './normalize.ts';

export interface SimilarMatch {
  id: string;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

function terms(text: string): string[] {
  const words = looseKey(text)
    .split(' ')
    .filter((word) => word.length > 1);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/** An in-memory BM25 index of appeals (add the answered ones, query with a new one). */
export class SimilarIndex {
  private readonly ids: string[] = [];
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private totalLength = 0;

  get size(): number {
    return this.ids.length;
  }

  /** Indexes one appeal's text under its id. */
  add(id: string, text: string): void {
    const doc = this.ids.length;
    const counts = new Map<string, number>();
    const list = terms(text);
    for (const term of list) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const posting = this.postings.get(term) ?? [];
      posting.push({ doc, tf });
      this.postings.set(term, posting);
    }
    this.ids.push(id);
    this.lengths.push(list.length);
    this.totalLength += list.length;
  }

  /** The `limit` indexed appeals most similar to a text, best first, with their BM25 scores. */
  query(text: string, limit = 5): SimilarMatch[] {
    const n = this.ids.length;
    if (n === 0) return [];
    const averageLength = this.totalLength / n;
    const scores = new Map<number, number>();
    for (const term of new Set(terms(text))) {
      const posting = this.postings.get(term);
      if (posting === undefined) continue;
      const idf = Math.log(1 + (n - posting.length + 0.5) / (posting.length + 0.5));
      for (const { doc, tf } of posting) {
        const length = this.lengths[doc] ?? averageLength;
        const weight = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
        scores.set(doc, (scores.get(doc) ?? 0) + weight);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([doc, score]) => ({ id: this.ids[doc] ?? '', score: Number(score.toFixed(4)) }));
  }
}
