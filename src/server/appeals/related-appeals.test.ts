import { describe, expect, it } from 'vitest';
import { strongestRelations } from './related-appeals.ts';

describe('related appeals on the card', () => {
  it('names an appeal linked as both duplicate and repeat once, as a duplicate', () => {
    const links = [
      { number: 'A', kind: 'repeat', score: null },
      { number: 'B', kind: 'campaign', score: 0.9 },
      { number: 'A', kind: 'duplicate', score: 0.95 },
      { number: 'B', kind: 'repeat', score: null },
      { number: 'C', kind: 'campaign', score: 0.8 },
    ];
    expect(strongestRelations(links)).toEqual([
      { number: 'A', kind: 'duplicate', score: 0.95 },
      { number: 'B', kind: 'repeat', score: null },
      { number: 'C', kind: 'campaign', score: 0.8 },
    ]);
  });

  it('leaves out an appeal the card already names as the parent', () => {
    const links = [
      { number: 'P', kind: 'repeat' },
      { number: 'Q', kind: 'duplicate' },
    ];
    expect(strongestRelations(links, new Set(['P']))).toEqual([{ number: 'Q', kind: 'duplicate' }]);
  });
});
