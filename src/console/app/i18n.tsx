import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { UiLanguage } from '../../contracts/enums.ts';
import { type MessageKey, messages } from './i18n/index.ts';

/** Translates a key, filling `{name}` placeholders. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  language: UiLanguage;
  setLanguage(language: UiLanguage): void;
  t: Translate;
  /** A translation when the key exists (enum values from the server), else the raw value. */
  label(prefix: string, value: string): string;
  /** The message under a key built at run time, or undefined when there is none. */
  words(key: string): string | undefined;
}

const STORAGE_KEY = 'murojaat.console.language';
const languages: readonly UiLanguage[] = ['uz', 'oz', 'ru', 'en'];

function isLanguage(value: string | null): value is UiLanguage {
  return languages.some((l) => l === value);
}

function isKey(key: string): key is MessageKey {
  return key in messages.uz;
}

/** The language chosen before, else Uzbek Latin. */
export function initialLanguage(): UiLanguage {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : 'uz';
}

/** The BCP 47 tag of an interface language, for `lang` attributes and Accept-Language. */
export function languageTag(language: UiLanguage): string {
  return language === 'oz' ? 'uz-Cyrl' : language === 'uz' ? 'uz-Latn' : language;
}

const Context = createContext<I18n | undefined>(undefined);

/** Provides the interface language and its messages. */
export function I18nProvider({
  children,
  onChange,
}: {
  children: ReactNode;
  onChange(language: UiLanguage): void;
}) {
  const [language, setState] = useState<UiLanguage>(initialLanguage);
  const setLanguage = useCallback(
    (next: UiLanguage) => {
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = languageTag(next);
      onChange(next);
      setState(next);
    },
    [onChange],
  );
  const value = useMemo<I18n>(() => {
    const dictionary = messages[language];
    const t: Translate = (key, values) =>
      dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole));
    return {
      language,
      setLanguage,
      t,
      label: (prefix, raw) => {
        const key = `${prefix}.${raw}`;
        return isKey(key) ? dictionary[key] : raw;
      },
      words: (key) => (isKey(key) ? dictionary[key] : undefined),
    };
  }, [language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The interface language and its translator. */
export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export { languages };
