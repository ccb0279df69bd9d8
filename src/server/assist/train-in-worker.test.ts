import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_OPTIONS, type LabelledText, train } from '../../nlp/index.ts';
import { trainInWorker } from './train-in-worker.ts';

const EXAMPLES: LabelledText[] = [
  ...[
    'telefonimni oʻgʻirlab ketishdi',
    'у меня украли телефон',
    'my phone was stolen',
    'mashinamni oʻgʻirlashdi',
  ].map((text) => ({ text, label: 'theft' })),
  ...[
    'svetofor ishlamayapti',
    'светофор не работает',
    'the traffic light is broken',
    'yoʻlda chuqur bor',
  ].map((text) => ({ text, label: 'road_traffic' })),
];
const OPTIONS = { createdAt: '2026-12-01T00:00:00Z', holdout: 0.5 };

describe('training in a worker thread', () => {
  it('returns the model training in this thread returns', async () => {
    expect(await trainInWorker({ examples: EXAMPLES, options: OPTIONS })).toEqual(train(EXAMPLES, OPTIONS));
  });

  it('rejects with the training’s own error when training fails', async () => {
    const options = { ...OPTIONS, features: { ...DEFAULT_TRAIN_OPTIONS.features, buckets: 1000 } };
    await expect(trainInWorker({ examples: EXAMPLES, options })).rejects.toThrow(
      'training in a worker thread failed: buckets must be a power of two, got 1000',
    );
  });

  it('stops the thread and rejects with the reason when the signal aborts', async () => {
    const starter = await readFile(new URL('../../nlp/data/starter-train.jsonl', import.meta.url), 'utf8');
    const examples: LabelledText[] = starter
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
    const stopping = new AbortController();
    const training = trainInWorker({ examples, options: OPTIONS }, { signal: stopping.signal });
    // The starter set takes tens of seconds to train: this aborts mid-training, and only the thread's
    // exit (not its model) settles the promise.
    setTimeout(() => stopping.abort(new Error('the job was given up')), 500);
    await expect(training).rejects.toThrow('the job was given up');
  });
});
