import { describe, expect, it } from 'vitest';
import { roles, uiLanguages } from '../../contracts/enums.ts';
import { type LessonFacts, type Localized, lessons, lessonsFor, scriptOf } from './lessons.ts';

const texts = (lesson: (typeof lessons)[number]): Localized[] => [lesson.title, ...lesson.steps];

describe('the guided lessons', () => {
  it('give operators, clerks, executors and heads at least two lessons each, with unique ids', () => {
    for (const role of ['operator', 'clerk', 'executor', 'head'] as const)
      expect(lessonsFor(role).length, role).toBeGreaterThanOrEqual(2);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    expect(lessonsFor('admin')).toHaveLength(lessons.length);
    expect(roles.filter((r) => lessonsFor(r).length === 0)).toEqual([
      'internal_security',
      'analyst',
      'auditor',
    ]);
  });

  it('say every title and step in the four languages, Uzbek Latin with ʻ and ʼ and Uzbek Cyrillic without', () => {
    for (const lesson of lessons) {
      expect(lesson.steps.length, lesson.id).toBeGreaterThanOrEqual(3);
      for (const text of texts(lesson)) {
        for (const language of uiLanguages) expect(text[language].trim(), lesson.id).not.toBe('');
        expect(text.uz, lesson.id).not.toMatch(/['‘’`´]/);
        expect(text.uz, lesson.id).not.toMatch(/[^oOgG]\u02BB/);
        expect(text.oz, lesson.id).not.toMatch(/[\u02BB\u02BC]/);
      }
    }
  });

  it('reads an answer’s script by its letters, Uzbek Cyrillic letters included', () => {
    expect(scriptOf('Ҳурматли Шерзод Эргашев! Ҳужжатлар тайёр.')).toBe('cyrillic');
    expect(scriptOf('Hurmatli Sherzod Ergashev! Hujjatlar tayyor.')).toBe('latin');
    expect(scriptOf('Уважаемая Елена, ваш ID-паспорт готов.')).toBe('cyrillic');
  });

  it('finds nothing done on an untouched lesson appeal, and never passes one', () => {
    const untouched: LessonFacts = {
      traineeId: 7,
      appeal: {
        status: 'registered',
        type: 'ariza',
        channel: 'web',
        applicantKind: 'anonymous',
        applicant: null,
        text: '',
        categoryCode: null,
        ownerService: 'appeals',
        answerLanguage: 'uz',
        urgent: false,
        headExtensionUsed: false,
      },
      events: [{ event: 'registered', actorId: 7, data: {} }],
      answers: [],
    };
    for (const lesson of lessons) expect(lesson.check(untouched).length, lesson.id).toBeGreaterThan(0);
  });
});
