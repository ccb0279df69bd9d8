import { describe, expect, it } from 'vitest';
import { estimateJaccard, minhash } from '../../nlp/duplicates.ts';
import {
  baselineDays,
  type DailyCount,
  detectSurges,
  looksLikeCampaign,
  sharedWords,
  shiftDay,
  surgePValue,
} from './surge-detector.ts';

/** A deterministic generator (mulberry32), so the quiet history is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by Knuth's method (small means only). */
function poisson(mean: number, next: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

/** Quiet history: every pair at its own mean, busier on weekdays than at weekends, for `days` days. */
function quietHistory(until: string, days: number, seed = 7): DailyCount[] {
  const next = random(seed);
  const pairs = [
    { territory: '1726266', category: 'theft', mean: 4 },
    { territory: '1726266', category: 'noise', mean: 1.5 },
    { territory: '1703202', category: 'theft', mean: 6 },
    { territory: '1703202', category: 'fraud', mean: 0.3 },
  ];
  const rows: DailyCount[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = shiftDay(until, -i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const factor = weekday === 0 || weekday === 6 ? 0.5 : 1.2;
    for (const pair of pairs) {
      const count = poisson(pair.mean * factor, next);
      if (count > 0) rows.push({ territory: pair.territory, category: pair.category, day, count });
    }
  }
  return rows;
}

describe('the surge detector', () => {
  it('reads the same weekday of the previous eight weeks as the baseline', () => {
    expect(baselineDays('2026-12-03')).toEqual([
      '2026-11-26',
      '2026-11-19',
      '2026-11-12',
      '2026-11-05',
      '2026-10-29',
      '2026-10-22',
      '2026-10-15',
      '2026-10-08',
    ]);
  });

  it('gives the binomial tail of the day’s share of the nine days’ appeals', () => {
    // 5 appeals on the day, none in the eight weeks before: (1/9)^5.
    expect(surgePValue(5, 0, 8)).toBeCloseTo((1 / 9) ** 5, 12);
    // As many as on an average baseline day: a coin toss, not a surge.
    expect(surgePValue(10, 80, 8)).toBeGreaterThan(0.4);
    expect(surgePValue(30, 80, 8)).toBeLessThan(1e-5);
    expect(surgePValue(0, 80, 8)).toBe(1);
  });

  it('never flags fewer than five appeals, however quiet the baseline', () => {
    const rows: DailyCount[] = [{ territory: 't', category: 'c', day: '2026-12-03', count: 4 }];
    expect(detectSurges(rows, ['2026-12-03'])).toEqual([]);
    rows[0] = { territory: 't', category: 'c', day: '2026-12-03', count: 6 };
    expect(detectSurges(rows, ['2026-12-03'])).toHaveLength(1);
  });

  it('flags nothing in a quiet year', () => {
    const history = quietHistory('2026-12-03', 365 + 56);
    const days = Array.from({ length: 365 }, (_, i) => shiftDay('2026-12-03', -i));
    expect(detectSurges(history, days)).toEqual([]);
  });

  it('finds exactly a generated surge in one district × category, with its observed and expected counts', () => {
    const history = quietHistory('2026-12-03', 365 + 56).filter(
      (r) => !(r.day === '2026-11-20' && r.territory === '1726266' && r.category === 'theft'),
    );
    history.push({ territory: '1726266', category: 'theft', day: '2026-11-20', count: 25 });
    const days = Array.from({ length: 365 }, (_, i) => shiftDay('2026-12-03', -i));
    const surges = detectSurges(history, days);
    expect(surges).toHaveLength(1);
    expect(surges[0]).toMatchObject({
      territory: '1726266',
      category: 'theft',
      day: '2026-11-20',
      observed: 25,
    });
    expect(surges[0]?.expected).toBeGreaterThan(2);
    expect(surges[0]?.expected).toBeLessThan(8);
  });

  it('does not call a busy weekday a surge when every such weekday is as busy', () => {
    const rows: DailyCount[] = [];
    for (let week = 0; week <= 8; week++)
      rows.push({ territory: 't', category: 'c', day: shiftDay('2026-12-07', -7 * week), count: 40 });
    rows.push({ territory: 't', category: 'c', day: '2026-12-06', count: 2 });
    expect(detectSurges(rows, ['2026-12-07', '2026-12-06'])).toEqual([]);
  });

  it('lists the words at least half of the appeals share, commonest first', () => {
    const lists = [
      ['suv', 'yoq', 'mahallada', 'ichimlik', 'suvi', 'kelmayapti'],
      ['mahallada', 'ichimlik', 'suvi', 'uch', 'kundan', 'beri', 'yoq'],
      ['ichimlik', 'suvi', 'kelmayapti', 'yordam', 'bering'],
      ['qoshnim', 'shovqin', 'qiladi'],
    ];
    expect(sharedWords(lists)).toEqual(['ichimlik', 'suvi', 'kelmayapti', 'mahallada']);
  });

  it('sees a mass campaign when most appeals are near copies of one text', () => {
    const copy = 'biz mahalla aholisi yolni taʼmirlashni soʻraymiz chunki yol juda yomon ahvolda';
    const texts = [copy, `${copy} iltimos`, copy, 'qoshnim kechasi shovqin qiladi chora koring'];
    const signatures = texts.map((t) => minhash(t));
    expect(looksLikeCampaign(signatures, estimateJaccard)).toBe(true);
    const varied = ['telefonimni ogirlashdi', 'mashinam oynasini sindirishdi', 'qoshnim shovqin qiladi'];
    expect(
      looksLikeCampaign(
        varied.map((t) => minhash(t)),
        estimateJaccard,
      ),
    ).toBe(false);
  });
});
