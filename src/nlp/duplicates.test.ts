import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DuplicateGrouper,
  detectCampaigns,
  estimateJaccard,
  groupDuplicates,
  LshIndex,
  minhash,
  signatureFromBase64,
  signatureToBase64,
} from './duplicates.ts';
import { toCyrillic } from './transliterate.ts';

const LATIN =
  "Assalomu alaykum. Kecha avtobusda ketayotganimda telefonimni o'g'irlab ketishdi. Iltimos yordam bering.";

describe('minhash', () => {
  it('gives a Latin appeal and its Cyrillic twin the same signature', () => {
    expect(estimateJaccard(minhash(LATIN), minhash(toCyrillic(LATIN)))).toBe(1);
  });

  it('rates an appeal with a changed word as similar and an unrelated one as not', () => {
    const edited = LATIN.replace('avtobusda', 'metroda');
    const unrelated = 'Qoʻshnim har kuni kechasi baland musiqa qoʻyadi, uxlay olmayapmiz.';
    expect(estimateJaccard(minhash(LATIN), minhash(edited))).toBeGreaterThan(0.6);
    expect(estimateJaccard(minhash(LATIN), minhash(unrelated))).toBeLessThan(0.2);
  });

  it('stores and restores a signature through base64', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const signature = minhash(text);
        expect(signatureFromBase64(signatureToBase64(signature))).toEqual(signature);
      }),
      { numRuns: 100 },
    );
  });
});

describe('LshIndex', () => {
  it('finds a near-duplicate and reports its estimated similarity', () => {
    const index = new LshIndex();
    index.add('a', LATIN);
    index.add('b', 'Mahallamizda svetofor ishlamayapti, bolalar yoʻldan oʻtolmayapti.');
    const [best] = index.query(toCyrillic(LATIN));
    expect(best).toEqual({ id: 'a', similarity: 1 });
  });

  it('answers from stored signatures without the texts', () => {
    const index = new LshIndex();
    index.add('a', signatureFromBase64(signatureToBase64(minhash(LATIN))));
    expect(index.query(LATIN).map((m) => m.id)).toEqual(['a']);
  });

  it('keeps working as it grows past its initial capacity', () => {
    const index = new LshIndex();
    for (let i = 0; i < 3000; i++)
      index.add(`n${i}`, `Murojaat raqami ${i}: ${i * 7919} koʻchada ${i % 97}-uy`);
    index.add('target', LATIN);
    expect(index.size).toBe(3001);
    expect(index.query(LATIN)[0]?.id).toBe('target');
  });
});

describe('grouping', () => {
  it('puts a Latin appeal, its Cyrillic twin and an apostrophe-less copy in one group named after the first', () => {
    const items = [
      { id: 'lat', text: LATIN },
      { id: 'other', text: 'Qoʻshnim meni oʻldiraman deb qoʻrqityapti.' },
      { id: 'cyr', text: toCyrillic(LATIN) },
      { id: 'plain', text: LATIN.replace(/'/g, '') },
    ];
    expect(groupDuplicates(items)).toEqual(['lat', 'other', 'lat', 'lat']);
  });

  it('merges two groups when a later appeal is close to both', () => {
    const grouper = new DuplicateGrouper({ threshold: 0.5 });
    const a = 'aaaa bbbb cccc dddd eeee ffff gggg hhhh';
    const b = 'iiii jjjj kkkk llll mmmm nnnn oooo pppp';
    grouper.add('a', a);
    grouper.add('b', b);
    grouper.add('ab', `${a} ${b}`);
    grouper.add('ab2', `${a} ${b}`);
    const groups = grouper.groups();
    expect(groups[2]).toBe(groups[3]);
  });

  it('reports a mass campaign only when enough different applicants sent the same text', () => {
    const template =
      'Biz, Navoiy koʻchasi aholisi, mahallamizdagi qurilish tufayli shovqindan charchadik, chora koʻring.';
    const items = [
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `c${i}`,
        applicant: `p${i}`,
        text: `${template} Imzo: ${i}`,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `s${i}`, applicant: 'same', text: LATIN })),
    ];
    expect(detectCampaigns(items, { minApplicants: 5 })).toEqual([
      { group: 'c0', ids: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'], applicants: 6 },
    ]);
  });
});
