import { useQuery } from '@tanstack/react-query';
import { referenceSchema, unitListSchema } from '../../contracts/console.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { api } from './api.ts';

const forever = { staleTime: 10 * 60_000, gcTime: Number.POSITIVE_INFINITY };

/** Territories and categories (public reference data). */
export function useReference() {
  return useQuery({
    queryKey: ['reference'],
    queryFn: () => api('/api/v1/reference', referenceSchema),
    ...forever,
  });
}

/** The active unit tree, for pickers. */
export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => api('/api/v1/units', unitListSchema), ...forever });
}

/** A name in the interface language from a names object. */
export function nameIn(names: Record<UiLanguage, string> | undefined, language: UiLanguage): string {
  return names ? names[language] : '';
}
