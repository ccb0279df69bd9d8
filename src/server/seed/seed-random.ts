// Seeded random choices shared by the appeal generator and the simulated life.

/** A seeded source of numbers in [0, 1). */
export type Random = () => number;

/** FNV-1a over a string: seeds per-purpose generators from the run's seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The item at `index`, clamped to the list. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[Math.min(items.length - 1, Math.max(0, index))];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A uniformly random item. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return at(items, Math.floor(random() * items.length));
}

/** Up to `n` distinct items, in random order. */
export function sample<T>(random: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    const [item] = pool.splice(Math.floor(random() * pool.length), 1);
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** A weighted choice from [value, weight] pairs. */
export function weighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = random() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return at(table, table.length - 1)[0];
}

/** Cumulative weights for fast repeated choice. */
export class Weighted<T> {
  readonly #values: T[];
  readonly #cumulative: Float64Array;

  constructor(table: readonly (readonly [T, number])[]) {
    this.#values = table.map(([v]) => v);
    this.#cumulative = new Float64Array(table.length);
    let sum = 0;
    table.forEach(([, w], i) => {
      sum += w;
      this.#cumulative[i] = sum;
    });
  }

  pick(random: Random): T {
    const total = this.#cumulative[this.#cumulative.length - 1] ?? 0;
    const r = random() * total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return at(this.#values, lo);
  }
}
