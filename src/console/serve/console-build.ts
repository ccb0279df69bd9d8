import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The staff console is a Vite build of src/console. It is never committed: `npm install` (prepare) builds
// it, and the server rebuilds it when its sources changed since, so a fresh clone needs only
// `npm install && npm start`. The build goes to a temporary folder and replaces dist/ in one rename, and
// a lock folder keeps parallel processes (test workers, several servers) from building at once.

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the SPA's sources live. */
export const consoleSourceDir = path.join(root, 'src/console');
/** Where the built console is served from. */
export const consoleDistDir = path.join(consoleSourceDir, 'dist');
const sourceDirs = [consoleSourceDir, path.join(root, 'src/contracts')];
// The console also bundles pure modules of the language layer (transliteration, apostrophes): the files at
// the top of src/nlp, not its data and model folders, which it never imports.
const languageLayerDir = path.join(root, 'src/nlp');
// Work files stay out of the source tree (and out of git): next to npm's other caches.
const workDir = path.join(root, 'node_modules/.cache/murojaat-console');
const lockDir = path.join(workDir, 'build-lock');
const STAMP = 'build.json';
const STALE_LOCK_MS = 5 * 60_000;

const skipped = new Set(['dist', 'node_modules']);

async function modulesAt(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(dir, e.name));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    if (skipped.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** A hash of every source the build reads; the build records it, so a changed source means a rebuild. */
export async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all([...sourceDirs.map(filesUnder), modulesAt(languageLayerDir)]))
    .flat()
    .sort();
  for (const file of files) {
    hash.update(path.relative(root, file)).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

async function builtHash(): Promise<string | undefined> {
  try {
    const stamp: unknown = JSON.parse(await readFile(path.join(consoleDistDir, STAMP), 'utf8'));
    return typeof stamp === 'object' && stamp !== null && 'hash' in stamp && typeof stamp.hash === 'string'
      ? stamp.hash
      : undefined;
  } catch {
    return undefined;
  }
}

function viteBin(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    child.on('error', (error) => resolve({ code: 1, output: error.message }));
  });
}

async function takeLock(): Promise<boolean> {
  try {
    await mkdir(workDir, { recursive: true });
    await mkdir(lockDir);
    return true;
  } catch {
    const since = await stat(lockDir).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (since > STALE_LOCK_MS) await rm(lockDir, { recursive: true, force: true });
    return false;
  }
}

/** What `ensureConsoleBuild` found or did. */
export type BuildOutcome = 'fresh' | 'built' | 'unavailable' | 'failed';

/**
 * Makes sure src/console/dist matches the sources: builds when it is missing or stale, waits for a build
 * another process is running, and leaves a working older build in place if a new one fails.
 */
export async function ensureConsoleBuild(log: {
  info(m: string): void;
  warn(m: string): void;
}): Promise<BuildOutcome> {
  const hasSources = await stat(path.join(consoleSourceDir, 'index.html')).then(
    () => true,
    () => false,
  );
  if (!hasSources) return (await builtHash()) ? 'fresh' : 'unavailable';
  for (let waited = 0; waited < 240; waited += 1) {
    const wanted = await sourceHash();
    if ((await builtHash()) === wanted) return 'fresh';
    const vite = viteBin();
    if (!vite) return (await builtHash()) ? 'fresh' : 'unavailable';
    if (!(await takeLock())) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      const temporary = path.join(workDir, `dist.${process.pid}.${Date.now()}`);
      log.info('Building the staff console (src/console → src/console/dist)…');
      const started = performance.now();
      const result = await run(process.execPath, [
        vite,
        'build',
        '--config',
        path.join(consoleSourceDir, 'vite.config.ts'),
        '--outDir',
        temporary,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ]);
      if (result.code !== 0) {
        await rm(temporary, { recursive: true, force: true });
        log.warn(
          `The staff console could not be built:\n${result.output.trim().split('\n').slice(-15).join('\n')}`,
        );
        return 'failed';
      }
      await writeFile(
        path.join(temporary, STAMP),
        JSON.stringify({ hash: wanted, builtAt: new Date().toISOString() }),
      );
      const old = path.join(workDir, `old.${process.pid}.${Date.now()}`);
      await rename(consoleDistDir, old).catch(() => {});
      await rename(temporary, consoleDistDir);
      await rm(old, { recursive: true, force: true });
      log.info(`Built the staff console in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      return 'built';
    } finally {
      await rm(lockDir, { recursive: true, force: true });
    }
  }
  return 'failed';
}
