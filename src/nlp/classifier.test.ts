import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { evaluate, loadModel, MODEL_FORMAT_VERSION, ModelFormatError, train } from './index.ts';
import { foldKaa, kaaToCyrillic } from './karakalpak.ts';
import { evaluatePredictions } from './metrics.ts';
import { toCyrillic } from './transliterate.ts';

const SEEDS: Record<string, string[]> = {
  theft: [
    "telefonimni o'g'irlab ketishdi",
    "mashinamni o'g'irlashdi",
    'sumkamni olib qochishdi',
    'у меня украли телефон',
    'угнали машину со двора',
    'my phone was stolen',
    'someone stole my car',
    "uyimga o'g'ri tushdi",
  ],
  road_traffic: [
    'svetofor ishlamayapti',
    'mashinalar juda tez yuradi',
    'yoʻlda chuqur bor, avariya boʻlishi mumkin',
    'светофор не работает',
    'машины гоняют по двору',
    'the traffic light is broken',
    'cars are speeding on our street',
    'piyodalar oʻtish joyi yoʻq',
  ],
  gratitude: [
    'katta rahmat xodimlarga',
    'inspektorga minnatdorchilik bildiraman',
    'спасибо сотрудникам полиции',
    'благодарю участкового',
    'thank you to the officers',
    'many thanks for your help',
    'rahmat, tez yordam berishdi',
    'tashakkur, ishimni hal qilishdi',
  ],
};

const EXAMPLES = Object.entries(SEEDS).flatMap(([label, texts]) =>
  texts.flatMap((text) => [
    { text, label },
    { text: `Assalomu alaykum. ${text}. Iltimos javob bering`, label },
    { text: `${text}!!! ${text.toUpperCase()}`, label },
  ]),
);

describe('train and predict', () => {
  const json = train(EXAMPLES, { createdAt: '2025-01-01T00:00:00Z', holdout: 0.2 });
  const model = loadModel(JSON.parse(JSON.stringify(json)));

  it('learns a label set and predicts it with a confidence, the top 3 and an explanation', () => {
    const prediction = model.predict("Kecha bozorda telefonimni o'g'irlab ketishdi");
    expect(prediction.label).toBe('theft');
    expect(prediction.confidence).toBeGreaterThan(0.5);
    expect(prediction.top).toHaveLength(3);
    expect(prediction.top[0]).toEqual({ label: 'theft', confidence: prediction.confidence });
    expect(prediction.explanation.length).toBeGreaterThan(0);
    expect(prediction.explanation.join(' ')).toMatch(/telefonimni|o'g'irlab/);
  });

  it('classifies the Cyrillic twin of a Latin appeal the same way', () => {
    const latin = "Kecha bozorda telefonimni o'g'irlab ketishdi";
    expect(model.predict(toCyrillic(latin)).label).toBe(model.predict(latin).label);
  });

  it('explains in the words the applicant wrote', () => {
    expect(model.predict('Кеча бозорда телефонимни ўғирлаб кетишди').explanation.join(' ')).toContain(
      'телефонимни',
    );
  });

  it('gives probabilities that sum to one', () => {
    const sum = model.probabilities('salom').reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it('records its format, labels, settings and held-out evaluation', () => {
    expect(json.formatVersion).toBe(MODEL_FORMAT_VERSION);
    expect(json.labels).toEqual(['gratitude', 'road_traffic', 'theft']);
    // At most 20 passes of dual coordinate descent (fewer once it has converged); the file says 20.
    expect(json.options.epochs).toBe(20);
    expect(json.options.loss).toBe('squared-hinge');
    // Refit on every example after calibration.
    expect(json.trainingExamples).toBe(EXAMPLES.length);
    expect(json.evaluation?.n).toBeGreaterThan(0);
    expect(json.temperature).toBeGreaterThan(0);
  });

  it('stores weights in 4 bits when asked, at about half the size, with the same predictions', () => {
    const small = train(EXAMPLES, { createdAt: '2025-01-01T00:00:00Z', holdout: 0.2, weightBits: 4 });
    expect(small.weights.bits).toBe(4);
    expect(small.weights.values.length).toBeLessThan(json.weights.values.length * 0.6);
    const compact = loadModel(small);
    for (const { text } of EXAMPLES) expect(compact.predict(text).label).toBe(model.predict(text).label);
  });

  it("adds the logistic regressions into the SVMs' weight rows, so the model keeps its size", () => {
    const svmsAlone = train(EXAMPLES, { createdAt: 'x', logisticShare: 0 });
    const withLogistic = train(EXAMPLES, { createdAt: 'x' });
    expect(withLogistic.options.logisticShare).toBe(0.1);
    expect(withLogistic.weights.rows).toBe(svmsAlone.weights.rows);
    expect(withLogistic.weights.values).not.toBe(svmsAlone.weights.values);
    const both = loadModel(withLogistic);
    for (const { text, label } of EXAMPLES) expect(both.predict(text).label).toBe(label);
  });

  it('is deterministic for the same data and seed', () => {
    expect(train(EXAMPLES, { createdAt: 'x' })).toEqual(train(EXAMPLES, { createdAt: 'x' }));
  });

  it('evaluates accuracy, macro-F1 and per-label scores', () => {
    const result = evaluate(model, [
      { text: 'telefonimni oʻgʻirlashdi', label: 'theft' },
      { text: 'svetofor buzilgan', label: 'road_traffic' },
    ]);
    expect(result.n).toBe(2);
    expect(Object.keys(result.perLabel)).toEqual(expect.arrayContaining(['theft', 'road_traffic']));
  });

  it('holds out whole groups so that near-copies never sit on both sides', () => {
    const grouped = EXAMPLES.map((example, i) => ({ ...example, group: String(Math.floor(i / 3)) }));
    const model = train(grouped, { holdout: 0.25 });
    expect((model.evaluation?.n ?? 0) % 3).toBe(0);
  });

  it('calibrates on cross-validated scores: every example is scored once by a model that did not see it', () => {
    const grouped = EXAMPLES.map((example, i) => ({ ...example, group: String(Math.floor(i / 3)) }));
    expect(train(grouped, { holdout: 0.2 }).evaluation?.n).toBe(grouped.length);
    // Without the refit, one held-out slice as before.
    expect(train(grouped, { holdout: 0.2, refit: false }).evaluation?.n).toBeLessThan(grouped.length);
  });
});

/** Lines of a committed JSONL file under src/nlp/data. */
function readData(name: string): { text: string; label: string }[] {
  return readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

describe('quality regression on the committed starter data (unseen sentences)', () => {
  const test = readData('starter-test.jsonl');

  const shipped = loadModel(
    JSON.parse(readFileSync(new URL('./models/starter-categories.json', import.meta.url), 'utf8')),
  );

  it('keeps the shipped starter model at its measured quality', () => {
    const result = evaluate(shipped, test);
    // Measured 0.875 / 0.859 (docs/nlp.md, "Starter model").
    expect(result.accuracy).toBeGreaterThanOrEqual(0.86);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.845);
  });

  it('keeps the shipped model calibrated: confidence tracks accuracy, few wrong answers reach auto-routing', () => {
    const predictions = test.map((example) => ({ example, prediction: shipped.predict(example.text) }));
    const right = predictions.filter(({ example, prediction }) => prediction.label === example.label).length;
    const meanConfidence =
      predictions.reduce((sum, { prediction }) => sum + prediction.confidence, 0) / test.length;
    expect(Math.abs(meanConfidence - right / test.length)).toBeLessThan(0.03);
    // Measured: mean confidence 0.877 against accuracy 0.875. At or above the default auto-route threshold
    // 0.8: 222 answers, 9 of them wrong (five unseen sentences of 64, in their written forms).
    const wrongAndSure = predictions.filter(
      ({ example, prediction }) => prediction.label !== example.label && prediction.confidence >= 0.8,
    );
    expect(wrongAndSure.length).toBeLessThanOrEqual(10);
  });

  // The starter model had no Karakalpak: a plain theft ("telefonımdı urlap ketti") was read as cybercrime at
  // 0.27 (a review as a user, 6 Dec 2026). Sixteen Karakalpak appeals written after its 96 training
  // sentences, none of them seen, each in four forms (Latin, Cyrillic, both without the Karakalpak letters):
  // the model before them got 40 of 64 right, this one 48.
  it('reads most unseen Karakalpak appeals, in either script and on a plain keyboard', () => {
    let right = 0;
    const held = readData('starter-kaa-holdout.jsonl');
    for (const { text, label } of held)
      for (const form of [text, kaaToCyrillic(text), foldKaa(text), foldKaa(kaaToCyrillic(text))])
        if (shipped.predict(form).label === label) right++;
    expect(held).toHaveLength(16);
    expect(right).toBeGreaterThanOrEqual(46);
  });

  it('trains from a third of the starter data to its measured macro-F1 (one fit, no calibration)', () => {
    const sample = readData('starter-train.jsonl').filter((_, i) => i % 3 === 0);
    const result = evaluate(loadModel(train(sample, { holdout: 0 })), test);
    // Measured 0.810 (2,414 examples, about a second).
    expect(result.macroF1).toBeGreaterThanOrEqual(0.795);
  }, 60_000);
});

describe('loadModel', () => {
  const json = train(EXAMPLES, { holdout: 0 });

  it('refuses a model of another format version with a clear message', () => {
    expect(() => loadModel({ ...json, formatVersion: 2 })).toThrow(ModelFormatError);
    expect(() => loadModel({ ...json, formatVersion: 2 })).toThrow(
      /format version 2 is not supported.*reads version 1/,
    );
  });

  it('refuses something that is not a model', () => {
    expect(() => loadModel({ hello: 'world' })).toThrow(/not a murojaat text-classifier model/);
    expect(() => loadModel(null)).toThrow(ModelFormatError);
  });

  it('refuses a damaged model', () => {
    expect(() => loadModel({ ...json, bias: [1] })).toThrow(/damaged/);
    expect(() => loadModel({ ...json, weights: { ...json.weights, rows: json.weights.rows + 5 } })).toThrow(
      /damaged/,
    );
  });
});

describe('training guards', () => {
  it('needs at least two labels', () => {
    expect(() => train([{ text: 'a', label: 'x' }])).toThrow(/at least two labels/);
  });

  it('needs a power-of-two bucket count', () => {
    expect(() =>
      train(EXAMPLES, { features: { buckets: 1000, charMin: 2, charMax: 5, wordBigrams: true } }),
    ).toThrow(/power of two/);
  });
});

describe('metrics', () => {
  it('computes macro-F1 over the labels seen in gold or predictions, as scikit-learn does', () => {
    const result = evaluatePredictions(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'b']);
    expect(result.accuracy).toBe(0.5);
    expect(result.perLabel.a).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(result.perLabel.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(result.macroF1).toBe(0.3889);
  });
});

describe('base64', () => {
  it('round-trips any bytes', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37) % 256);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
    expect(encodeBase64(new TextEncoder().encode('Murojaat'))).toBe('TXVyb2phYXQ=');
  });
});
