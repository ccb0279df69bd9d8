import type { AppealType, UiLanguage } from '../../contracts/enums.ts';
import type { ReferenceSnapshot } from '../routing/reference-snapshot.ts';
import type { GeoValue } from './georeport.ts';

// The services Open311 offers are the active public categories of appeals; their definitions carry what an
// appeal needs beyond the category: the kind of appeal and the district it concerns.

/** The language a GeoReport answer is written in: `locale` (uz, oz, ru, en; `uz-Cyrl` is oz), else uz. */
export function geoLocale(requested: unknown): UiLanguage {
  const tag = typeof requested === 'string' ? requested.toLowerCase().replace('_', '-') : '';
  if (tag === 'oz' || tag.startsWith('uz-cyrl')) return 'oz';
  const base = tag.split('-')[0];
  return base === 'ru' || base === 'en' ? base : 'uz';
}

const appealTypeNames: Record<AppealType, Record<UiLanguage, string>> = {
  ariza: { uz: 'Ariza', oz: 'Ариза', ru: 'Заявление', en: 'Application' },
  taklif: { uz: 'Taklif', oz: 'Таклиф', ru: 'Предложение', en: 'Proposal' },
  shikoyat: { uz: 'Shikoyat', oz: 'Шикоят', ru: 'Жалоба', en: 'Complaint' },
};

const attributeTexts: Record<'appeal_type' | 'territory', Record<UiLanguage, string>> = {
  appeal_type: {
    uz: 'Murojaat turi (koʻrsatilmasa — ariza)',
    oz: 'Мурожаат тури (кўрсатилмаса — ариза)',
    ru: 'Вид обращения (если не указан — заявление)',
    en: 'Kind of appeal (an application unless given)',
  },
  territory: {
    uz: 'Voqea sodir boʻlgan tuman yoki shahar',
    oz: 'Воқеа содир бўлган туман ёки шаҳар',
    ru: 'Район или город, где это произошло',
    en: 'District or city where it happened',
  },
};

/** The attribute codes a service request may carry. */
export const attributeCodes = ['appeal_type', 'territory'] as const;

/** The active categories, in reference order. */
export function publicCategories(ref: ReferenceSnapshot) {
  return [...ref.categories.values()].filter((c) => c.active);
}

/** GET services: one entry per active category. */
export function serviceList(ref: ReferenceSnapshot, locale: UiLanguage): GeoValue[] {
  return publicCategories(ref).map((c) => ({
    service_code: c.code,
    service_name: c.names[locale],
    description: c.descriptions[locale],
    metadata: true,
    type: 'realtime',
    keywords: null,
    group: c.service,
  }));
}

/** The districts and cities an appeal can name, with the region after each name. */
function territoryValues(ref: ReferenceSnapshot, locale: UiLanguage): GeoValue[] {
  return [...ref.territories.values()]
    .filter((t) => t.active && t.parentCode !== null)
    .map((t) => {
      const region = t.parentCode ? ref.territories.get(t.parentCode) : undefined;
      return { key: t.code, name: region ? `${t.names[locale]} (${region.names[locale]})` : t.names[locale] };
    });
}

/** GET a service definition; undefined for a code that is not an active category. */
export function serviceDefinition(
  ref: ReferenceSnapshot,
  code: string,
  locale: UiLanguage,
): GeoValue | undefined {
  const category = ref.categories.get(code);
  if (!category?.active) return undefined;
  return {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: 'appeal_type',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 1,
        description: attributeTexts.appeal_type[locale],
        values: (['ariza', 'taklif', 'shikoyat'] as const).map((type) => ({
          key: type,
          name: appealTypeNames[type][locale],
        })),
      },
      {
        variable: true,
        code: 'territory',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: attributeTexts.territory[locale],
        values: territoryValues(ref, locale),
      },
    ],
  };
}
