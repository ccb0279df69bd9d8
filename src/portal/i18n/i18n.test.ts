import { describe, expect, it } from 'vitest';
import { citizenLanguages } from '../../contracts/enums.ts';
import { formatDay, formatInstant, languageNames, messagesFor, tashkentDay } from './index.ts';
import type { Messages } from './messages.ts';

/** Every string of a message tree, functions called with sample arguments, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String(value('7', 'IIV-2026-0000001', '2026'))]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

function shape(messages: Messages): string[] {
  return strings(messages).map(([path]) => path);
}

describe('portal strings', () => {
  it('has the same strings in all five languages', () => {
    const uz = shape(messagesFor('uz'));
    for (const lang of citizenLanguages) expect(shape(messagesFor(lang))).toEqual(uz);
  });

  it('writes Uzbek Latin oʻ/gʻ with U+02BB and the tutuq with U+02BC, never with typewriter marks', () => {
    for (const [path, text] of [...strings(messagesFor('uz')), ['languageNames.uz', languageNames.uz]]) {
      expect(text, path).not.toMatch(/['`‘’´]/);
      expect(text, path).not.toMatch(/[og]ʼ/i);
      expect(text, path).not.toMatch(/[^og]ʻ/i);
    }
  });

  it('writes Uzbek Cyrillic without Latin letters, except codes, file types and brand names', () => {
    const allowed =
      /IIV-\d{4}-\d{7}|8VV8FBZR|7KQ2M-9TXAB|PDF|JPG|PNG|WEBP|HEIC|OGG|MP3|M4A|Word|Excel|OpenDocument|Telegram|\/status|Murojaat|QR|ID|uz-Cyrl|MB|SMS|(Oʻzbekcha)|\?month=|officer_complaints|ariza|taklif|shikoyat|null|UZ/g;
    for (const [path, text] of strings(messagesFor('oz'))) {
      expect(text.replace(allowed, ''), path).not.toMatch(/[A-Za-z]/);
    }
  });

  it('writes Karakalpak in its Latin alphabet of 2016: no Cyrillic, no Uzbek apostrophe letters', () => {
    for (const [path, text] of [...strings(messagesFor('kaa')), ['languageNames.kaa', languageNames.kaa]]) {
      expect(text, path).not.toMatch(/[\u0400-\u04FF]/);
      expect(text, path).not.toMatch(/[ʻʼ'`‘’´]/);
    }
    expect(messagesFor('kaa').htmlLang).toBe('kaa');
  });

  it('does not show Karakalpak readers the Uzbek texts: only names, codes and words both write alike', () => {
    const uz = new Map(strings(messagesFor('uz')));
    const same = strings(messagesFor('kaa')).filter(([path, text]) => uz.get(path) === text);
    // The sample arguments of a function's text are not its words.
    const words = (text: string) => text.replace(/IIV-2026-0000001|2026|7/g, '').trim();
    for (const [path, text] of same) expect(words(text).length, path).toBeLessThanOrEqual(20);
  });

  it('writes dates the way each language does', () => {
    expect(formatDay('kaa', '2026-12-10')).toBe('2026-jıl 10-dekabr');
    expect(formatDay('uz', '2026-12-10')).toBe('2026-yil 10-dekabr');
    expect(formatDay('oz', '2026-12-10')).toBe('2026 йил 10 декабрь');
    expect(formatDay('ru', '2026-12-10')).toBe('10 декабря 2026 г.');
    expect(formatDay('en', '2026-12-10')).toBe('10 December 2026');
  });

  it('ends a sentence after a date with one full stop, even after the Russian "г."', () => {
    for (const lang of citizenLanguages) {
      const day = formatDay(lang, '2026-12-18');
      const m = messagesFor(lang);
      const sentences = [
        m.done.answer(day),
        m.done.proposalNotice(day),
        m.done.handover(day),
        m.done.forward(day),
        m.track.noAnswer(day),
        m.pdf.issued(formatInstant(lang, '2026-12-03T15:04:00Z')),
      ];
      for (const text of sentences) expect(text, lang).not.toMatch(/\.\./);
    }
    expect(messagesFor('ru').track.noAnswer(formatDay('ru', '2026-12-18'))).toBe(
      'Ответа пока нет. Срок по закону: 18 декабря 2026 г.',
    );
  });

  it('shows instants in Tashkent time, where the deadline’s last second is still its own day', () => {
    expect(tashkentDay('2026-12-10T18:59:59.999Z')).toBe('2026-12-10');
    expect(tashkentDay('2026-12-10T19:00:00.000Z')).toBe('2026-12-11');
    expect(formatInstant('en', '2026-11-25T05:07:00Z')).toBe('25 November 2026, 10:07');
  });
});
