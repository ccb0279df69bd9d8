import type { AnswerLanguage } from '../../contracts/enums.ts';
import { assessUrgency, canonicalLatin, looseKey } from '../../nlp/index.ts';

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

/**
 * The language to answer in when the applicant did not choose one, from the script alone (cheap enough
 * for intake): Uzbek Cyrillic letters → oz, other Cyrillic → ru, otherwise Uzbek Latin.
 */
export function answerLanguageByScript(text: string): AnswerLanguage {
  if (/[ўқғҳЎҚҒҲ]/.test(text)) return 'oz';
  const cyrillic = text.match(/[а-яё]/gi)?.length ?? 0;
  const latin = text.match(/[a-z]/gi)?.length ?? 0;
  return cyrillic > latin ? 'ru' : 'uz';
}

/** The reader backed by src/nlp: urgency is read at intake, everything else by triage after commit. */
export function createTextReader(): TextReader {
  return {
    read(text) {
      const urgency = assessUrgency(text);
      return {
        latin: canonicalLatin(text),
        // Triage detects the language sentence by sentence after commit; intake only needs the script.
        language: null,
        answerLanguage: answerLanguageByScript(text),
        urgent: urgency.urgent,
        urgencyReason: urgency.urgent
          ? urgency.reasons.map((r) => `${r.kind}: ${r.evidence}`).join('; ')
          : null,
      };
    },
    looseKey,
  };
}
