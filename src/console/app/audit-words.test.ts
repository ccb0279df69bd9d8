import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycle } from '../../server/appeals/appeal-lifecycle.ts';
import { auditActionWords, auditActorWords, auditTargetWords } from './audit-words.ts';
import { messages } from './i18n/index.ts';

// Every code the server can write into the audit log, found where it is written: the `action: '…'` of an
// audit entry (a ternary names two), and `appeal.<action>` for every change of the lifecycle.
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

const written = (pattern: RegExp) => {
  const found = new Set<string>();
  for (const file of [...sources('src/server'), ...sources('src/cli')]) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const field = pattern.exec(line);
      if (field)
        for (const code of field[1]?.matchAll(/'([a-z_]+(?:\.[a-z_]+)*)'/g) ?? []) found.add(code[1] ?? '');
    }
  }
  return [...found];
};
const actionCodes = [
  ...written(/\baction: (.*)$/).filter((code) => code.includes('.')),
  ...Object.keys(lifecycle).map((action) => `appeal.${action}`),
];
const targetTypes = written(/\btargetType: (.*)$/);
const actors = written(/\{ id: null, label: (.*)\}/);
const languages = ['uz', 'oz', 'ru', 'en'] as const;
const wordsIn =
  (language: (typeof languages)[number]) =>
  (key: string): string | undefined =>
    (messages[language] as Record<string, string>)[key];

describe('the audit log in words', () => {
  it('finds the codes it checks (the search of the server still works)', () => {
    expect(actionCodes).toEqual(
      expect.arrayContaining(['appeal.view', 'auth.totp_enabled', 'user.deactivate', 'appeal.route']),
    );
    expect(actionCodes.length).toBeGreaterThan(60);
    expect(targetTypes).toEqual(expect.arrayContaining(['appeal', 'user', 'unit']));
    expect(actors).toEqual(expect.arrayContaining(['system', 'anonymous', 'applicant', 'seed']));
  });

  it('names every audit action the server writes, in every interface language', () => {
    for (const language of languages) {
      const missing = actionCodes.filter((code) => !auditActionWords(code, wordsIn(language)));
      expect(missing, language).toEqual([]);
    }
  });

  it('names every kind of target and every actor that is not a staff member, in every language', () => {
    for (const language of languages) {
      const words = wordsIn(language);
      expect(
        targetTypes.filter((type) => !words(`audit.target.${type}`)),
        language,
      ).toEqual([]);
      expect(
        actors.filter((actor) => !words(`audit.actor.${actor}`)),
        language,
      ).toEqual([]);
    }
  });

  it('shows a staff member by name and login, a staff account by name instead of its number', () => {
    const words = wordsIn('uz');
    expect(auditActorWords({ actor: 'clerk1', actorName: 'Sobirova Dilfuza' }, words)).toBe(
      'Sobirova Dilfuza (clerk1)',
    );
    expect(auditActorWords({ actor: 'clerk1', actorName: '' }, words)).toBe('clerk1');
    expect(auditActorWords({ actor: 'system', actorName: null }, words)).toBe('Tizim');
    expect(
      auditTargetWords({ targetType: 'user', targetId: '4', targetName: 'Sobirova Dilfuza (clerk1)' }, words),
    ).toEqual({ kind: 'Xodim', name: 'Sobirova Dilfuza (clerk1)' });
    expect(auditActionWords('appeal.view', wordsIn('ru'))).toBe('Открыта карточка обращения');
    expect(auditActionWords('appeal.route', wordsIn('en'))).toBe(messages.en['event.routed']);
    expect(auditActionWords('no.such_code', words)).toBeUndefined();
  });
});
