import type { AppealCard } from '../../contracts/console.schema.ts';

// One answer to "where should this appeal go?", for the suggestion panel, the Route form and the `r` key
// alike. Two sources can answer: the routing rules (`routingSuggestion`, from the appeal's category,
// territory and any officer it concerns) and the language model's reading of the text (the first of
// `analysis.suggestions`, the unit its most likely category would be routed to). The rules speak for an
// appeal whose category is known or that concerns an officer; for one without a category they only know
// the territory, so the model's reading comes first. A unit already holding the appeal is never suggested:
// routing there changes nothing.

/** Where to route the appeal and on what basis. */
export type RouteSuggestion =
  | { unit: string; name: string | null; basis: 'rule'; ruleId: number | null }
  | {
      unit: string;
      name: string | null;
      basis: 'category_default' | 'territory_default' | 'officer_complaint' | (string & {});
    }
  | { unit: string; name: null; basis: 'classifier'; category: string; confidence: number };

type Facts = Pick<AppealCard, 'routingSuggestion' | 'analysis' | 'category' | 'unit' | 'units'>;

/** The one suggestion, or null when every source points where the appeal already is. */
export function routeSuggestion(card: Facts): RouteSuggestion | null {
  const rules = card.routingSuggestion;
  const byRules: RouteSuggestion =
    rules.basis === 'rule'
      ? { unit: rules.unit.code, name: rules.unit.name, basis: 'rule', ruleId: rules.ruleId }
      : { unit: rules.unit.code, name: rules.unit.name, basis: rules.basis };
  const read = card.analysis?.suggestions[0];
  const byModel: RouteSuggestion | undefined = read
    ? {
        unit: read.unit,
        name: null,
        basis: 'classifier',
        category: read.category,
        confidence: read.confidence,
      }
    : undefined;
  // A complaint about an officer goes where the law sends it, whatever the text reads like.
  const candidates =
    rules.basis === 'officer_complaint'
      ? [byRules]
      : card.category === null && byModel
        ? [byModel, byRules]
        : [byRules, ...(byModel ? [byModel] : [])];
  const holding = new Set([...card.units.map((u) => u.code), ...(card.unit ? [card.unit.code] : [])]);
  return candidates.find((c) => !holding.has(c.unit)) ?? null;
}
