/**
 * The language layer's public API: pure functions and in-memory structures, no I/O. The server,
 * the CLI and the tests import from here only; see docs/nlp.md.
 */

export {
  MODEL_FORMAT_VERSION,
  ModelFormatError,
  type ModelJson,
  type TrainOptions,
} from './classifier-codec.ts';
export { loadModel, type Prediction, predict, TextClassifier } from './classifier-inference.ts';
export { DEFAULT_TRAIN_OPTIONS, evaluate, type LabelledText, train } from './classifier-training.ts';
export {
  type Campaign,
  DEFAULT_LSH,
  DEFAULT_MINHASH,
  DuplicateGrouper,
  detectCampaigns,
  estimateJaccard,
  groupDuplicates,
  LshIndex,
  type LshOptions,
  type Match,
  minhash,
  signatureFromBase64,
  signatureToBase64,
} from './duplicates.ts';
export { foldKaa, kaaToCyrillic, kaaToLatin } from './karakalpak.ts';
export {
  detectLanguage,
  detectLanguages,
  detectTextLanguage,
  LANGUAGES,
  type Language,
  type LanguageGuess,
  type LanguageSegment,
} from './langid.ts';
export type { Evaluation, LabelMetrics } from './metrics.ts';
export {
  canonicalLatin,
  fixMixedScriptWords,
  looseKey,
  looseKeyOfLatin,
  normalizeApostrophes,
  normalizePhone,
  normalizePinfl,
  normalizeText,
} from './normalize.ts';
export {
  detectOfficerComplaint,
  extractOfficerMentions,
  type OfficerComplaint,
  type OfficerMentions,
} from './officer.ts';
export { SimilarIndex, type SimilarMatch } from './similar.ts';
export { dominantScript, toCyrillic, toLatin } from './transliterate.ts';
export {
  assessUrgency,
  URGENCY_THRESHOLD,
  type UrgencyAssessment,
  type UrgencyKind,
  type UrgencyReason,
} from './urgency.ts';
