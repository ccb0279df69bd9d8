import { readFile } from 'node:fs/promises';
import { loadModel, type TextClassifier } from '../../nlp/index.ts';
import type { Db } from '../db/database.ts';
import {
  activeModel,
  activeModelVersion,
  anyActiveModel,
  insertModelUnlessStored,
  modelIdOf,
} from './assist.repository.ts';

/** The label set the category router uses. */
export const CATEGORY_LABELS = 'category';
export const STARTER_VERSION = 'starter-1';
const starterFile = new URL('../../nlp/models/starter-categories.json', import.meta.url);

/** The classifier in use and its version. */
export interface ActiveModel {
  version: string;
  classifier: TextClassifier;
}

/**
 * Holds the active category model in memory. The shipped starter model is registered as version
 * `starter-1` on first use; administrators activate trained versions (and roll back) through the API,
 * and every process picks the change up on its next reload.
 */
export class ModelRegistry {
  #active: ActiveModel | undefined;
  #loading: Promise<ActiveModel> | undefined;
  #checkedAt = 0;

  constructor(private readonly db: Db) {}

  /** The active model, loading it on first call. */
  async active(): Promise<ActiveModel> {
    // Another process may have activated a version: look at most every 10 s (one indexed row).
    if (this.#active && Date.now() - this.#checkedAt > 10_000) {
      this.#checkedAt = Date.now();
      const row = await activeModelVersion(this.db, CATEGORY_LABELS);
      if (row?.version !== this.#active.version) this.#active = undefined;
    }
    if (this.#active) return this.#active;
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    this.#active = await this.#loading;
    this.#checkedAt = Date.now();
    return this.#active;
  }

  /** Forgets the cached model; the next call reads the active version again. */
  invalidate(): void {
    this.#active = undefined;
  }

  async #load(): Promise<ActiveModel> {
    await this.ensureStarter();
    const row = await activeModel(this.db, CATEGORY_LABELS);
    return { version: row.version, classifier: loadModel(JSON.parse(row.model)) };
  }

  /** Registers the shipped starter model once, active unless another version already is. */
  async ensureStarter(): Promise<void> {
    const exists = await modelIdOf(this.db, STARTER_VERSION);
    if (exists) return;
    const text = await readFile(starterFile, 'utf8');
    const json: unknown = JSON.parse(text);
    loadModel(json);
    const evaluation =
      typeof json === 'object' && json !== null && 'evaluation' in json ? json.evaluation : null;
    const examples =
      typeof json === 'object' &&
      json !== null &&
      'trainingExamples' in json &&
      typeof json.trainingExamples === 'number'
        ? json.trainingExamples
        : 0;
    await this.db.transaction().execute(async (tx) => {
      const anyActive = await anyActiveModel(tx, CATEGORY_LABELS);
      await insertModelUnlessStored(tx, {
        version: STARTER_VERSION,
        label_set: CATEGORY_LABELS,
        created_at: new Date(),
        created_by: 'shipped',
        examples,
        evaluation: JSON.stringify(evaluation),
        model: text,
        active: !anyActive,
      });
    });
  }
}
