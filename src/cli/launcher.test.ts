import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectNode = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/murojaat.js', import.meta.url));
// Loaded before the command by every Node.js process that runs it: each one names its binary.
const nameTheBinary = 'data:text/javascript,process.stderr.write("node: " + process.execPath + "\\n")';

describe.skipIf(!existsSync(projectNode))(
  'bin/murojaat.js on a machine whose own node is another one',
  () => {
    let folder: string;
    let otherNode: string;

    beforeAll(() => {
      // Another Node.js binary at another path: a hard link (or a copy) of the project's.
      folder = mkdtempSync(join(tmpdir(), 'murojaat-other-node-'));
      otherNode = join(folder, 'node');
      try {
        linkSync(realpathSync(projectNode), otherNode);
      } catch {
        copyFileSync(realpathSync(projectNode), otherNode);
      }
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    const run = (args: string[], input = '') =>
      spawnSync(otherNode, ['--import', nameTheBinary, bin, ...args], { input, encoding: 'utf8' });

    it('runs the command again on node_modules/.bin/node, with the same input and output', () => {
      const result = run(['nlp', 'translit', '--to', 'latin'], 'Телефонимни ўғирлаб кетишди\n');
      expect(result.stderr.trim().split('\n')).toEqual([
        `node: ${otherNode}`,
        `node: ${realpathSync(projectNode)}`,
      ]);
      expect(result.stdout).toBe('Telefonimni oʻgʻirlab ketishdi\n');
      expect(result.status).toBe(0);
    });

    it("passes the command's exit code back", () => {
      const result = run(['no-such-command']);
      expect(result.stderr).toContain('murojaat: unknown command "no-such-command"');
      expect(result.status).toBe(2);
    });
  },
);
