import { z } from 'zod';

// Shapes of the reference data shipped in ./data and of the unit tree built from it. The JSON files
// are parsed through these schemas on load, so an administrator's edit that breaks a shape fails
// loudly at start-up instead of half-loading.

const text = z.string().trim().min(1);
const isoDate = z.iso.date();
const regionCode = z.string().regex(/^17\d{2}$/, 'a 4-digit SOATO region code');
const territoryCode = z.string().regex(/^17\d{2}(\d{3})?$/, 'a 4- or 7-digit SOATO code');

/** Service kinds in the order of docs/taxonomy-codes.md. */
export const SERVICE_KINDS = [
  'appeals',
  'duty',
  'internal_security',
  'patrol',
  'road_safety',
  'prevention',
  'juvenile',
  'migration',
  'licensing',
  'investigation',
  'personnel',
] as const;

export const TERRITORY_KINDS = ['region', 'district', 'city', 'city_district'] as const;
export const REGION_TYPES = ['republic', 'viloyat', 'city'] as const;
export const HOLIDAY_KINDS = [
  'public_holiday',
  'observed_day_off',
  'additional_day_off',
  'transferred_day_off',
  'working_day',
] as const;
export const UNIT_LEVELS = ['ministry', 'directorate', 'department', 'service'] as const;

/** A name in the four languages of the product: Uzbek Latin, Uzbek Cyrillic, Russian, English. */
export const namesSchema = z.strictObject({ uz: text, oz: text, ru: text, en: text });

export const serviceKindSchema = z.enum(SERVICE_KINDS);

export const territorySchema = z.strictObject({
  code: territoryCode,
  /** The 4-digit top-level territory; null for the 14 top-level territories themselves. */
  parentCode: regionCode.nullable(),
  kind: z.enum(TERRITORY_KINDS),
  names: namesSchema,
  /** Russian genitive ("Асакинского района"), for unit names such as "ОВД Асакинского района". */
  nameRuGenitive: text,
  namesSource: z.strictObject({ uz: text, oz: text, ru: text, en: text }),
  regionType: z.enum(REGION_TYPES).optional(),
  iso3166_2: z
    .string()
    .regex(/^UZ-[A-Z]{2}$/)
    .optional(),
  /** For districts inside a city of regional subordination: that city's code. */
  cityCode: territoryCode.optional(),
  codeSource: text.optional(),
  formerNames: z.strictObject({ uz: z.array(text), oz: z.array(text) }).optional(),
  englishExonym: z.literal(true).optional(),
  population: z.number().int().positive().nullable(),
  populationYear: z.number().int().min(1989).nullable(),
  populationDate: isoDate.optional(),
  populationSource: text.optional(),
  census2026: z
    .strictObject({ population: z.number().int().positive(), date: isoDate, source: text })
    .optional(),
});

export const serviceSchema = z.strictObject({
  kind: serviceKindSchema,
  suffix: z.string().regex(/^[A-Z]+$/, 'upper-case Latin letters'),
  names: namesSchema,
});

export const categorySchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z_]*$/, 'lower-case snake_case'),
  service: serviceKindSchema,
  officerComplaint: z.boolean(),
  names: namesSchema,
  descriptions: namesSchema,
});

export const holidaySchema = z.strictObject({
  date: isoDate,
  kind: z.enum(HOLIDAY_KINDS),
  names: namesSchema,
  estimated: z.boolean(),
  source: text,
  /** Which holiday a public_holiday or observed_day_off row belongs to (e.g. "navruz"). */
  holiday: text.optional(),
  /** transferred_day_off: the Saturday that becomes a working day in exchange. */
  workingDayInstead: isoDate.optional(),
  /** working_day: the day off this Saturday's rest was moved to. */
  dayOffMovedTo: isoDate.optional(),
});

export const unitSchema = z.strictObject({
  code: z.string().regex(/^IIV(-17\d{2}(\d{3})?)?(-[A-Z]+)?$/),
  parentCode: z.string().nullable(),
  level: z.enum(UNIT_LEVELS),
  service: serviceKindSchema.optional(),
  territoryCode: territoryCode.optional(),
  names: namesSchema,
});

const metaSchema = z.looseObject({ attribution: text.optional() });

export const territoriesFileSchema = z.strictObject({
  meta: metaSchema,
  territories: z.array(territorySchema),
});
export const servicesFileSchema = z.strictObject({ meta: metaSchema, services: z.array(serviceSchema) });
export const categoriesFileSchema = z.strictObject({ meta: metaSchema, categories: z.array(categorySchema) });
export const holidaysFileSchema = z.strictObject({ meta: metaSchema, holidays: z.array(holidaySchema) });

export type Names = z.infer<typeof namesSchema>;
export type ServiceKind = z.infer<typeof serviceKindSchema>;
export type TerritoryKind = Territory['kind'];
export type Territory = z.infer<typeof territorySchema>;
export type Service = z.infer<typeof serviceSchema>;
export type Category = z.infer<typeof categorySchema>;
export type HolidayKind = Holiday['kind'];
export type Holiday = z.infer<typeof holidaySchema>;
export type UnitLevel = Unit['level'];
export type Unit = z.infer<typeof unitSchema>;
