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

// Found by a review as a user (6 Dec 2026): each of these was read the other way.
describe('the review’s appeals', () => {
  it.each([
    [
      'Qońsım meni óltiremen dep pıshaq penen qorqıttı, házir esik aldında tur. Tez járdem beriń!',
      'threat_to_life',
    ],
    ['Қоңсым мени өлтиремен деп пышақ пенен қорқытты', 'threat_to_life'],
    ['Qonsim meni oltiremen dep pishaq penen qorqitti', 'threat_to_life'],
    ['Kúyewim meni urıp atır, házir úyde, balalar qorqıp tur', 'domestic_violence'],
    ['Balam 6 jasta, bazarda joǵalıp qaldı, tabılmay atır', 'missing_child'],
    ['Menga oʻlim bilan tahdid qilishyapti.', 'threat_to_life'],
    ['Ўлим билан таҳдид қилишяпти', 'threat_to_life'],
    ['Мне угрожают смертью.', 'threat_to_life'],
    ['He threatened me with death.', 'threat_to_life'],
    ['I am receiving death threats from my ex-husband.', 'threat_to_life'],
    ['Qoʻshnim uyimga oʻt qoʻyaman, hammangni yoqib yuboraman dedi', 'threat_to_life'],
    ['Сосед обещал сжечь наш дом вместе с нами', 'threat_to_life'],
    ['He said he would burn my house down with my family inside', 'threat_to_life'],
    ['Uyimizga oʻt qoʻyib yuborishdi, hozir yonyapti!', 'ongoing_crime'],
  ])('flags %s (%s)', (text, kind) => {
    const result = assessUrgency(text);
    expect(result.urgent).toBe(true);
    expect(result.reasons.map((r) => r.kind)).toContain(kind);
  });

  it.each([
    'Qoʻshnim tomorqamdagi daraxtlarni chopib tashladi.',
    'Qoʻshnim tovuqlarimni soʻyib tashladi.',
    'Qoʻshnim itimni otib tashladi.',
    'Qoʻshnim itingni oʻldiraman dedi.',
    'Сосед сказал, что убьёт мою собаку.',
    "The neighbours' kids fight with my kids every day at the playground",
    // Colloquial Uzbek "sat down", the same letters as Karakalpak óltirdi "killed".
    'Mehmonlar kelib oʻltirdi, choy ichdik.',
  ])('does not read a neighbour matter as a threat to life: %s', (text) => {
    const result = assessUrgency(text);
    expect(result.urgent).toBe(false);
  });
});
