import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process with in-memory standard streams. */
async function run(args: string[], input = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await main(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const TRAINING = [
  ...[
    "telefonimni o'g'irlab ketishdi",
    'mashinamni oʻgʻirlashdi',
    'у меня украли телефон',
    'my phone was stolen',
  ].map((text) => ({ text, label: 'theft' })),
  ...[
    'svetofor ishlamayapti',
    'mashinalar tez yuradi',
    'светофор не работает',
    'the traffic light is broken',
  ].map((text) => ({ text, label: 'road_traffic' })),
];

describe('murojaat nlp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'murojaat-nlp-'));
  const trainPath = join(dir, 'train.jsonl');
  const modelPath = join(dir, 'model.json');

  beforeAll(async () => {
    writeFileSync(trainPath, `${[...TRAINING, ...TRAINING].map((e) => JSON.stringify(e)).join('\n')}\n`);
    const result = await run(['nlp', 'train', '--data', trainPath, '--out', modelPath]);
    expect(result.code).toBe(0);
  });

  it('trains a model file and reports what it trained on', async () => {
    const result = await run(['nlp', 'train', '--data', trainPath, '--out', join(dir, 'again.json')]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ examples: 16, labels: 2 });
    expect(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')).formatVersion).toBe(1);
  });

  it('predicts one line per input line, in order, with label, confidence and language', async () => {
    const input = [
      { id: 'a', text: 'Кеча телефонимни ўғирлаб кетишди' },
      { id: 7, text: 'Светофор на перекрестке не работает' },
      { id: 'c', text: 'Svetofor ishlamayapti' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const result = await run(['nlp', 'predict', '--model', modelPath], input);
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.map((line) => [line.id, line.label, line.language])).toEqual([
      ['a', 'theft', 'uz-Cyrl'],
      ['7', 'road_traffic', 'ru'],
      ['c', 'road_traffic', 'uz-Latn'],
    ]);
    for (const line of lines) expect(Object.keys(line)).toEqual(['id', 'label', 'confidence', 'language']);
  });

  it('evaluates a model on a labelled file', async () => {
    const result = await run(['nlp', 'eval', '--model', modelPath, '--data', trainPath]);
    expect(result.code).toBe(0);
    const evaluation = JSON.parse(result.stdout);
    expect(Object.keys(evaluation)).toEqual(['n', 'accuracy', 'macroF1', 'perLabel']);
    expect(evaluation.n).toBe(16);
    expect(Object.keys(evaluation.perLabel).sort()).toEqual(['road_traffic', 'theft']);
  });

  it('names the file and line of a bad training example', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text":"a","label":"x"}\n{"text":"b","label":"y"}\n{"text":"c"}\n');
    const result = await run(['nlp', 'train', '--data', bad, '--out', join(dir, 'bad-model.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`murojaat nlp train: ${bad}:3: field "label" must be a string\n`);
  });

  it('names the line of bad standard input', async () => {
    const result = await run(['nlp', 'predict', '--model', modelPath], '{"id":"1","text":"ok"}\nnot json\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stdin:2: not valid JSON/);
  });

  it('refuses a model file from another format version', async () => {
    const old = join(dir, 'v2.json');
    writeFileSync(old, JSON.stringify({ ...JSON.parse(readFileSync(modelPath, 'utf8')), formatVersion: 2 }));
    const result = await run(['nlp', 'predict', '--model', old], '{"id":"1","text":"salom"}\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('model format version 2 is not supported: this build reads version 1');
  });

  it('says which option is missing and which file cannot be read', async () => {
    expect((await run(['nlp', 'predict'])).stderr).toMatch(/--model is required/);
    const missing = await run(['nlp', 'eval', '--model', join(dir, 'nope.json'), '--data', trainPath]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
    expect((await run(['nlp', 'frobnicate'])).code).toBe(2);
    expect((await run(['nlp', 'train', '--bogus', 'x'])).code).toBe(2);
  });

  it('identifies the language of each line', async () => {
    const input = [
      '{"id":"1","text":"Assalomu alaykum, yordam bering"}',
      '{"id":"2","text":"Здравствуйте, помогите"}',
    ].join('\n');
    const result = await run(['nlp', 'langid'], input);
    expect(jsonLines(result.stdout)).toEqual([
      { id: '1', language: 'uz-Latn' },
      { id: '2', language: 'ru' },
    ]);
  });

  it('transliterates line by line in both directions, keeping blank lines', async () => {
    expect((await run(['nlp', 'translit', '--to', 'latin'], 'Ўзбекистон\n\nшеър\n')).stdout).toBe(
      'Oʻzbekiston\n\nsheʼr\n',
    );
    expect((await run(['nlp', 'translit', '--to', 'cyrillic'], "O'zbekiston\nta'lim\n")).stdout).toBe(
      'Ўзбекистон\nтаълим\n',
    );
    expect((await run(['nlp', 'translit', '--to', 'greek'], 'x')).code).toBe(1);
  });

  it('groups duplicates, a Latin appeal with its Cyrillic twin, one line per input', async () => {
    const input = [
      { id: 'a', text: "Kecha bozorda telefonimni o'g'irlab ketishdi, iltimos yordam bering" },
      { id: 'b', text: 'Qoʻshnim har kuni baland musiqa qoʻyadi' },
      { id: 'c', text: 'Кеча бозорда телефонимни ўғирлаб кетишди, илтимос ёрдам беринг' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const result = await run(['nlp', 'duplicates'], input);
    expect(jsonLines(result.stdout)).toEqual([
      { id: 'a', group: 'a' },
      { id: 'b', group: 'b' },
      { id: 'c', group: 'a' },
    ]);
  });

  it('streams a large input without losing or reordering lines', async () => {
    const input = Array.from({ length: 100_000 }, (_, i) => `Қатор ${i}`).join('\n');
    const result = await run(['nlp', 'translit', '--to', 'latin'], input);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[99_999]).toBe('Qator 99999');
  });

  it('runs as a real process through bin/murojaat.js', () => {
    const bin = fileURLToPath(new URL('../../bin/murojaat.js', import.meta.url));
    const result = spawnSync(process.execPath, [bin, 'nlp', 'translit', '--to', 'latin'], {
      input: 'Телефонимни ўғирлаб кетишди\n',
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Telefonimni oʻgʻirlab ketishdi\n');
  });
});
