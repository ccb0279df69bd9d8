#!/usr/bin/env node
// The `murojaat` command. Sources are TypeScript, run through tsx's loader so that no build step
// is needed after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
