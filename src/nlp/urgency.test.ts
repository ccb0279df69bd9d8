import { describe, expect, it } from 'vitest';
import { assessUrgency } from './urgency.ts';

describe('assessUrgency', () => {
  it.each([
    ['Qoʻshnim meni oʻldirmoqchi, har kuni qoʻrqitadi', 'threat_to_life'],
    ['qoshnim meni oldirmoqchi', 'threat_to_life'],
    ['Кушним мени улдирмокчи', 'threat_to_life'],
    ['Муж убить грозится, я боюсь', 'threat_to_life'],
    ['My neighbour threatens to kill me', 'threat_to_life'],
    ['Erim meni har kuni uradi', 'domestic_violence'],
    ['Муж бьет меня при детях', 'domestic_violence'],
    ["O'g'lim maktabdan qaytmadi", 'missing_child'],
    ['Пропал ребенок, 7 лет', 'missing_child'],
    ['My daughter is missing since yesterday', 'missing_child'],
    ['Oʻzimni oʻldiraman, boshqa chidolmayman', 'suicide_risk'],
    ['Хочу покончить с собой', 'suicide_risk'],
    ['I want to kill myself', 'suicide_risk'],
  ])('flags %s as urgent (%s)', (text, kind) => {
    const result = assessUrgency(text);
    expect(result.urgent).toBe(true);
    expect(result.reasons.map((r) => r.kind)).toContain(kind);
  });

  it('combines a weapon and violence into an urgent appeal', () => {
    const result = assessUrgency('Hozir koʻchada pichoq bilan urishmoqda');
    expect(result.urgent).toBe(true);
    expect(result.reasons.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['weapon', 'violence', 'immediacy']),
    );
  });

  it.each([
    'I lost my passport',
    'Pasportimni yoʻqotib qoʻydim',
    'Ov miltigʻiga ruxsatnoma olish uchun qanday hujjatlar kerak',
    'Хочу продлить разрешение на охотничье ружье',
    'Убытки от аварии не возместили',
    'Rahmat, telefonimni topib berishdi',
  ])('does not flag %s', (text) => {
    expect(assessUrgency(text).urgent).toBe(false);
  });

  it('explains with the words that matched', () => {
    expect(assessUrgency('Meni oʻldiraman deb tahdid qildi').reasons[0]).toEqual({
      kind: 'threat_to_life',
      evidence: 'oldiraman',
    });
  });
});

describe('killing animals', () => {
  it('is not a threat to a person', () => {
    expect(assessUrgency('Qoʻshnimning iti har kuni hovlimga kirib, tovuqlarimni oʻldiryapti.').urgent).toBe(
      false,
    );
    expect(assessUrgency('Соседи убили нашу собаку, просим разобраться').urgent).toBe(false);
    expect(assessUrgency('Someone killed my sheep last night').urgent).toBe(false);
  });

  it('is still urgent when the person is threatened as well', () => {
    expect(assessUrgency('Tovuqlarimni oʻldirdi, endi meni ham oʻldiraman deyapti').urgent).toBe(true);
  });
});
