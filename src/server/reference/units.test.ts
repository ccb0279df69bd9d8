import { describe, expect, it } from 'vitest';
import { loadReference } from './load-reference.ts';
import { type Service, type Territory, unitSchema } from './reference.schema.ts';
import {
  buildUnitTree,
  defaultServiceFor,
  MINISTRY_CODE,
  serviceUnitCode,
  serviceUnitCodeFor,
} from './units.ts';

const reference = loadReference();
const units = reference.units;
const byCode = new Map(units.map((unit) => [unit.code, unit]));

function unit(code: string) {
  const found = byCode.get(code);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
}

function territory(overrides: Partial<Territory> & Pick<Territory, 'code' | 'kind'>): Territory {
  return {
    parentCode: null,
    names: { uz: 'Nom', oz: 'Ном', ru: 'Имя', en: 'Name' },
    nameRuGenitive: 'Имени',
    namesSource: { uz: 'test', oz: 'test', ru: 'test', en: 'test' },
    population: null,
    populationYear: null,
    ...overrides,
  };
}

const twoServices: Service[] = [
  { kind: 'appeals', suffix: 'APP', names: { uz: 'Boʻlim', oz: 'Бўлим', ru: 'Отдел', en: 'Unit' } },
  { kind: 'duty', suffix: 'DUTY', names: { uz: 'Qism', oz: 'Қисм', ru: 'Часть', en: 'Duty' } },
];

describe('buildUnitTree on the shipped data', () => {
  const territories = reference.territories;
  const bodies = 1 + territories.length;

  it('builds the Ministry, 14 directorates and one department per district, city and city district', () => {
    expect(units.filter((u) => u.level === 'ministry')).toHaveLength(1);
    expect(units.filter((u) => u.level === 'directorate')).toHaveLength(14);
    expect(units.filter((u) => u.level === 'department')).toHaveLength(territories.length - 14);
  });

  it('puts one unit of every service kind inside every body', () => {
    expect(units).toHaveLength(bodies * (1 + reference.services.length));
    for (const body of units.filter((u) => u.level !== 'service')) {
      const kinds = units
        .filter((u) => u.parentCode === body.code && u.level === 'service')
        .map((u) => u.service);
      expect(kinds).toEqual(reference.services.map((service) => service.kind));
    }
  });

  it('gives every unit a unique code', () => {
    expect(byCode.size).toBe(units.length);
  });

  it('produces units of the published shape', () => {
    for (const u of units) expect(unitSchema.safeParse(u).success, u.code).toBe(true);
  });

  it('lists every parent before its children, and every parent exists', () => {
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parentCode !== null)
        expect(seen.has(u.parentCode), `${u.code} before ${u.parentCode}`).toBe(true);
      seen.add(u.code);
    }
    expect(units.filter((u) => u.parentCode === null).map((u) => u.code)).toEqual([MINISTRY_CODE]);
  });

  it('builds the same tree every time', () => {
    expect(buildUnitTree(reference.territories, reference.services)).toEqual(units);
  });

  it('names the Ministry in the four languages', () => {
    expect(unit('IIV').names).toEqual({
      uz: 'Oʻzbekiston Respublikasi Ichki ishlar vazirligi',
      oz: 'Ўзбекистон Республикаси Ички ишлар вазирлиги',
      ru: 'Министерство внутренних дел Республики Узбекистан',
      en: 'Ministry of Internal Affairs of the Republic of Uzbekistan',
    });
  });

  it('names a regional directorate IIB / УВД', () => {
    expect(unit('IIV-1703').names).toEqual({
      uz: 'Andijon viloyati IIB',
      oz: 'Андижон вилояти ИИБ',
      ru: 'УВД Андижанской области',
      en: 'Andijan Region Directorate of Internal Affairs',
    });
  });

  it('names Tashkent city a main directorate and Karakalpakstan a ministry', () => {
    expect(unit('IIV-1726').names.uz).toBe('Toshkent shahar IIBB');
    expect(unit('IIV-1726').names.ru).toBe('ГУВД города Ташкента');
    expect(unit('IIV-1735').names.uz).toBe('Qoraqalpogʻiston Respublikasi IIV');
    expect(unit('IIV-1735').names.ru).toBe('МВД Республики Каракалпакстан');
  });

  it('names a district department from the district name', () => {
    expect(unit('IIV-1703224')).toEqual({
      code: 'IIV-1703224',
      parentCode: 'IIV-1703',
      level: 'department',
      territoryCode: '1703224',
      names: {
        uz: 'Asaka tumani IIB',
        oz: 'Асака тумани ИИБ',
        ru: 'ОВД Асакинского района',
        en: 'Asaka District Department of Internal Affairs',
      },
    });
  });

  it('names a city department with the attributive "shahar"', () => {
    expect(unit('IIV-1735401').names).toEqual({
      uz: 'Nukus shahar IIB',
      oz: 'Нукус шаҳар ИИБ',
      ru: 'ОВД города Нукуса',
      en: 'Nukus City Department of Internal Affairs',
    });
  });

  it('names a service unit after its body', () => {
    expect(unit('IIV-1703224-APP')).toEqual({
      code: 'IIV-1703224-APP',
      parentCode: 'IIV-1703224',
      level: 'service',
      service: 'appeals',
      territoryCode: '1703224',
      names: {
        uz: 'Asaka tumani IIB murojaatlar bilan ishlash boʻlimi',
        oz: 'Асака тумани ИИБ мурожаатлар билан ишлаш бўлими',
        ru: 'Отдел по работе с обращениями ОВД Асакинского района',
        en: 'Appeals Unit, Asaka District Department of Internal Affairs',
      },
    });
    expect(unit('IIV-ISEC').names.ru).toBe(
      'Отдел внутренней безопасности Министерства внутренних дел Республики Узбекистан',
    );
    expect(unit('IIV-ISEC').territoryCode).toBeUndefined();
  });

  it('puts the districts of Namangan city under the Namangan directorate', () => {
    expect(unit('IIV-1714410').parentCode).toBe('IIV-1714');
    expect(unit('IIV-1714415').names.uz).toBe('Yangi Namangan tumani IIB');
  });
});

describe('buildUnitTree guards', () => {
  const region = territory({ code: '1703', kind: 'region', regionType: 'viloyat' });

  it('rejects a district whose region is not in the list', () => {
    const orphan = territory({ code: '1706204', kind: 'district', parentCode: '1706' });
    expect(() => buildUnitTree([region, orphan], twoServices)).toThrow(/no region parent/);
  });

  it('rejects a region with a parent', () => {
    expect(() => buildUnitTree([{ ...region, parentCode: '1706' }], twoServices)).toThrow(
      /must not have a parent/,
    );
  });

  it('rejects duplicate territory codes and duplicate service suffixes', () => {
    expect(() => buildUnitTree([region, region], twoServices)).toThrow(/Duplicate territory code/);
    const [first] = twoServices;
    if (!first) throw new Error('fixture');
    expect(() => buildUnitTree([region], [first, { ...first, kind: 'duty' }])).toThrow(
      /Duplicate service suffix/,
    );
  });

  it('keeps an acronym capitalised when a service name follows the body name', () => {
    const acronym: Service = {
      kind: 'road_safety',
      suffix: 'ROAD',
      names: { uz: 'YHXX', oz: 'ЙҲХХ', ru: 'СБДД', en: 'RS' },
    };
    const built = buildUnitTree([region], [acronym]);
    expect(built.find((u) => u.code === 'IIV-1703-ROAD')?.names.uz).toBe('Nom IIB YHXX');
  });
});

describe('unit codes and default services', () => {
  const appeals = { suffix: 'APP' };

  it('codes a service unit <body>-<SUFFIX>', () => {
    expect(serviceUnitCode('IIV-1703', appeals)).toBe('IIV-1703-APP');
    expect(serviceUnitCodeFor('1703224', appeals)).toBe('IIV-1703224-APP');
    expect(serviceUnitCodeFor(null, appeals)).toBe('IIV-APP');
  });

  it('routes an officer complaint to internal security by default', () => {
    expect(defaultServiceFor(reference.categories, 'officer_conduct')).toBe('internal_security');
    expect(defaultServiceFor(reference.categories, 'crime_report')).toBe('duty');
  });

  it('knows no default service for an unknown category', () => {
    expect(defaultServiceFor(reference.categories, 'no_such_category')).toBeUndefined();
  });
});
