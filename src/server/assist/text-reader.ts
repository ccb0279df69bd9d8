import type { AnswerLanguage } from '../../contracts/enums.ts';
import { canonicalLatin, looseKey } from '../../nlp/normalize.ts';

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

/** The reader backed by src/nlp. */
export function createTextReader(): TextReader {
  return {
    read(text) {
      return {
        latin: canonicalLatin(text),
        language: null,
        answerLanguage: /[а-яё]/i.test(text) ? (/[ўқғҳ]/i.test(text) ? 'oz' : 'ru') : 'uz',
        urgent: false,
        urgencyReason: null,
      };
    },
    looseKey,
  };
}
