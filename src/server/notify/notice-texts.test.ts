import { describe, expect, it } from 'vitest';
import { answerLanguages } from '../../contracts/enums.ts';
import { composeNotice, type NoticeFacts, noticeTemplates } from './notice-texts.ts';

const facts = (over: Partial<NoticeFacts>): NoticeFacts => ({
  template: 'registered',
  language: 'uz',
  number: 'IIV-2026-0000123',
  trackingUrl: 'https://murojaat.test/uz/track?number=IIV-2026-0000123',
  dueOn: '2026-12-20',
  forwardedTo: 'Yunusobod tumani hokimligi',
  withLetter: false,
  ...over,
});

describe('notice texts', () => {
  it('has its own wording for every template the server sends, in every language, naming the number', () => {
    for (const language of answerLanguages) {
      const changed = composeNotice(facts({ template: 'some-new-template', language })).text;
      for (const template of noticeTemplates) {
        const notice = composeNotice(facts({ template, language }));
        expect(notice.text, `${template} ${language}`).toContain('IIV-2026-0000123');
        expect(notice.text, `${template} ${language}`).not.toBe(changed);
        expect(notice.subject).toContain('IIV-2026-0000123');
      }
    }
  });

  it('writes the new deadline as people read dates, and where the appeal was forwarded', () => {
    expect(composeNotice(facts({ template: 'deadline-extended', language: 'ru' })).text).toContain(
      'продлён до 20.12.2026',
    );
    expect(composeNotice(facts({ template: 'forwarded', language: 'en' })).sms).toContain(
      'forwarded to the competent body: Yunusobod tumani hokimligi.',
    );
  });

  it('tells a Karakalpak reader in Karakalpak, marked as such for mail readers', () => {
    const notice = composeNotice(facts({ template: 'deadline-extended', language: 'kaa' }));
    expect(notice.text).toContain(
      'Murájatıńız IIV-2026-0000123 boyınsha kórip shıǵıw múddeti 20.12.2026-jılǵa shekem',
    );
    expect(notice.html).toContain('<html lang="kaa">');
  });

  it('keeps an Uzbek Latin SMS in the GSM alphabet, within one part', () => {
    const sms = composeNotice(facts({ template: 'not-considered' })).sms;
    expect(sms).not.toMatch(/[ʻʼ‘’]/);
    expect(sms.length).toBeLessThanOrEqual(160);
  });

  it('escapes what staff wrote when it goes into HTML', () => {
    const html = composeNotice(facts({ template: 'forwarded', forwardedTo: '<b>Hokimlik</b>' })).html;
    expect(html).toContain('&#60;b&#62;Hokimlik');
    expect(html).not.toContain('<b>');
  });
});
