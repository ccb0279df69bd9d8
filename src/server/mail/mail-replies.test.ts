import { describe, expect, it } from 'vitest';
import { composeReply, type ReplyLanguage } from './mail-replies.ts';
import { continuedNumber, mailLanguage } from './receive-mail.ts';

const languages: ReplyLanguage[] = ['uz', 'oz', 'ru', 'en', 'kaa'];
const registered = {
  kind: 'registered' as const,
  number: 'IIV-2026-0000123',
  accessCode: 'AB12CD34',
  dueOn: '2026-12-18',
  missing: ['name' as const, 'address' as const],
  refusedFiles: ['virus.exe'],
  trackingUrl: 'https://murojaat.example.uz/ru/track?number=IIV-2026-0000123',
};

describe('the reply to an appeal by e-mail', () => {
  it.each(languages)('carries the number, the access code and the deadline, in %s', (language) => {
    const reply = composeReply(registered, language);
    expect(reply.subject).toContain('IIV-2026-0000123');
    expect(reply.text).toContain('AB12CD34');
    expect(reply.text).toContain('2026-12-18');
    expect(reply.html).toContain('AB12CD34');
  });

  it.each(languages)('asks for what the mail lacked and names the files left out, in %s', (language) => {
    const asked = composeReply(registered, language).text;
    const complete = composeReply({ ...registered, missing: [], refusedFiles: [] }, language).text;
    expect(asked.length).toBeGreaterThan(complete.length);
    expect(asked).toContain('virus.exe');
  });

  it('never carries the access code when a message was added to an appeal', () => {
    for (const language of languages) {
      const reply = composeReply({ kind: 'added', number: 'IIV-2026-0000123', refusedFiles: [] }, language);
      expect(reply.subject).toContain('IIV-2026-0000123');
      expect(reply.text).not.toMatch(/[0-9A-Z]{8}\n/);
    }
  });

  it('escapes what a person wrote (a file name) in the HTML', () => {
    const reply = composeReply({ ...registered, refusedFiles: ['<b>x</b>.exe'] }, 'en');
    expect(reply.html).not.toContain('<b>x</b>');
  });
});

describe('which appeal a mail continues', () => {
  it('reads the number in the subject, in any case', () => {
    expect(continuedNumber({ subject: 'Re: Обращение iiv-2026-0000123 зарегистрировано', replyTo: [] })).toBe(
      'IIV-2026-0000123',
    );
  });

  it('reads the number from our reply that the mail answers', () => {
    expect(
      continuedNumber({ subject: 'Re: hello', replyTo: ['<appeal.IIV-2026-0000042.5f0c@iiv.uz>'] }),
    ).toBe('IIV-2026-0000042');
  });

  it('finds nothing in a mail that answers someone else', () => {
    expect(continuedNumber({ subject: 'Re: hello', replyTo: ['<abc@example.uz>'] })).toBeNull();
  });
});

describe('the language of a mail', () => {
  it('tells Uzbek Latin, Uzbek Cyrillic, Russian and English apart', () => {
    expect(
      mailLanguage(
        'Assalomu alaykum. Qoʻshnilarim har kecha shovqin qilishadi, chora koʻrishingizni soʻrayman.',
      ),
    ).toBe('uz');
    expect(
      mailLanguage('Ассалому алайкум. Қўшниларим ҳар кеча шовқин қилишади, чора кўришингизни сўрайман.'),
    ).toBe('oz');
    expect(mailLanguage('Здравствуйте. Соседи каждую ночь шумят, прошу принять меры.')).toBe('ru');
    expect(mailLanguage('Hello. My neighbours are noisy every night, please take measures.')).toBe('en');
  });
});
