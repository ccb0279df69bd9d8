import { describe, expect, it } from 'vitest';
import { detectOfficerComplaint, extractOfficerMentions } from './officer.ts';

describe('detectOfficerComplaint', () => {
  it.each([
    ["Uchastka inspektori menga qo'pollik qildi", 'rudeness'],
    ['YHXX inspektori pora soʻradi', 'bribery'],
    ['Инспектор ДПС вымогал взятку', 'bribery'],
    ['Сотрудник полиции нагрубил мне', 'rudeness'],
    ['Akamni politsiyachilar kaltaklashdi', 'violence'],
    ['Меня незаконно задержали сотрудники полиции', 'unlawful_detention'],
    ['The officer refused to accept my statement', 'refusal'],
  ])('recognises %s as a complaint about an officer (%s)', (text, kind) => {
    const result = detectOfficerComplaint(text);
    expect(result.aboutOfficer).toBe(true);
    expect(result.kinds).toContain(kind);
  });

  it.each([
    'Telefonimni topib bergan uchastka inspektoriga rahmat',
    'Qoʻshnim meni haqorat qildi',
    'Pasportimni yoʻqotib qoʻydim',
  ])('does not treat %s as one', (text) => {
    expect(detectOfficerComplaint(text).aboutOfficer).toBe(false);
  });
});

describe('extractOfficerMentions', () => {
  it('finds a rank with a surname, a badge number and the unit in Uzbek', () => {
    expect(
      extractOfficerMentions(
        "Yunusobod tumani IIB xodimi leytenant Karimov menga qo'pollik qildi, jeton raqami 12345",
      ),
    ).toEqual({ badges: ['12345'], names: ['leytenant Karimov'], units: ['Yunusobod tumani IIB'] });
  });

  it('finds them in Russian, keeping the service with the rank', () => {
    expect(
      extractOfficerMentions('Инспектор ДПС Иванов, нагрудный знак № 45-678, ГУВД города Ташкента'),
    ).toEqual({
      badges: ['45-678'],
      names: ['Инспектор ДПС Иванов'],
      units: ['ДПС', 'ГУВД города Ташкента'],
    });
  });

  // A review as a user (6 Dec 2026): "Hurmatli IIB" (Dear police) was stored as a unit's name.
  it('leaves greetings and sentence openers out of a unit’s name', () => {
    const units = (text: string) => extractOfficerMentions(text).units;
    expect(units('Hurmatli IIB xodimlari, yordam bering')).toEqual(['IIB']);
    expect(units('Уважаемый ГУВД, прошу разобраться')).toEqual(['ГУВД']);
    expect(units('Kecha Mirobod IIB xodimi keldi')).toEqual(['Mirobod IIB']);
    expect(units('Assalomu Alaykum Chilonzor tumani IIB')).toEqual(['Chilonzor tumani IIB']);
  });

  it('finds them in English', () => {
    expect(extractOfficerMentions('Officer Smith, badge #4521, was rude')).toEqual({
      badges: ['4521'],
      names: ['Officer Smith'],
      units: [],
    });
  });
});
