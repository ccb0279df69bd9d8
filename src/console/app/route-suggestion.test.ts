import { describe, expect, it } from 'vitest';
import { routeSuggestion } from './route-suggestion.ts';

const app = { code: 'IIV-1726266-APP', name: 'Yunusobod murojaatlar' };
const duty = 'IIV-1726266-DUTY';
const inv = { code: 'IIV-1726266-INV', name: 'Yunusobod tergov' };

const card = (over: Partial<Parameters<typeof routeSuggestion>[0]> = {}) => ({
  routingSuggestion: { unit: app, basis: 'territory_default', ruleId: null },
  analysis: null,
  category: null,
  unit: app,
  units: [{ ...app, role: 'lead' as const }],
  ...over,
});
const reading = (unit: string) => ({
  modelVersion: 'm1',
  language: 'uz',
  category: 'public_order',
  confidence: 0.42,
  suggestions: [{ category: 'public_order', confidence: 0.42, unit }],
  explanation: [],
  urgency: { score: 0 },
  decision: 'suggest',
});

describe('the one routing suggestion', () => {
  it('never suggests the unit already holding the appeal', () => {
    expect(routeSuggestion(card())).toBeNull();
  });

  it('follows the language model for an appeal without a category, with its reading as the reason', () => {
    expect(routeSuggestion(card({ analysis: reading(duty) }))).toEqual({
      unit: duty,
      name: null,
      basis: 'classifier',
      category: 'public_order',
      confidence: 0.42,
    });
  });

  it('follows the rules once the category is known', () => {
    const known = card({
      category: { code: 'theft', name: 'Oʻgʻirlik' },
      routingSuggestion: { unit: inv, basis: 'rule', ruleId: 7 },
      analysis: reading(duty),
    });
    expect(routeSuggestion(known)).toEqual({ unit: inv.code, name: inv.name, basis: 'rule', ruleId: 7 });
  });

  it('falls back to the other source when the first points where the appeal already is', () => {
    const routed = card({
      category: { code: 'theft', name: 'Oʻgʻirlik' },
      routingSuggestion: { unit: inv, basis: 'category_default', ruleId: null },
      unit: inv,
      units: [{ ...inv, role: 'lead' as const }],
      analysis: reading(duty),
    });
    expect(routeSuggestion(routed)).toMatchObject({ unit: duty, basis: 'classifier' });
  });

  it('keeps a complaint about an officer with internal security, whatever the text reads like', () => {
    const isec = { code: 'IIV-1726-ISEC', name: 'Ichki xavfsizlik' };
    const complaint = card({
      routingSuggestion: { unit: isec, basis: 'officer_complaint', ruleId: null },
      analysis: reading(duty),
    });
    expect(routeSuggestion(complaint)).toMatchObject({ unit: isec.code, basis: 'officer_complaint' });
    expect(routeSuggestion({ ...complaint, unit: isec, units: [{ ...isec, role: 'lead' }] })).toBeNull();
  });
});
