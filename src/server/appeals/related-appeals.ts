/**
 * How triage's links between appeals read as one relation each. Triage stores facts that overlap: a
 * near-identical text (`duplicate`), an earlier appeal of the same applicant (`repeat`) and a near-identical
 * text from many applicants (`campaign`); six copies of one appeal from one person carry both of the first two
 * for every pair. The law has one word for each pair: the same appeal received again is a duplicate, the
 * same person writing again is a repeat (`docs/domain.md`), and a text many people sent is a mass appeal.
 */

import { relationKinds } from '../../contracts/enums.ts';

// A pair linked twice reads as the stronger kind (the order of `relationKinds`).
const rank = new Map<string, number>(relationKinds.map((kind, at) => [kind, at]));
const strength = (kind: string) => rank.get(kind) ?? relationKinds.length;

/**
 * One entry per related appeal, under its strongest kind, in the order the links came (best score first),
 * leaving out the appeals the card already names as parent, child or merged.
 */
export function strongestRelations<T extends { number: string; kind: string }>(
  links: readonly T[],
  shownElsewhere: ReadonlySet<string> = new Set(),
): T[] {
  const chosen = new Map<string, T>();
  for (const link of links) {
    if (shownElsewhere.has(link.number)) continue;
    const current = chosen.get(link.number);
    if (!current || strength(link.kind) < strength(current.kind)) chosen.set(link.number, link);
  }
  return [...chosen.values()];
}
