import { describe, expect, it } from 'vitest';
import type { UiLanguage } from '../../contracts/enums.ts';
import { loadReference } from '../../server/reference/load-reference.ts';
import { fold, indexUnits, searchUnits } from './unit-search.ts';

// The shipped unit tree (2,676 units), as GET /api/v1/units lists it.
const units = loadReference().units.map((u) => ({
  code: u.code,
  parentCode: u.parentCode ?? null,
  level: u.level,
  service: u.service ?? null,
  territoryCode: u.territoryCode ?? null,
  names: u.names,
}));
const index = (language: UiLanguage) => indexUnits(units, language);
const codes = (language: UiLanguage, query: string, own?: string) =>
  searchUnits(index(language), query, { own }).results.map((e) => e.code);

describe('searching the unit tree', () => {
  it('indexes every unit once', () => {
    expect(units.length).toBe(2676);
    expect(index('uz').entries.length).toBe(2676);
  });

  it('puts the unit whose code was typed first, in any case', () => {
    expect(codes('uz', 'IIV-1726266-INV')[0]).toBe('IIV-1726266-INV');
    expect(codes('en', 'iiv-1726266-inv')[0]).toBe('IIV-1726266-INV');
  });

  it('finds a unit by words of its name in the interface language, however the okina is typed', () => {
    for (const query of ["yunusobod tergov bo'limi", 'Yunusobod tergov boʻlimi', 'yunusobod tergov bolimi'])
      expect(codes('uz', query)[0], query).toBe('IIV-1726266-INV');
    expect(codes('ru', 'следствия юнусабад')[0]).toBe('IIV-1726266-INV');
    expect(codes('en', 'investigation yunusobod')[0]).toBe('IIV-1726266-INV');
  });

  it('finds an Uzbek name in either script, whichever Uzbek interface is on', () => {
    expect(codes('uz', 'Юнусобод тергов')[0]).toBe('IIV-1726266-INV');
    expect(codes('oz', 'yunusobod tergov')[0]).toBe('IIV-1726266-INV');
    // Russian names are not searched from an Uzbek interface, nor Uzbek ones from a Russian interface.
    expect(codes('uz', 'следствия юнусабад')).toEqual([]);
    expect(codes('ru', 'yunusobod tergov')).toEqual([]);
  });

  it('shows each unit with its path from the region down, in the interface language', () => {
    const [inv] = searchUnits(index('uz'), 'IIV-1726266-INV').results;
    expect(inv?.name).toBe('Yunusobod tumani IIB tergov va surishtiruv boʻlimi');
    expect(inv?.path).toEqual(['Toshkent shahar IIBB', 'Yunusobod tumani IIB']);
    const [region] = searchUnits(index('ru'), 'IIV-1726').results;
    expect(region?.path).toEqual([]);
  });

  it('ranks a name beginning with the query above words inside names, and those above the path', () => {
    const ranked = codes('uz', 'toshkent tergov');
    // "Toshkent shahar IIBB tergov …" names both words; Yunusobod's unit has Toshkent only in its path.
    expect(ranked[0]).toBe('IIV-1726-INV');
    expect(ranked).toContain('IIV-1726266-INV');
    expect(ranked.indexOf('IIV-1726-INV')).toBeLessThan(ranked.indexOf('IIV-1726266-INV'));
  });

  it('lists the units nearest the person first among equally good matches', () => {
    // 223 investigation units answer "tergov": a Yunusobod clerk sees Yunusobod's, an Andijan one Andijan's.
    expect(codes('uz', 'tergov', 'IIV-1726266-APP')[0]).toBe('IIV-1726266-INV');
    expect(codes('uz', 'tergov', 'IIV-1703202-APP')[0]).toBe('IIV-1703202-INV');
    // Then the rest of the person's region before other regions.
    const tashkent = codes('uz', 'tergov', 'IIV-1726266-APP').slice(1, 5);
    for (const code of tashkent) expect(code.startsWith('IIV-1726')).toBe(true);
  });

  it('opens on the person’s own part of the tree when nothing is typed yet', () => {
    const first = codes('uz', '', 'IIV-1726266-APP');
    expect(first[0]).toBe('IIV-1726266-APP');
    expect(first.slice(1, 12).every((c) => c.startsWith('IIV-1726266'))).toBe(true);
  });

  it('returns at most the limit, says how many matched, and leaves out the units already chosen', () => {
    const wide = searchUnits(index('uz'), 'boʻlimi');
    expect(wide.results.length).toBe(50);
    expect(wide.total).toBeGreaterThan(1000);
    expect(searchUnits(index('uz'), 'tergov', { limit: 5 }).results.length).toBe(5);
    const rest = searchUnits(index('uz'), 'yunusobod tergov', { exclude: ['IIV-1726266-INV'] });
    expect(rest.results.map((e) => e.code)).not.toContain('IIV-1726266-INV');
  });

  it('answers a keystroke over the whole tree in a few milliseconds', () => {
    const uz = index('uz');
    const started = performance.now();
    for (const query of ['t', 'te', 'ter', 'terg', 'tergov', 'tergov y', 'tergov yu', 'a', 'b', 'i'])
      searchUnits(uz, query, { own: 'IIV-1726266-APP' });
    // Ten keystrokes, the widest ones matching most of the tree; generous for a loaded test machine.
    expect((performance.now() - started) / 10).toBeLessThan(50);
  });

  it('folds case, apostrophe marks and ё', () => {
    expect(fold("Bo'LIMI")).toBe('bolimi');
    expect(fold('Oʻzbekiston')).toBe('ozbekiston');
    expect(fold('Ёшлар')).toBe('ешлар');
  });
});
