import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadReference } from './load-reference.ts';
import type { Names } from './reference.schema.ts';

const reference = loadReference();
const { territories, services, categories, holidays, units } = reference;

const OKINA = '\u02bb';
const TUTUQ = '\u02bc';

// Every bilingual string the product ships: territory, service, category and unit names, category
// descriptions and holiday names.
const allNames: { where: string; names: Names }[] = [
  ...territories.map((t) => ({ where: `territory ${t.code}`, names: t.names })),
  ...services.map((s) => ({ where: `service ${s.kind}`, names: s.names })),
  ...categories.flatMap((c) => [
    { where: `category ${c.code}`, names: c.names },
    { where: `category ${c.code} description`, names: c.descriptions },
  ]),
  ...holidays.map((h) => ({ where: `holiday ${h.date}`, names: h.names })),
  ...units.map((u) => ({ where: `unit ${u.code}`, names: u.names })),
];

/** Rows of the first Markdown table in docs/taxonomy-codes.md whose first cell matches `firstCell`. */
function docRows(firstCell: RegExp): string[][] {
  const doc = readFileSync(new URL('../../../docs/taxonomy-codes.md', import.meta.url), 'utf8');
  return doc
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => cells.length > 1 && firstCell.test(cells[0] ?? ''));
}

describe('territories', () => {
  const regions = territories.filter((t) => t.kind === 'region');
  const codes = new Set(territories.map((t) => t.code));

  it('has the 14 top-level territories: Karakalpakstan, 12 regions and Tashkent city', () => {
    expect(regions).toHaveLength(14);
    expect(regions.filter((r) => r.regionType === 'republic').map((r) => r.code)).toEqual(['1735']);
    expect(regions.filter((r) => r.regionType === 'city').map((r) => r.code)).toEqual(['1726']);
  });

  it('gives every territory a unique code', () => {
    expect(codes.size).toBe(territories.length);
  });

  it('gives every district, city and city district a region parent listed before it', () => {
    const seen = new Set<string>();
    for (const t of territories) {
      if (t.kind === 'region') {
        expect(t.parentCode, t.code).toBeNull();
        expect(t.code).toMatch(/^17\d{2}$/);
      } else {
        expect(seen.has(t.parentCode ?? ''), `${t.code} after its region`).toBe(true);
        expect(regions.some((r) => r.code === t.parentCode)).toBe(true);
        expect(t.code.startsWith(t.parentCode ?? '-'), t.code).toBe(true);
        expect(t.code).toMatch(/^17\d{5}$/);
      }
      seen.add(t.code);
    }
  });

  it('has districts in every region and the 12 districts of Tashkent city', () => {
    for (const region of regions) {
      expect(territories.some((t) => t.parentCode === region.code)).toBe(true);
    }
    expect(territories.filter((t) => t.parentCode === '1726' && t.kind === 'city_district')).toHaveLength(12);
  });

  it('places the districts of Namangan city inside that city', () => {
    for (const code of ['1714410', '1714415']) {
      const district = territories.find((t) => t.code === code);
      expect(district?.kind).toBe('city_district');
      expect(district?.cityCode).toBe('1714401');
      expect(codes.has(district?.cityCode ?? '')).toBe(true);
    }
  });

  it('has a population for all 14 regions, summing to the national register figure', () => {
    for (const region of regions) {
      expect(region.population, region.code).toBeGreaterThan(100_000);
      expect(region.populationYear).toBe(2026);
      expect(region.census2026?.population).toBeGreaterThan(100_000);
    }
    expect(regions.reduce((sum, r) => sum + (r.population ?? 0), 0)).toBe(38_236_700);
    expect(regions.reduce((sum, r) => sum + (r.census2026?.population ?? 0), 0)).toBe(39_047_321);
  });

  it('follows the documented rule for English names, except the marked exonyms', () => {
    const suffix = {
      region: ' Region',
      district: ' District',
      city: ' City',
      city_district: ' District',
    } as const;
    for (const t of territories) {
      if (t.englishExonym || t.regionType === 'republic' || t.regionType === 'city') continue;
      const base = t.names.uz.replace(/ (tumani|viloyati|shahri)$/, '');
      const folded = base
        .replaceAll(OKINA, '')
        .replaceAll(TUTUQ, '')
        .replaceAll('x', 'kh')
        .replaceAll('X', 'Kh');
      expect(t.names.en, t.code).toBe(folded + suffix[t.kind]);
    }
  });
});

describe('names in four languages', () => {
  it('are non-empty in every language', () => {
    for (const { where, names } of allNames) {
      for (const language of ['uz', 'oz', 'ru', 'en'] as const) {
        expect(names[language].trim(), `${where} ${language}`).not.toBe('');
      }
    }
  });

  it('write Uzbek Latin with Uzbek apostrophes (U+02BB after o/g, U+02BC elsewhere), never ASCII ones', () => {
    for (const { where, names } of allNames) {
      expect(names.uz, where).not.toMatch(/['`‘’]/);
      expect(names.uz, where).not.toMatch(/[\u0400-\u04ff]/);
      expect(names.uz, where).not.toMatch(new RegExp(`[^oOgG]${OKINA}`));
      expect(names.uz, where).not.toMatch(new RegExp(`[oOgG]${TUTUQ}`));
      expect(names.uz, where).toBe(names.uz.normalize('NFC'));
    }
  });

  it('use oʻ/gʻ in Uzbek Latin and ў/қ/ғ/ҳ in Uzbek Cyrillic', () => {
    const uz = allNames.map(({ names }) => names.uz).join(' ');
    const oz = allNames.map(({ names }) => names.oz).join(' ');
    expect(uz).toContain(`o${OKINA}`);
    expect(uz).toContain(`g${OKINA}`);
    for (const letter of ['ў', 'қ', 'ғ', 'ҳ']) expect(oz).toContain(letter);
  });

  it('keep Latin letters (and their look-alikes) out of Cyrillic and Russian text', () => {
    for (const { where, names } of allNames) {
      expect(names.oz, `${where} oz`).not.toMatch(/[A-Za-z]/);
      expect(names.ru, `${where} ru`).not.toMatch(/[A-Za-z]/);
      expect(names.ru, `${where} ru`).not.toMatch(/[ўқғҳЎҚҒҲ]/);
    }
  });

  it('keep Cyrillic out of English', () => {
    for (const { where, names } of allNames) expect(names.en, where).not.toMatch(/[\u0400-\u04ff]/);
  });
});

describe('services and categories', () => {
  it('has exactly the service kinds and suffixes of docs/taxonomy-codes.md, in that order', () => {
    const rows = docRows(/^[a-z_]+$/).filter((cells) => /^[A-Z]+$/.test(cells[1] ?? ''));
    expect(services.map((s) => [s.kind, s.suffix])).toEqual(rows.map((cells) => [cells[0], cells[1]]));
  });

  it('has exactly the category codes of docs/taxonomy-codes.md, in that order, with their defaults', () => {
    const rows = docRows(/^[a-z_]+$/).filter((cells) => cells[2] === 'yes' || cells[2] === 'no');
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(categories.map((c) => [c.code, c.service, c.officerComplaint])).toEqual(
      rows.map((cells) => [cells[0], cells[1], cells[2] === 'yes']),
    );
  });

  it('routes every category to a service kind that exists', () => {
    const kinds = new Set(services.map((s) => s.kind));
    for (const category of categories) expect(kinds.has(category.service), category.code).toBe(true);
  });

  it('describes every category in one line', () => {
    for (const category of categories) {
      for (const line of Object.values(category.descriptions)) {
        expect(line, category.code).not.toContain('\n');
        expect(line.length, category.code).toBeLessThanOrEqual(200);
      }
    }
  });
});

describe('holidays', () => {
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

  it('are valid dates in 2025–2027, one row per date, in date order', () => {
    for (const h of holidays) {
      expect(new Date(`${h.date}T00:00:00Z`).toISOString().slice(0, 10), h.date).toBe(h.date);
      expect(h.date >= '2025-01-01' && h.date <= '2027-12-31', h.date).toBe(true);
    }
    const dates = holidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
  });

  it('list the nine statutory holidays in every year', () => {
    for (const year of ['2025', '2026', '2027']) {
      const ids = holidays
        .filter((h) => h.kind === 'public_holiday' && h.date.startsWith(year))
        .map((h) => h.holiday);
      expect(new Set(ids).size, year).toBe(9);
    }
  });

  it('make the Saturday of every transferred day off a working day, and link the two', () => {
    const transfers = holidays.filter((h) => h.kind === 'transferred_day_off');
    expect(transfers.length).toBeGreaterThan(0);
    for (const transfer of transfers) {
      const saturday = holidays.find((h) => h.date === transfer.workingDayInstead);
      expect(saturday?.kind, transfer.date).toBe('working_day');
      expect(saturday?.dayOffMovedTo).toBe(transfer.date);
      expect(weekday(saturday?.date ?? transfer.date)).toBe(6);
    }
    expect(holidays.filter((h) => h.kind === 'working_day')).toHaveLength(transfers.length);
  });

  it('put observed days off on a weekday after a holiday that fell on a weekend', () => {
    for (const observed of holidays.filter((h) => h.kind === 'observed_day_off')) {
      expect([1, 2, 3, 4, 5], observed.date).toContain(weekday(observed.date));
      const holiday = holidays.findLast(
        (h) => h.kind === 'public_holiday' && h.holiday === observed.holiday && h.date < observed.date,
      );
      expect([0, 6], observed.date).toContain(weekday(holiday?.date ?? observed.date));
    }
  });

  it('keep the estimated Islamic-calendar dates marked as estimates', () => {
    expect(holidays.filter((h) => h.estimated).map((h) => h.date)).toEqual([
      '2026-05-27',
      '2027-03-09',
      '2027-05-16',
      '2027-05-17',
    ]);
  });
});

describe('attribution', () => {
  it('carries the attribution lines the MIT sources require', () => {
    expect(reference.attributions.join('\n')).toMatch(
      /uzsoato_registry \(MIT License, Copyright \(c\) 2021 Pavel Tanchev\)/,
    );
    expect(reference.attributions.join('\n')).toMatch(/python-holidays .*MIT License/);
    expect(reference.attributions.join('\n')).toMatch(/OCHA ROCCA \(CC BY 3\.0 IGO\), via geoBoundaries/);
  });
});
