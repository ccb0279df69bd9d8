import { useI18n } from './i18n.tsx';
import { nameIn, useReference } from './reference.ts';
import type { RouteSuggestion } from './route-suggestion.ts';

/** Why a suggestion is what it is, in the reader's words. */
export function useSuggestionReason(): (s: RouteSuggestion) => string {
  const { t, label, language } = useI18n();
  const reference = useReference();
  return (s) => {
    if (s.basis === 'classifier' && 'category' in s)
      return t('basis.classifier', {
        category:
          nameIn(reference.data?.categories.find((c) => c.code === s.category)?.names, language) ||
          s.category,
        value: Math.round(s.confidence * 100),
      });
    if (s.basis === 'rule' && 'ruleId' in s) return t('basis.rule', { id: s.ruleId ?? '' });
    return label('basis', s.basis);
  };
}
