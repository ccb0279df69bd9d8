#!/usr/bin/env node
// The `murojaat` command. It runs on the project's own Node.js, the binary that `npm install` puts at
// node_modules/.bin/node (docs/decisions/0004-node-24-runtime.md), whichever `node` started it, so that
// `npx murojaat`, `node bin/murojaat.js` and `npm start` share one runtime. Sources are TypeScript, run
// through tsx's loader so that no build step is needed after `npm install`.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const projectNode = realPath(fileURLToPath(new URL('../node_modules/.bin/node', import.meta.url)));

if (projectNode && projectNode !== realPath(process.execPath)) {
  const child = spawnSync(projectNode, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}

/** The file a path leads to, or undefined when there is none (no project runtime on this platform). */
function realPath(path) {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
