import { describe, expect, it } from 'vitest';
import { expectedScript, transliterateAnswer, wrongScript } from './answer-script.ts';

const latin =
  'Hurmatli {{applicantName}}! IIV-2026-0000001 raqamli murojaatingiz koʻrib chiqildi. ' +
  'Mahalla inspektori qoʻshningiz bilan suhbat oʻtkazdi. Batafsil: www.iiv.uz, murojaat@iiv.uz';

describe('the script of an Uzbek answer', () => {
  it('expects Latin for uz and Cyrillic for oz, and nothing of the other languages', () => {
    expect(expectedScript('uz')).toBe('latin');
    expect(expectedScript('oz')).toBe('cyrillic');
    expect(expectedScript('ru')).toBeUndefined();
    expect(expectedScript('kaa')).toBeUndefined();
  });

  it('finds a Latin draft of a Cyrillic answer, and a Cyrillic draft of a Latin one', () => {
    expect(wrongScript(latin, 'oz')).toBe('latin');
    expect(wrongScript(latin, 'uz')).toBeUndefined();
    expect(wrongScript('Мурожаатингиз кўриб чиқилди.', 'uz')).toBe('cyrillic');
    expect(wrongScript('Мурожаатингиз кўриб чиқилди.', 'oz')).toBeUndefined();
    // Russian answers are written in Cyrillic and English in Latin: no warning either way.
    expect(wrongScript('Ваше обращение рассмотрено.', 'ru')).toBeUndefined();
    expect(wrongScript('', 'oz')).toBeUndefined();
  });

  it('does not count placeholders, codes and addresses as Latin text of a Cyrillic answer', () => {
    const cyrillic = 'Ҳурматли {{applicantName}}! IIV-2026-0000001 рақамли мурожаат. www.iiv.uz';
    expect(wrongScript(cyrillic, 'oz')).toBeUndefined();
  });

  it('rewrites the words in the other script and keeps placeholders, numbers and addresses as typed', () => {
    const cyrillic = transliterateAnswer(latin, 'cyrillic');
    expect(cyrillic).toBe(
      'Ҳурматли {{applicantName}}! IIV-2026-0000001 рақамли мурожаатингиз кўриб чиқилди. ' +
        'Маҳалла инспектори қўшнингиз билан суҳбат ўтказди. Батафсил: www.iiv.uz, murojaat@iiv.uz',
    );
    expect(wrongScript(cyrillic, 'oz')).toBeUndefined();
    expect(transliterateAnswer(cyrillic, 'latin')).toBe(latin);
  });

  it('keeps line breaks and a text that is only a placeholder', () => {
    expect(transliterateAnswer('Salom,\n\nrahmat', 'cyrillic')).toBe('Салом,\n\nраҳмат');
    expect(transliterateAnswer('{{unit}}', 'latin')).toBe('{{unit}}');
  });
});
