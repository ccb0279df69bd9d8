import { complaintSubject, intakeUnit, officerComplaintRoute } from './starting-route.ts';
import type { Unit, UnitDirectory } from './unit-directory.ts';

/** An editable routing rule: category × territory → a concrete unit or a service of the local body. */
export interface RoutingRule {
  id: number;
  categoryCode: string | null;
  territoryCode: string | null;
  unitId: number | null;
  service: string | null;
  priority: number;
  active: boolean;
}

/** What the router decided and why, in words a clerk can check. */
export interface RoutingDecision {
  unit: Unit;
  ruleId: number | null;
  basis: 'rule' | 'category_default' | 'territory_default' | 'officer_complaint';
}

/** The facts routing looks at. */
export interface RoutingFacts {
  categoryCode: string | null;
  territoryCode: string | null;
  /** The category's default service kind (from the taxonomy). */
  categoryService: string | null;
  officerComplaint: boolean;
}

function territoryScore(ruleTerritory: string | null, territory: string | null): number {
  if (ruleTerritory === null) return 0;
  if (territory === null) return -1;
  if (ruleTerritory === territory) return 2;
  return territory.startsWith(ruleTerritory) ? 1 : -1;
}

/** The most specific active rule for the facts: category and exact territory beat region, region beats none. */
export function matchRule(rules: RoutingRule[], facts: RoutingFacts): RoutingRule | undefined {
  let best: { rule: RoutingRule; score: number } | undefined;
  for (const rule of rules) {
    if (!rule.active) continue;
    if (rule.categoryCode !== null && rule.categoryCode !== facts.categoryCode) continue;
    const t = territoryScore(rule.territoryCode, facts.territoryCode);
    if (t < 0) continue;
    const score = (rule.categoryCode !== null ? 10 : 0) + t;
    if (
      !best ||
      score > best.score ||
      (score === best.score && rule.priority > best.rule.priority) ||
      (score === best.score && rule.priority === best.rule.priority && rule.id < best.rule.id)
    ) {
      best = { rule, score };
    }
  }
  return best?.rule;
}

/**
 * Decides the executing unit. Officer complaints bypass the rules (they may never land in the officer's
 * own unit); otherwise the most specific rule wins, then the category's service in the territory's body,
 * then that body's appeals unit.
 */
export function decideRoute(
  units: UnitDirectory,
  rules: RoutingRule[],
  facts: RoutingFacts,
  subjectBody?: Unit,
): RoutingDecision {
  const body = units.bodyForTerritory(facts.territoryCode);
  if (facts.officerComplaint) {
    const subject = subjectBody ?? complaintSubject(units, body) ?? units.ministry;
    const [examiner = units.ministry] = officerComplaintRoute(units, subject, false);
    return { unit: examiner, ruleId: null, basis: 'officer_complaint' };
  }
  const rule = matchRule(rules, facts);
  if (rule) {
    const unit =
      rule.unitId !== null
        ? units.byId(rule.unitId)
        : rule.service
          ? units.serviceOf(body, rule.service)
          : undefined;
    if (unit?.active) return { unit, ruleId: rule.id, basis: 'rule' };
  }
  if (facts.categoryService) {
    const unit = units.serviceOf(body, facts.categoryService);
    if (unit) return { unit, ruleId: null, basis: 'category_default' };
  }
  return { unit: intakeUnit(units, facts.territoryCode), ruleId: null, basis: 'territory_default' };
}
