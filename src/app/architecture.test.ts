import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md names every folder of src/ with one line; this keeps the map true to the tree.

const root = fileURLToPath(new URL('../../', import.meta.url));

function folders(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'dist' && entry.name !== 'node_modules')
    .flatMap((entry) => {
      const child = `${dir}${entry.name}/`;
      return [child, ...folders(child)];
    });
}

describe('docs/ARCHITECTURE.md', () => {
  it('names every folder of src/, and no folder that is not there', () => {
    const map = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
    const named = [...map.matchAll(/^(src\/[\w/-]*)\s{2,}\S/gm)].map((m) => m[1]);
    expect(named.sort()).toEqual(['src/', ...folders('src/')].sort());
  });
});
