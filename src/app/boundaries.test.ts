import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of docs/ARCHITECTURE.md, checked on every import of every non-test source file: the composition
// root (src/app/) is the only place that puts the faces together, and the pure modules stay pure.

const src = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'dist' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    // Tests and their harnesses (…/testing/, testing.ts) build the whole app on purpose.
    const support =
      /\.test\.tsx?$/.test(entry.name) || entry.name === 'testing.ts' || dir.endsWith('testing');
    return /\.tsx?$/.test(entry.name) && !support ? [full] : [];
  });
}

/** Every relative import of a file, as a path under src/ (`server/appeals/…`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1] ?? '',
  );
  return specifiers.map((s) =>
    path
      .relative(src, path.resolve(path.dirname(file), s))
      .split(path.sep)
      .join('/'),
  );
}

const files = sourceFiles(src).map((file) => ({
  file: path.relative(src, file).split(path.sep).join('/'),
  imports: importsOf(file),
}));

/** Files under `from` that import something under one of `forbidden`. */
function crossings(from: string, forbidden: string[], except: string[] = []) {
  return files
    .filter((f) => f.file.startsWith(from) && !except.some((e) => f.file.startsWith(e)))
    .flatMap((f) =>
      f.imports.filter((i) => forbidden.some((x) => i.startsWith(x))).map((i) => `${f.file} → ${i}`),
    );
}

describe('the layers', () => {
  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(200);
  });

  it('keeps the server (domain and API) free of the portal, the console, the composition root and the CLI', () => {
    expect(crossings('server/', ['portal/', 'console/', 'app/', 'cli/'])).toEqual([]);
  });

  it('keeps the portal and the console apart from each other and from the composition root', () => {
    expect(crossings('portal/', ['console/', 'app/', 'cli/'])).toEqual([]);
    expect(crossings('console/', ['portal/', 'app/', 'cli/'])).toEqual([]);
  });

  it('keeps the command line apart from the faces', () => {
    expect(crossings('cli/', ['portal/', 'console/', 'app/'])).toEqual([]);
  });

  it('keeps the language layer, the contracts and the deadline arithmetic pure', () => {
    expect(crossings('nlp/', ['server/', 'portal/', 'console/', 'app/', 'cli/', 'contracts/'])).toEqual([]);
    expect(crossings('contracts/', ['server/', 'portal/', 'console/', 'app/', 'cli/', 'nlp/'])).toEqual([]);
    expect(
      crossings('server/deadlines/', ['server/db/', 'server/appeals/', 'server/http/', 'portal/', 'app/']),
    ).toEqual([]);
  });
});
