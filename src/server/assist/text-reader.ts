import type { AnswerLanguage } from '../../contracts/enums.ts';
import { assessUrgency, canonicalLatin, detectTextLanguage, looseKey } from '../../nlp/index.ts';

/** What intake needs to know about an appeal's text before it is stored. */
export interface TextReading {
  /** Canonical Uzbek Latin form, for search and comparison across scripts. */
  latin: string;
  language: string | null;
  /** The language to answer in when the applicant did not choose one. */
  answerLanguage: AnswerLanguage;
  urgent: boolean;
  urgencyReason: string | null;
}

/** Reads appeal texts with the language layer; pure and fast enough to run inside intake. */
export interface TextReader {
  read(text: string): TextReading;
  looseKey(text: string): string;
}

// Answer in the language the applicant wrote in, when they did not choose one.
const answerLanguageFor: Record<string, AnswerLanguage> = {
  'uz-Latn': 'uz',
  'uz-Cyrl': 'oz',
  ru: 'ru',
  en: 'en',
  kaa: 'kaa',
};

/** The reader backed by src/nlp: language and urgency are read at intake, the rest by triage. */
export function createTextReader(): TextReader {
  return {
    read(text) {
      const language = detectTextLanguage(text).language;
      const urgency = assessUrgency(text);
      return {
        latin: canonicalLatin(text),
        language,
        answerLanguage: answerLanguageFor[language] ?? 'uz',
        urgent: urgency.urgent,
        urgencyReason: urgency.urgent
          ? urgency.reasons.map((r) => `${r.kind}: ${r.evidence}`).join('; ')
          : null,
      };
    },
    looseKey,
  };
}
