// The unit tree routing works on, built from the territories and the service kinds: the Ministry,
// one directorate per top-level territory, one department per district or city, and inside every
// one of these bodies one unit of each service kind. Pure: no I/O, no clock.
import type { Category, Names, Service, ServiceKind, Territory, Unit } from './reference.schema.ts';

/** Code of the Ministry of Internal Affairs, the root of the unit tree. */
export const MINISTRY_CODE = 'IIV';

const MINISTRY_NAMES: Names = {
  uz: 'Oʻzbekiston Respublikasi Ichki ishlar vazirligi',
  oz: 'Ўзбекистон Республикаси Ички ишлар вазирлиги',
  ru: 'Министерство внутренних дел Республики Узбекистан',
  en: 'Ministry of Internal Affairs of the Republic of Uzbekistan',
};
const MINISTRY_NAME_RU_GENITIVE = 'Министерства внутренних дел Республики Узбекистан';

interface Body {
  unit: Unit;
  /** The body's Russian name as it follows a service name ("Отдел кадров УВД …"). */
  ruGenitive: string;
}

/** Code of the territorial body that serves a territory: `IIV-<SOATO>`. */
export function bodyCode(territoryCode: string): string {
  return `${MINISTRY_CODE}-${territoryCode}`;
}

/** Code of the unit of one service kind inside a body: `<body code>-<SUFFIX>`. */
export function serviceUnitCode(body: string, service: Pick<Service, 'suffix'>): string {
  return `${body}-${service.suffix}`;
}

/** Code of the service unit for a territory, or the Ministry's own when the territory is null. */
export function serviceUnitCodeFor(territoryCode: string | null, service: Pick<Service, 'suffix'>): string {
  return serviceUnitCode(territoryCode === null ? MINISTRY_CODE : bodyCode(territoryCode), service);
}

/** The service kind a category is routed to by default, or undefined for an unknown category. */
export function defaultServiceFor(
  categories: readonly Pick<Category, 'code' | 'service'>[],
  categoryCode: string,
): ServiceKind | undefined {
  return categories.find((category) => category.code === categoryCode)?.service;
}

/** Builds the unit tree in a fixed order: every parent before its children, territories in input order. */
export function buildUnitTree(territories: readonly Territory[], services: readonly Service[]): Unit[] {
  assertUnique(
    territories.map((territory) => territory.code),
    'territory code',
  );
  assertUnique(
    services.map((service) => service.suffix),
    'service suffix',
  );
  assertUnique(
    services.map((service) => service.kind),
    'service kind',
  );

  const regions = territories.filter((territory) => territory.kind === 'region');
  const regionCodes = new Set(regions.map((region) => region.code));
  for (const territory of territories) {
    if (territory.kind === 'region' && territory.parentCode !== null) {
      throw new Error(`Region ${territory.code} must not have a parent`);
    }
    if (territory.kind !== 'region' && !regionCodes.has(territory.parentCode ?? '')) {
      throw new Error(`Territory ${territory.code} has no region parent (${territory.parentCode})`);
    }
  }

  const ministry: Body = {
    unit: { code: MINISTRY_CODE, parentCode: null, level: 'ministry', names: MINISTRY_NAMES },
    ruGenitive: MINISTRY_NAME_RU_GENITIVE,
  };
  const units: Unit[] = [ministry.unit, ...serviceUnits(ministry, services)];
  for (const region of regions) {
    const directorate = directorateOf(region);
    units.push(directorate.unit, ...serviceUnits(directorate, services));
    for (const territory of territories) {
      if (territory.parentCode !== region.code) continue;
      const department = departmentOf(territory, directorate.unit.code);
      units.push(department.unit, ...serviceUnits(department, services));
    }
  }
  return units;
}

function directorateOf(region: Territory): Body {
  const code = bodyCode(region.code);
  const base = { code, parentCode: MINISTRY_CODE, level: 'directorate', territoryCode: region.code } as const;
  const { names } = region;
  if (region.regionType === 'republic') {
    const ru = `МВД ${region.nameRuGenitive}`;
    const en = `Ministry of Internal Affairs of the ${names.en}`;
    return {
      unit: { ...base, names: { uz: `${names.uz} IIV`, oz: `${names.oz} ИИВ`, ru, en } },
      ruGenitive: ru,
    };
  }
  if (region.regionType === 'city') {
    const ru = `ГУВД ${region.nameRuGenitive}`;
    const unitNames: Names = {
      uz: `${attributiveCity(names.uz)} IIBB`,
      oz: `${attributiveCity(names.oz)} ИИББ`,
      ru,
      en: `${names.en} Main Directorate of Internal Affairs`,
    };
    return { unit: { ...base, names: unitNames }, ruGenitive: ru };
  }
  const ru = `УВД ${region.nameRuGenitive}`;
  const unitNames: Names = {
    uz: `${names.uz} IIB`,
    oz: `${names.oz} ИИБ`,
    ru,
    en: `${names.en} Directorate of Internal Affairs`,
  };
  return { unit: { ...base, names: unitNames }, ruGenitive: ru };
}

function departmentOf(territory: Territory, directorateCode: string): Body {
  const ru = `ОВД ${territory.nameRuGenitive}`;
  const { names } = territory;
  const unit: Unit = {
    code: bodyCode(territory.code),
    parentCode: directorateCode,
    level: 'department',
    territoryCode: territory.code,
    names: {
      uz: `${attributiveCity(names.uz)} IIB`,
      oz: `${attributiveCity(names.oz)} ИИБ`,
      ru,
      en: `${names.en} Department of Internal Affairs`,
    },
  };
  return { unit, ruGenitive: ru };
}

function serviceUnits(body: Body, services: readonly Service[]): Unit[] {
  const { unit } = body;
  return services.map((service) => ({
    code: serviceUnitCode(unit.code, service),
    parentCode: unit.code,
    level: 'service',
    service: service.kind,
    ...(unit.territoryCode === undefined ? {} : { territoryCode: unit.territoryCode }),
    names: {
      uz: `${unit.names.uz} ${lowerFirst(service.names.uz)}`,
      oz: `${unit.names.oz} ${lowerFirst(service.names.oz)}`,
      ru: `${service.names.ru} ${body.ruGenitive}`,
      en: `${service.names.en}, ${unit.names.en}`,
    },
  }));
}

// "Nukus shahri" names the city; a body of the city is "Nukus shahar IIB".
function attributiveCity(name: string): string {
  return name.replace(/ shahri$/, ' shahar').replace(/ шаҳри$/, ' шаҳар');
}

// A service name continues the body's name in Uzbek, so it loses its capital, unless it is an acronym.
function lowerFirst(name: string): string {
  const [first = '', second = ''] = name;
  if (second !== second.toLowerCase()) return name;
  return first.toLowerCase() + name.slice(first.length);
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`Duplicate ${what}: ${value}`);
    seen.add(value);
  }
}
