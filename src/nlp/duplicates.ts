/**
 * Near-duplicate appeals across scripts: MinHash signatures over character shingles of the loose
 * key (so a Latin appeal and its Cyrillic twin get the same signature), an LSH banding index for
 * sub-linear look-up, grouping by union–find, and mass-campaign detection.
 *
 * A signature is a Uint32Array; `signatureToBase64` / `signatureFromBase64` store it (e.g. in a
 * PostgreSQL text or bytea column) so the index can be rebuilt without re-reading the texts.
 */

import { decodeBase64, encodeBase64 } from './base64.ts';
import { looseKey } from './normalize.ts';
import { mulberry32 } from './random.ts';

export interface MinHashOptions {
  /** Signature length; must be a multiple of `bands`. */
  numHashes: number;
  /** Characters per shingle. */
  shingleSize: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { numHashes: 64, shingleSize: 5 };

const seedCache = new Map<number, Uint32Array>();

function hashSeeds(count: number): Uint32Array {
  let seeds = seedCache.get(count);
  if (seeds === undefined) {
    const random = mulberry32(0x5eed);
    seeds = Uint32Array.from({ length: count }, () => Math.floor(random() * 0x100000000));
    seedCache.set(count, seeds);
  }
  return seeds;
}

function fnv1a(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Distinct hashed character shingles of a text's loose key (the whole key if it is shorter). */
export function shingles(text: string, shingleSize = DEFAULT_MINHASH.shingleSize): Uint32Array {
  const key = looseKey(text);
  const out = new Set<number>();
  if (key.length <= shingleSize) {
    if (key !== '') out.add(fnv1a(key, 0, key.length));
  } else {
    for (let i = 0; i + shingleSize <= key.length; i++) out.add(fnv1a(key, i, i + shingleSize));
  }
  return Uint32Array.from(out);
}

/** The MinHash signature of a text: per hash function, the smallest hash over its shingles. */
export function minhash(text: string, options: MinHashOptions = DEFAULT_MINHASH): Uint32Array {
  const seeds = hashSeeds(options.numHashes);
  const signature = new Uint32Array(options.numHashes).fill(0xffffffff);
  for (const shingle of shingles(text, options.shingleSize)) {
    for (let i = 0; i < seeds.length; i++) {
      let v = Math.imul(shingle ^ (seeds[i] ?? 0), 0x9e3779b1);
      v ^= v >>> 15;
      v = Math.imul(v, 0x85ebca77);
      v ^= v >>> 13;
      v >>>= 0;
      if (v < (signature[i] ?? 0)) signature[i] = v;
    }
  }
  return signature;
}

/** Share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('signatures of different lengths');
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

/** A signature as base64 of its little-endian bytes, for storage. */
export function signatureToBase64(signature: Uint32Array): string {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < signature.length; i++) view.setUint32(i * 4, signature[i] ?? 0, true);
  return encodeBase64(bytes);
}

/** Reads a signature stored by `signatureToBase64`. */
export function signatureFromBase64(text: string): Uint32Array {
  const bytes = decodeBase64(text);
  if (bytes.length % 4 !== 0)
    throw new RangeError('a stored signature must be a whole number of 32-bit values');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}

export interface LshOptions extends MinHashOptions {
  /** Bands × rows = numHashes. More bands find lower similarities at more cost. */
  bands: number;
  /** Candidates below this estimated Jaccard similarity are dropped. */
  threshold: number;
}

/**
 * 16 bands of 4 rows: a pair with Jaccard 0.6 becomes a candidate with probability 0.89, one with
 * 0.8 with probability 0.9998, one with 0.3 with probability 0.12.
 */
export const DEFAULT_LSH: LshOptions = { ...DEFAULT_MINHASH, bands: 16, threshold: 0.6 };

export interface Match {
  id: string;
  similarity: number;
}

/**
 * An in-memory LSH index. Band keys live in one open-addressing table of typed arrays with
 * chains through the entries, so a million signatures cost a few hundred megabytes and no
 * per-entry objects. Look-up cost depends on the number of candidates, not on the index size.
 */
export class LshIndex {
  readonly options: LshOptions;
  private readonly rows: number;
  private ids: string[] = [];
  private signatures: Uint32Array;
  private keys: Uint32Array;
  private heads: Int32Array;
  private next: Int32Array;
  private distinctKeys = 0;
  private stamps: Int32Array;
  private generation = 0;

  constructor(options: Partial<LshOptions> = {}) {
    this.options = { ...DEFAULT_LSH, ...options };
    const { numHashes, bands } = this.options;
    if (numHashes % bands !== 0)
      throw new RangeError(`numHashes (${numHashes}) must be a multiple of bands (${bands})`);
    this.rows = numHashes / bands;
    this.signatures = new Uint32Array(1024 * numHashes);
    this.keys = new Uint32Array(1 << 12);
    this.heads = new Int32Array(1 << 12).fill(-1);
    this.next = new Int32Array(1024 * bands);
    this.stamps = new Int32Array(1024);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The signature of a text under this index's settings. */
  signature(text: string): Uint32Array {
    return minhash(text, this.options);
  }

  /** Adds a text (or its stored signature) under an id; returns the signature. */
  add(id: string, textOrSignature: string | Uint32Array): Uint32Array {
    const signature = typeof textOrSignature === 'string' ? this.signature(textOrSignature) : textOrSignature;
    const { numHashes, bands } = this.options;
    if (signature.length !== numHashes) throw new RangeError(`signature must have ${numHashes} values`);
    const doc = this.ids.length;
    this.ensureDocCapacity(doc + 1);
    this.ids.push(id);
    this.signatures.set(signature, doc * numHashes);
    for (let band = 0; band < bands; band++) {
      if ((this.distinctKeys + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
      const key = this.bandKey(signature, band);
      const slot = this.findSlot(key);
      const entry = doc * bands + band;
      if ((this.heads[slot] ?? -1) < 0) {
        this.keys[slot] = key;
        this.distinctKeys++;
        this.next[entry] = -1;
      } else {
        this.next[entry] = this.heads[slot] ?? -1;
      }
      this.heads[slot] = entry;
    }
    return signature;
  }

  /** Up to `limit` indexed items at or above the threshold, most similar first. */
  query(textOrSignature: string | Uint32Array, limit = 10): Match[] {
    const signature = typeof textOrSignature === 'string' ? this.signature(textOrSignature) : textOrSignature;
    return this.matches(signature)
      .sort((a, b) => b.similarity - a.similarity || a.doc - b.doc)
      .slice(0, limit)
      .map(({ doc, similarity }) => ({ id: this.ids[doc] ?? '', similarity }));
  }

  /** Every indexed position (0-based, in insertion order) at or above the threshold. */
  queryPositions(signature: Uint32Array): number[] {
    return this.matches(signature).map(({ doc }) => doc);
  }

  /** Candidates from every band, each checked once against the full signature. */
  private matches(signature: Uint32Array): { doc: number; similarity: number }[] {
    const { numHashes, bands, threshold } = this.options;
    if (signature.length !== numHashes) throw new RangeError(`signature must have ${numHashes} values`);
    this.generation++;
    const out: { doc: number; similarity: number }[] = [];
    for (let band = 0; band < bands; band++) {
      const slot = this.findSlot(this.bandKey(signature, band));
      for (let entry = this.heads[slot] ?? -1; entry >= 0; entry = this.next[entry] ?? -1) {
        const doc = Math.floor(entry / bands);
        if (this.stamps[doc] === this.generation) continue;
        this.stamps[doc] = this.generation;
        let same = 0;
        const base = doc * numHashes;
        for (let i = 0; i < numHashes; i++) if (this.signatures[base + i] === signature[i]) same++;
        const similarity = same / numHashes;
        if (similarity >= threshold) out.push({ doc, similarity });
      }
    }
    return out;
  }

  /** One 32-bit key per band: the band's rows and its number, mixed. Rare collisions only add candidates. */
  private bandKey(signature: Uint32Array, band: number): number {
    let h = Math.imul(band + 1, 0x9e3779b1);
    for (let r = 0; r < this.rows; r++) {
      h = Math.imul(h ^ (signature[band * this.rows + r] ?? 0), 0x01000193);
      h ^= h >>> 16;
    }
    return h >>> 0;
  }

  private findSlot(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x85ebca6b) >>> 0;
    slot &= mask;
    while ((this.heads[slot] ?? -1) >= 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Uint32Array(capacity);
    this.heads = new Int32Array(capacity).fill(-1);
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const head = oldHeads[slot] ?? -1;
      if (head < 0) continue;
      const key = oldKeys[slot] ?? 0;
      const target = this.findSlot(key);
      this.keys[target] = key;
      this.heads[target] = head;
    }
  }

  private ensureDocCapacity(docs: number): void {
    const { numHashes, bands } = this.options;
    if (docs <= this.stamps.length) return;
    const capacity = Math.max(docs, this.stamps.length * 2);
    const signatures = new Uint32Array(capacity * numHashes);
    signatures.set(this.signatures);
    this.signatures = signatures;
    const next = new Int32Array(capacity * bands);
    next.set(this.next);
    this.next = next;
    const stamps = new Int32Array(capacity);
    stamps.set(this.stamps);
    this.stamps = stamps;
  }
}

/**
 * Groups texts as they arrive: each new text is joined (union–find) with every earlier one it is
 * a near-duplicate of. A group is named by the id of its earliest member.
 */
export class DuplicateGrouper {
  private readonly index: LshIndex;
  private readonly parent: number[] = [];
  private readonly ids: string[] = [];

  constructor(options: Partial<LshOptions> = {}) {
    this.index = new LshIndex(options);
  }

  /** Adds a text; returns the signature so the caller can store it. */
  add(id: string, text: string): Uint32Array {
    const signature = this.index.signature(text);
    const position = this.ids.length;
    this.ids.push(id);
    this.parent.push(position);
    for (const other of this.index.queryPositions(signature)) this.union(position, other);
    this.index.add(id, signature);
    return signature;
  }

  /** The group of every added text, in the order they were added. */
  groups(): string[] {
    return this.ids.map((_, i) => this.ids[this.find(i)] ?? '');
  }

  private find(i: number): number {
    let root = i;
    while ((this.parent[root] ?? root) !== root) root = this.parent[root] ?? root;
    let node = i;
    while (node !== root) {
      const up = this.parent[node] ?? root;
      this.parent[node] = root;
      node = up;
    }
    return root;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The earlier position becomes the root, so a group keeps the id of its first appeal.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/** Groups texts into near-duplicate clusters; returns the group of each item, in input order. */
export function groupDuplicates(
  items: Iterable<{ id: string; text: string }>,
  options: Partial<LshOptions> = {},
): string[] {
  const grouper = new DuplicateGrouper(options);
  for (const { id, text } of items) grouper.add(id, text);
  return grouper.groups();
}

export interface Campaign {
  group: string;
  ids: string[];
  applicants: number;
}

/**
 * Mass campaigns: clusters of near-identical texts sent by at least `minApplicants` different
 * applicants (by whatever applicant key the caller uses, e.g. a keyed hash of phone or PINFL).
 */
export function detectCampaigns(
  items: readonly { id: string; applicant: string; text: string }[],
  options: Partial<LshOptions> & { minApplicants?: number } = {},
): Campaign[] {
  const { minApplicants = 5, ...lsh } = options;
  const groups = groupDuplicates(items, lsh);
  const clusters = new Map<string, { ids: string[]; applicants: Set<string> }>();
  items.forEach((item, i) => {
    const group = groups[i] ?? item.id;
    const cluster = clusters.get(group) ?? { ids: [], applicants: new Set<string>() };
    cluster.ids.push(item.id);
    cluster.applicants.add(item.applicant);
    clusters.set(group, cluster);
  });
  return [...clusters]
    .filter(([, cluster]) => cluster.applicants.size >= minApplicants)
    .map(([group, cluster]) => ({ group, ids: cluster.ids, applicants: cluster.applicants.size }))
    .sort((a, b) => b.applicants - a.applicants);
}
