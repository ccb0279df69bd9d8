import { describe, expect, it } from 'vitest';
import { printedDay } from './answer-letter.ts';

describe('the answer letter’s dates', () => {
  it('prints DD.MM.YYYY as official letters in Uzbekistan do, but spells the month out in English', () => {
    expect(printedDay('2026-12-03', 'uz')).toBe('03.12.2026');
    expect(printedDay('2026-12-03', 'oz')).toBe('03.12.2026');
    expect(printedDay('2026-12-03', 'ru')).toBe('03.12.2026');
    expect(printedDay('2026-12-03', 'kaa')).toBe('03.12.2026');
    // 03.12.2026 reads as 12 March to many English readers.
    expect(printedDay('2026-12-03', 'en')).toBe('3 December 2026');
  });
});
