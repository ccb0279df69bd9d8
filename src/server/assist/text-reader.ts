import type { AnswerLanguage } from '../../contracts/enums.ts';
import {
  assessUrgency,
  canonicalLatin,
  detectOfficerComplaint,
  looseKey,
  looseKeyOfLatin,
  type OfficerComplaint,
  type TextClassifier,
  type UrgencyAssessment,
} from '../../nlp/index.ts';

/** What intake needs to know about an appeal's text before it is stored. */
export interface TextReading {
  /** Canonical Uzbek Latin form, for search and comparison across scripts. */
  latin: string;
  language: string | null;
  /** The language to answer in when the applicant did not choose one. */
  answerLanguage: AnswerLanguage;
  urgent: boolean;
  urgencyReason: string | null;
  /** The urgency assessment in full (score and reasons), stored for triage and the card. */
  urgency: UrgencyAssessment;
  /** The rule-based officer-complaint detector's reading (kinds, names, badges, units mentioned). */
  officerDetail: OfficerComplaint;
  /** How strongly the text reads as a complaint about an officer, by the rules and by the category model. */
  officer: { detector: number; model: number };
}

/** The category model intake reads with, and which of its labels are complaints about officers. */
export interface IntakeModel {
  classifier: TextClassifier;
  officerLabels: ReadonlySet<string>;
}

/** Reads appeal texts with the language layer; pure and fast enough to run inside intake. */
export interface TextReader {
  read(text: string, model: IntakeModel): TextReading;
  /** The canonical Latin form alone (search queries). */
  latin(text: string): string;
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

/** The model's probability that a text (given as its loose key) belongs to any of the given labels. */
function probabilityOf(model: IntakeModel, key: string): number {
  const probabilities = model.classifier.probabilitiesOfKey(key);
  let sum = 0;
  model.classifier.labels.forEach((label, i) => {
    if (model.officerLabels.has(label)) sum += probabilities[i] ?? 0;
  });
  return Math.min(1, sum);
}

/**
 * The reader backed by src/nlp. Intake reads what decides where an appeal may go before it is written —
 * urgency and a complaint about an officer (about 0.5 ms together) — and leaves the language of each
 * sentence, explanations and near-duplicates to triage after commit.
 */
export function createTextReader(): TextReader {
  return {
    read(text, model) {
      // One normalisation of the text serves the three readings (it was a third of their time).
      const latin = canonicalLatin(text);
      const key = looseKeyOfLatin(latin);
      const urgency = assessUrgency(text, { looseKey: key });
      const officerDetail = detectOfficerComplaint(text, key);
      return {
        latin,
        language: null,
        answerLanguage: answerLanguageByScript(text),
        urgent: urgency.urgent,
        urgencyReason: urgency.urgent
          ? urgency.reasons.map((r) => `${r.kind}: ${r.evidence}`).join('; ')
          : null,
        urgency,
        officerDetail,
        officer: { detector: officerDetail.confidence, model: probabilityOf(model, key) },
      };
    },
    latin: canonicalLatin,
    looseKey,
  };
}
