import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { buildChannels } from './channel-registry.ts';

describe('configured channels', () => {
  it('turns on only the channels an administrator configured', () => {
    expect([...buildChannels(loadConfig({}).channels).keys()]).toEqual([]);
    const channels = buildChannels(
      loadConfig({
        SMTP_URL: 'smtps://murojaat:secret@mail.example.uz:465',
        MAIL_FROM: 'Murojaat <noreply@example.uz>',
        SMS_PROVIDER: 'eskiz',
        ESKIZ_EMAIL: 'ops@example.uz',
        ESKIZ_PASSWORD: 'secret',
      }).channels,
    );
    expect([...channels.keys()]).toEqual(['email', 'sms']);
  });

  it('refuses a half-configured channel, saying what is missing', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'http' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMS_PROVIDER: 'http' })).toThrow(/SMS_HTTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail', MAIL_FROM: 'a@b.uz' })).toThrow(/smtp:\/\//);
  });
});
