import {
  assessUrgency,
  DEFAULT_LSH,
  detectLanguages,
  detectOfficerComplaint,
  detectTextLanguage,
  minhash,
  type OfficerComplaint,
  type Prediction,
  type TextClassifier,
  type UrgencyAssessment,
} from '../../nlp/index.ts';

/** Everything the language layer reads from one appeal text. Pure: no I/O. */
export interface AppealReading {
  language: string;
  languageConfidence: number;
  segments: { language: string; start: number; end: number }[];
  prediction: Prediction;
  urgency: Pick<UrgencyAssessment, 'score'> & { reasons: { kind: string; evidence: string }[] };
  officer: Pick<OfficerComplaint, 'aboutOfficer' | 'confidence'> & {
    kinds: string[];
    mentions: OfficerComplaint['mentions'];
  };
  minhash: Uint32Array;
  /** LSH band keys: appeals sharing any key are candidate near-duplicates. */
  bands: number[];
}

/**
 * One key per LSH band (rows of the MinHash signature hashed with FNV-1a), kept under 2^53 so it
 * survives PostgreSQL's bigint and JavaScript's number alike.
 */
export function bandKeys(signature: Uint32Array, bands = DEFAULT_LSH.bands): number[] {
  const rows = signature.length / bands;
  const keys: number[] = [];
  for (let band = 0; band < bands; band += 1) {
    let high = 0x811c9dc5 ^ band;
    let low = 0x01000193 ^ (band * 2654435761);
    for (let r = 0; r < rows; r += 1) {
      const value = signature[band * rows + r] ?? 0;
      high = Math.imul(high ^ value, 0x01000193) >>> 0;
      low = Math.imul(low ^ (value >>> 16) ^ (value << 7), 0x85ebca6b) >>> 0;
    }
    keys.push(high * 2 ** 21 + (low >>> 11));
  }
  return keys;
}

/** What intake already read (see intake-reading.ts); triage reads it only for appeals written without it. */
export interface IntakeFindings {
  urgency: AppealReading['urgency'];
  officer: AppealReading['officer'];
}

/** Reads an appeal after commit with the given category model, reusing what intake read. */
export function readAppeal(text: string, classifier: TextClassifier, known?: IntakeFindings): AppealReading {
  const language = detectTextLanguage(text);
  const signature = minhash(text);
  return {
    language: language.language,
    languageConfidence: language.confidence,
    segments: detectLanguages(text).map((s) => ({ language: s.language, start: s.start, end: s.end })),
    prediction: classifier.predict(text),
    urgency: known?.urgency ?? assessUrgency(text),
    officer: known?.officer ?? detectOfficerComplaint(text),
    minhash: signature,
    bands: bandKeys(signature),
  };
}
