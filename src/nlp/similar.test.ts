import { describe, expect, it } from 'vitest';
import { SimilarIndex } from './similar.ts';

describe('SimilarIndex', () => {
  it('ranks the answered appeal on the same matter first, across scripts', () => {
    const index = new SimilarIndex();
    index.add('fine', 'Kamera notoʻgʻri jarima yozdi, bekor qilishni soʻrayman');
    index.add('theft', 'Avtobusda telefonimni oʻgʻirlab ketishdi');
    index.add('noise', 'Qoʻshnilar kechasi shovqin qiladi');
    const matches = index.query('Автобусда телефонимни ўғирлашди, ёрдам беринг');
    expect(matches[0]?.id).toBe('theft');
    expect(matches.map((m) => m.id)).not.toContain('noise');
  });

  it('returns nothing from an empty index', () => {
    expect(new SimilarIndex().query('salom')).toEqual([]);
  });
});
