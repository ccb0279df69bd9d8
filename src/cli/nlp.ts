import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  DuplicateGrouper,
  detectTextLanguage,
  evaluate,
  type LabelledText,
  loadModel,
  ModelFormatError,
  type TextClassifier,
  toCyrillic,
  toLatin,
  train,
} from '../nlp/index.ts';
import type { CommandIo } from './main.ts';

const usage = `murojaat nlp <command>

  train --data train.jsonl --out model.json   train a classifier on lines {"text","label"}
        [--epochs N] [--seed N] [--holdout 0.1] [--weight-bits 8|4]
  predict --model model.json < in.jsonl       lines {"id","text"} → {"id","label","confidence","language"}
  eval --model model.json --data test.jsonl   prints {"n","accuracy","macroF1","perLabel"}
  langid < in.jsonl                           lines {"id","text"} → {"id","language"}
  translit --to latin|cyrillic                Uzbek text, line by line, stdin → stdout
  duplicates [--threshold 0.6] < in.jsonl     lines {"id","text"} → {"id","group"}
`;

/** A problem with what the user gave us: reported as one line on stderr, exit code 1. */
class InputError extends Error {
  override name = 'InputError';
}

/** Runs `murojaat nlp …` and returns the exit code. */
export async function runNlp(args: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = args;
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        to: { type: 'string' },
        threshold: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        holdout: { type: 'string' },
        'weight-bits': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    io.stderr.write(`murojaat nlp: ${messageOf(error)}\n\n${usage}`);
    return 2;
  }
  try {
    switch (command) {
      case 'train':
        return await trainCommand(values, io);
      case 'predict':
        return await predictCommand(values, io);
      case 'eval':
        return await evalCommand(values, io);
      case 'langid':
        return await langidCommand(io);
      case 'translit':
        return await translitCommand(values, io);
      case 'duplicates':
        return await duplicatesCommand(values, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout.write(usage);
        return command === undefined ? 2 : 0;
      default:
        io.stderr.write(`murojaat nlp: unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof ModelFormatError) {
      io.stderr.write(`murojaat nlp ${command}: ${error.message}\n`);
      return 1;
    }
    if (
      isNodeError(error) &&
      (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES')
    ) {
      io.stderr.write(`murojaat nlp ${command}: cannot read ${error.path ?? 'file'}: ${error.code}\n`);
      return 1;
    }
    throw error;
  }
}

function required(values: Record<string, string | undefined>, name: string, command: string): string {
  const value = values[name];
  if (value === undefined || value === '')
    throw new InputError(`--${name} is required (murojaat nlp ${command} --help)`);
  return value;
}

function numberOption(values: Record<string, string | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new InputError(`--${name} must be a number, got "${raw}"`);
  return value;
}

/** Yields the non-blank lines of a stream with their 1-based line numbers, one at a time. */
async function* lines(input: NodeJS.ReadableStream): AsyncGenerator<{ line: string; number: number }> {
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of reader) {
    number++;
    if (line.trim() !== '') yield { line, number };
  }
}

/** Parses one JSON-lines record into its fields, or says on which line it went wrong. */
function parseRecord(line: string, where: string, expected: string): Map<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new InputError(`${where}: not valid JSON (expected ${expected})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`${where}: expected a JSON object ${expected}`);
  }
  return new Map(Object.entries(parsed));
}

function stringField(fields: Map<string, unknown>, name: string, where: string, allowNumber = false): string {
  const value = fields.get(name);
  if (typeof value === 'string') return value;
  if (allowNumber && typeof value === 'number') return String(value);
  throw new InputError(`${where}: field "${name}" must be a string`);
}

/** An {"id","text"} input line; numeric ids are accepted and written back as strings. */
function idAndText(line: string, where: string): { id: string; text: string } {
  const fields = parseRecord(line, where, '{"id","text"}');
  return { id: stringField(fields, 'id', where, true), text: stringField(fields, 'text', where) };
}

/** Writes lines with back-pressure, in chunks, so 100k-line outputs stream without piling up. */
class LineWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(line: string): Promise<void> {
    this.buffer.push(line, '\n');
    this.size += line.length + 1;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}

/** Reads {"text","label"} lines; an optional "group" keeps related examples on one side of the held-out split. */
async function readLabelled(path: string): Promise<LabelledText[]> {
  const examples: LabelledText[] = [];
  for await (const { line, number } of lines(createReadStream(path))) {
    const where = `${path}:${number}`;
    const fields = parseRecord(line, where, '{"text","label"}');
    const text = stringField(fields, 'text', where);
    const label = stringField(fields, 'label', where);
    if (label === '') throw new InputError(`${path}:${number}: field "label" must not be empty`);
    const group = fields.get('group');
    if (group !== undefined && typeof group !== 'string')
      throw new InputError(`${where}: field "group" must be a string`);
    examples.push(group === undefined ? { text, label } : { text, label, group });
  }
  return examples;
}

async function readModel(path: string): Promise<TextClassifier> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`${path}: not a JSON model file`);
    throw error;
  }
  try {
    return loadModel(json);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new ModelFormatError(`${path}: ${error.message}`);
    throw error;
  }
}

async function trainCommand(values: Record<string, string | undefined>, io: CommandIo): Promise<number> {
  const data = required(values, 'data', 'train');
  const out = required(values, 'out', 'train');
  const examples = await readLabelled(data);
  const labels = new Set(examples.map((example) => example.label));
  if (labels.size < 2)
    throw new InputError(`${data}: training needs at least two different labels, found ${labels.size}`);
  const started = performance.now();
  const epochs = numberOption(values, 'epochs');
  const seed = numberOption(values, 'seed');
  const holdout = numberOption(values, 'holdout');
  const weightBits = numberOption(values, 'weight-bits');
  if (weightBits !== undefined && weightBits !== 8 && weightBits !== 4) {
    throw new InputError(`--weight-bits must be 8 or 4, got ${weightBits}`);
  }
  const model = train(examples, {
    createdAt: new Date().toISOString(),
    ...(epochs === undefined ? {} : { epochs }),
    ...(seed === undefined ? {} : { seed }),
    ...(holdout === undefined ? {} : { holdout }),
    ...(weightBits === undefined ? {} : { weightBits }),
  });
  // Indented as Biome formats JSON, so a model committed to the repository passes `biome check`.
  await writeFile(out, `${JSON.stringify(model, null, 2)}\n`);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  io.stdout.write(
    `${JSON.stringify({
      out,
      examples: examples.length,
      labels: labels.size,
      seconds,
      heldOut: model.evaluation && {
        n: model.evaluation.n,
        accuracy: model.evaluation.accuracy,
        macroF1: model.evaluation.macroF1,
      },
      temperature: model.temperature,
    })}\n`,
  );
  return 0;
}

async function predictCommand(values: Record<string, string | undefined>, io: CommandIo): Promise<number> {
  const model = await readModel(required(values, 'model', 'predict'));
  const writer = new LineWriter(io.stdout);
  for await (const { line, number } of lines(io.stdin)) {
    const { id, text } = idAndText(line, `stdin:${number}`);
    const prediction = model.predict(text);
    await writer.write(
      JSON.stringify({
        id,
        label: prediction.label,
        confidence: Number(prediction.confidence.toFixed(4)),
        language: detectTextLanguage(text).language,
      }),
    );
  }
  await writer.flush();
  return 0;
}

async function evalCommand(values: Record<string, string | undefined>, io: CommandIo): Promise<number> {
  const model = await readModel(required(values, 'model', 'eval'));
  const data = required(values, 'data', 'eval');
  const examples = await readLabelled(data);
  if (examples.length === 0) throw new InputError(`${data}: no examples`);
  io.stdout.write(`${JSON.stringify(evaluate(model, examples))}\n`);
  return 0;
}

async function langidCommand(io: CommandIo): Promise<number> {
  const writer = new LineWriter(io.stdout);
  for await (const { line, number } of lines(io.stdin)) {
    const { id, text } = idAndText(line, `stdin:${number}`);
    await writer.write(JSON.stringify({ id, language: detectTextLanguage(text).language }));
  }
  await writer.flush();
  return 0;
}

async function translitCommand(values: Record<string, string | undefined>, io: CommandIo): Promise<number> {
  const to = required(values, 'to', 'translit');
  if (to !== 'latin' && to !== 'cyrillic')
    throw new InputError(`--to must be "latin" or "cyrillic", got "${to}"`);
  const convert = to === 'latin' ? toLatin : toCyrillic;
  const writer = new LineWriter(io.stdout);
  const reader = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  // Blank lines are kept: the output has exactly the input's lines.
  for await (const line of reader) await writer.write(convert(line));
  await writer.flush();
  return 0;
}

async function duplicatesCommand(values: Record<string, string | undefined>, io: CommandIo): Promise<number> {
  const threshold = numberOption(values, 'threshold');
  if (threshold !== undefined && (threshold <= 0 || threshold > 1)) {
    throw new InputError(`--threshold must be in (0, 1], got ${threshold}`);
  }
  const grouper = new DuplicateGrouper(threshold === undefined ? {} : { threshold });
  const ids: string[] = [];
  for await (const { line, number } of lines(io.stdin)) {
    const { id, text } = idAndText(line, `stdin:${number}`);
    ids.push(id);
    grouper.add(id, text);
  }
  // A later appeal can merge two earlier groups, so groups are only final after the last line.
  const groups = grouper.groups();
  const writer = new LineWriter(io.stdout);
  for (let i = 0; i < ids.length; i++) await writer.write(JSON.stringify({ id: ids[i], group: groups[i] }));
  await writer.flush();
  return 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
