import { describe, expect, it } from 'vitest';
import { APPEAL_NUMBER_EXAMPLE, APPEAL_NUMBER_PATTERN, normalizeAppealNumber } from './appeal-number.ts';

describe('reading an appeal number as people type it', () => {
  it.each([
    ['IIV-2026-0000123', 'IIV-2026-0000123'],
    ['iiv-2026-0000123', 'IIV-2026-0000123'],
    ['  IIV 2026 0000123 ', 'IIV-2026-0000123'],
    ['IIV-2026-2', 'IIV-2026-0000002'],
    ['iiv 2026-2', 'IIV-2026-0000002'],
    ['2026-0000123', 'IIV-2026-0000123'],
    ['2026/45', 'IIV-2026-0000045'],
    ['ИИВ-2026-0000123', 'IIV-2026-0000123'],
    ['иив 2026 123', 'IIV-2026-0000123'],
    ['IIV–2026–0000123', 'IIV-2026-0000123'],
    ['iiv20260000123', 'IIV-2026-0000123'],
    ['IIV-2026-OOOO123', 'IIV-2026-0000123'],
    ['ＩＩＶ－２０２６－１２３', 'IIV-2026-0000123'],
    ['№ IIV-2026-0000123.', 'IIV-2026-0000123'],
  ])('%s → %s', (typed, expected) => {
    expect(normalizeAppealNumber(typed)).toBe(expected);
  });

  it.each([
    '',
    'IIV',
    'IIV-2026',
    '123',
    'IIV-2026-12345678',
    'IIV-2026-0',
    'IIV-926-1',
    'XYZ-2026-1',
    'IIV-2026-1-2',
    'IIV-2026-1a',
    'x'.repeat(41),
  ])('refuses %j', (typed) => {
    expect(normalizeAppealNumber(typed)).toBeNull();
  });

  it('gives back the canonical form, which its own reading keeps', () => {
    expect(APPEAL_NUMBER_EXAMPLE).toMatch(APPEAL_NUMBER_PATTERN);
    expect(normalizeAppealNumber(APPEAL_NUMBER_EXAMPLE)).toBe(APPEAL_NUMBER_EXAMPLE);
  });
});
