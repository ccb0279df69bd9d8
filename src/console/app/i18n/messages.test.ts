import { describe, expect, it } from 'vitest';
import { messages } from './index.ts';

const entries = (language: keyof typeof messages) =>
  Object.entries(messages[language]).filter(([key]) => !key.startsWith('lang.'));

describe('the console’s messages', () => {
  it('exist in every interface language for every key', () => {
    const keys = Object.keys(messages.uz).sort();
    for (const language of ['oz', 'ru', 'en'] as const)
      expect(Object.keys(messages[language]).sort()).toEqual(keys);
    for (const language of ['uz', 'oz', 'ru', 'en'] as const) {
      for (const [key, text] of Object.entries(messages[language]))
        expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('write Uzbek Latin oʻ and gʻ with U+02BB and the tutuq with U+02BC, never a typed apostrophe', () => {
    for (const [key, text] of entries('uz')) {
      expect(text, key).not.toMatch(/['‘’`´]/);
      expect(text, `${key}: ʻ only after o or g`).not.toMatch(/[^oOgG]\u02BB/);
      expect(text, `${key}: ʼ never after o or g`).not.toMatch(/[oOgG]\u02BC/);
    }
  });

  it('keep Uzbek Cyrillic in Cyrillic', () => {
    for (const [key, text] of entries('oz')) expect(text, key).not.toMatch(/[\u02BB\u02BC]/);
  });
});
