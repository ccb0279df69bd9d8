import { type CitizenLanguage, citizenLanguages } from '../../contracts/enums.ts';
import { en } from './en.ts';
import { kaa } from './kaa.ts';
import type { Messages } from './messages.ts';
import { oz } from './oz.ts';
import { ru } from './ru.ts';
import { uz } from './uz.ts';

export type { Messages } from './messages.ts';

const catalogue: Record<CitizenLanguage, Messages> = { uz, oz, ru, en, kaa };

/** The portal's strings in one language. */
export function messagesFor(language: CitizenLanguage): Messages {
  return catalogue[language];
}

/** Each language's own name, as the switcher shows it. */
export const languageNames: Record<CitizenLanguage, string> = {
  uz: 'Oʻzbekcha',
  oz: 'Ўзбекча',
  ru: 'Русский',
  en: 'English',
  kaa: 'Qaraqalpaqsha',
};

/** True for a path segment that names an interface language. */
export function isUiLanguage(value: string): value is CitizenLanguage {
  return citizenLanguages.some((l) => l === value);
}

/** A Tashkent calendar day (`YYYY-MM-DD`) in words, e.g. "2026-yil 10-dekabr", "10 декабря 2026 г.". */
export function formatDay(language: CitizenLanguage, day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const m = catalogue[language];
  return m.common.date(date, m.common.months[month - 1] ?? '', year);
}

const TASHKENT_OFFSET_MS = 5 * 60 * 60 * 1000;

/** The Tashkent calendar day of an instant. */
export function tashkentDay(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as a Tashkent date in words with the time, e.g. "10 December 2026, 14:05". */
export function formatInstant(language: CitizenLanguage, instant: Date | string): string {
  const local = new Date(new Date(instant).getTime() + TASHKENT_OFFSET_MS).toISOString();
  return `${formatDay(language, local.slice(0, 10))}, ${local.slice(11, 16)}`;
}
