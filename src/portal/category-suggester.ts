import { readFile } from 'node:fs/promises';
import { loadModel, type TextClassifier } from '../nlp/index.ts';
import type { ModelRegistry } from '../server/assist/model-registry.ts';

/** A category the language layer thinks fits a text, with its calibrated confidence. */
export interface CategoryGuess {
  code: string;
  confidence: number;
}

/** Suggests categories while a citizen types; `null` means no model is available (the UI stays quiet). */
export interface CategorySuggester {
  suggest(text: string): Promise<CategoryGuess[] | null>;
}

/** Where the starter category model of the language layer is shipped. */
export const starterModelUrl = new URL('../nlp/models/starter-categories.json', import.meta.url);

/** Below this confidence a guess is more likely to mislead than to help, so it is not shown. */
const MIN_CONFIDENCE = 0.5;

/**
 * A suggester over a model file, loaded on first use. A missing or unreadable model is logged once and the
 * suggester answers `null` from then on: the form works the same, only without the hint.
 */
export function modelSuggester(
  modelUrl: URL = starterModelUrl,
  warn: (message: string) => void = () => {},
): CategorySuggester {
  let loading: Promise<TextClassifier | null> | undefined;
  const load = async () => {
    try {
      return loadModel(JSON.parse(await readFile(modelUrl, 'utf8')));
    } catch (error) {
      warn(`category suggestions are off: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  return {
    async suggest(text) {
      loading ??= load();
      const model = await loading;
      if (!model) return null;
      return model
        .predict(text)
        .top.filter((t) => t.confidence >= MIN_CONFIDENCE)
        .map((t) => ({ code: t.label, confidence: Math.round(t.confidence * 100) / 100 }));
    },
  };
}

/**
 * A suggester over the model version an administrator activated (the shipped starter model until then),
 * so the citizen's hint and the clerk's triage read appeals with the same model.
 */
export function registrySuggester(
  models: ModelRegistry,
  warn: (message: string) => void = () => {},
): CategorySuggester {
  let warned = false;
  return {
    async suggest(text) {
      try {
        const { classifier } = await models.active();
        return classifier
          .predict(text)
          .top.filter((t) => t.confidence >= MIN_CONFIDENCE)
          .map((t) => ({ code: t.label, confidence: Math.round(t.confidence * 100) / 100 }));
      } catch (error) {
        if (!warned)
          warn(`category suggestions are off: ${error instanceof Error ? error.message : String(error)}`);
        warned = true;
        return null;
      }
    },
  };
}
