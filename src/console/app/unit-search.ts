import type { UnitListView } from '../../contracts/console.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { APOSTROPHE_LIKE } from '../../nlp/apostrophes.ts';

// Finding one unit among 2,676 as a person types: by name in the interface language (either Uzbek script
// for uz and oz, since staff type whichever their keyboard has) or by code, nearest units first. Pure, so
// the ranking is tested without a browser; the picker (unit-picker.tsx) only renders what this returns.

type Unit = UnitListView[number];

/** One unit prepared for searching and for display as a path in the tree. */
export interface UnitEntry {
  code: string;
  /** The name in the interface language. */
  name: string;
  /** The names of its ancestors below the root (region → body), in the interface language. */
  path: string[];
  /** Codes from the root down to the unit itself. */
  lineage: string[];
  /** Position in a depth-first walk of the tree (a body, then its units, then the next body). */
  order: number;
  folded: { code: string; names: string[]; words: string[]; path: string };
}

/** The units of one interface language, ready for `searchUnits`. */
export interface UnitIndex {
  entries: UnitEntry[];
  byCode: Map<string, UnitEntry>;
}

const apostrophes = new RegExp(APOSTROPHE_LIKE.source, 'gu');

/** Lower case, without okina/tutuq marks (typed as ', `, ʻ, ’ … or not at all) and with ё read as е. */
export function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(apostrophes, '').replaceAll('ё', 'е');
}

const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The names a query is matched against: both Uzbek scripts for an Uzbek interface. */
function searchedNames(unit: Unit, language: UiLanguage): string[] {
  if (language === 'uz' || language === 'oz')
    return [unit.names[language], unit.names[language === 'uz' ? 'oz' : 'uz']];
  return [unit.names[language]];
}

/** Builds the search index of the unit list in one interface language. */
export function indexUnits(units: readonly Unit[], language: UiLanguage): UnitIndex {
  const byParent = new Map<string | null, Unit[]>();
  const known = new Set(units.map((u) => u.code));
  for (const unit of units) {
    // A unit whose parent is not in the list (inactive) still has to be findable: it hangs at the top.
    const parent = unit.parentCode !== null && known.has(unit.parentCode) ? unit.parentCode : null;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(unit);
    byParent.set(parent, siblings);
  }
  // A body's own units come before the bodies below it; each group in name order.
  const leaf = (u: Unit) => (byParent.has(u.code) ? 1 : 0);
  for (const siblings of byParent.values())
    siblings.sort((a, b) => leaf(a) - leaf(b) || a.names[language].localeCompare(b.names[language]));

  const entries: UnitEntry[] = [];
  const walk = (parent: string | null, lineage: string[], path: string[]) => {
    for (const unit of byParent.get(parent) ?? []) {
      const names = searchedNames(unit, language).map(fold);
      const entry: UnitEntry = {
        code: unit.code,
        name: unit.names[language],
        path,
        lineage: [...lineage, unit.code],
        order: entries.length,
        folded: { code: fold(unit.code), names, words: names.flatMap(wordsOf), path: fold(path.join(' ')) },
      };
      entries.push(entry);
      // The root (the Ministry) is above everything, so naming it in every path would say nothing.
      walk(unit.code, entry.lineage, parent === null ? [] : [...path, entry.name]);
    }
  };
  walk(null, [], []);
  return { entries, byCode: new Map(entries.map((e) => [e.code, e])) };
}

/**
 * How well an entry answers a query, lower is better, or undefined when it does not: the exact code, then
 * a name or code beginning with the query, then every word of the query beginning a word of the name, then
 * every word found in the name or code, then every word found somewhere along the path.
 */
export function matchTier(entry: UnitEntry, query: string): number | undefined {
  const q = fold(query).trim();
  return tierOf(entry, q, wordsOf(q));
}

function tierOf(entry: UnitEntry, q: string, tokens: string[]): number | undefined {
  if (!q) return 0;
  const { code, names, words, path } = entry.folded;
  if (code === q) return 0;
  if (code.startsWith(q) || names.some((n) => n.startsWith(q))) return 1;
  if (tokens.length === 0) return undefined;
  const inNameOrCode = (t: string) => code.includes(t) || names.some((n) => n.includes(t));
  if (tokens.every((t) => words.some((w) => w.startsWith(t)))) return 2;
  if (tokens.every(inNameOrCode)) return 3;
  if (tokens.every((t) => inNameOrCode(t) || path.includes(t))) return 4;
  return undefined;
}

/**
 * How far an entry is from the person's own unit: 0 inside its subtree, 1 inside its parent's, and so on
 * up the tree; without a unit of their own, everything is equally near.
 */
export function distance(entry: UnitEntry, own: UnitEntry | undefined): number {
  if (!own) return 0;
  let shared = 0;
  while (shared < own.lineage.length && entry.lineage[shared] === own.lineage[shared]) shared++;
  return own.lineage.length - shared;
}

/**
 * The units answering a query, best first (match, then nearness to `own`, then tree order), at most
 * `limit` of them, with how many matched in all. An empty query lists the person's own part of the tree.
 */
export function searchUnits(
  index: UnitIndex,
  query: string,
  options: { own?: string | null | undefined; limit?: number; exclude?: readonly string[] } = {},
): { results: UnitEntry[]; total: number } {
  const own = options.own ? index.byCode.get(options.own) : undefined;
  const exclude = new Set(options.exclude ?? []);
  const q = fold(query).trim();
  const tokens = wordsOf(q);
  const ranked: { entry: UnitEntry; tier: number; near: number }[] = [];
  for (const entry of index.entries) {
    if (exclude.has(entry.code)) continue;
    const tier = tierOf(entry, q, tokens);
    if (tier !== undefined) ranked.push({ entry, tier, near: distance(entry, own) });
  }
  ranked.sort((a, b) => a.tier - b.tier || a.near - b.near || a.entry.order - b.entry.order);
  return { results: ranked.slice(0, options.limit ?? 50).map((r) => r.entry), total: ranked.length };
}
