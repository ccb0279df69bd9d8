import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assessUrgency,
  canonicalLatin,
  detectOfficerComplaint,
  loadModel,
  looseKey,
  looseKeyOfLatin,
} from './index.ts';

// Intake normalises an appeal's text once and hands the loose key to the urgency, officer and category
// readings. Each must read exactly as it does from the raw text.
const model = loadModel(
  JSON.parse(readFileSync(new URL('./models/starter-categories.json', import.meta.url), 'utf8')),
);
const texts = [
  'Serjant Rustamov Bobur meni kaltakladi va oʻldiraman deb qoʻrqitdi, Yunusobod.',
  'Участковый требовал деньги и угрожал, что заберёт паспорт.',
  'Қўшнимиз ҳар кеча шовқин қилади, тинчлик йўқ.',
  "Yesterday my phone was stolen near the metro, please help. O'g'irlik!",
  '  Mashinamni   oʻgʻirlab ketishdi!!! 01 A 123 BC  ',
  '',
];

describe('one normalisation for every reading', () => {
  it.each(texts)('reads %j the same from its loose key', (text) => {
    const key = looseKeyOfLatin(canonicalLatin(text));
    expect(key).toBe(looseKey(text));
    expect(assessUrgency(text, { looseKey: key })).toEqual(assessUrgency(text));
    expect(detectOfficerComplaint(text, key)).toEqual(detectOfficerComplaint(text));
    expect([...model.probabilitiesOfKey(key)]).toEqual([...model.probabilities(text)]);
  });
});
