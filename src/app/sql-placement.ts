// Where SQL may be written (docs/ARCHITECTURE.md, "Layers"): in `*.repository.ts` files, in the database
// folder (src/server/db/, with its migrations) and in tests and their harnesses. Use cases, policies, routes,
// workers and the faces call repositories; they never build a query. `npm run check:sql` and the test beside
// this file (so `npm test` and CI) run the same scan.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../', import.meta.url));

/** What writes SQL: a Kysely query builder call, the `sql` template tag, or a value import from kysely. */
const sqlMarks: { name: string; pattern: RegExp }[] = [
  {
    name: 'query builder',
    pattern: /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\s*\(/,
  },
  { name: 'sql template', pattern: /\bsql\s*(<[^>\n]*>)?\s*`|\bsql\.(raw|ref|val|lit|id|join|table)\s*\(/ },
  { name: 'compiled query', pattern: /\bCompiledQuery\b/ },
  // `import type { Kysely } from 'kysely'` is fine (a use case may hold the handle it passes to a
  // repository); a value import builds queries or a connection.
  { name: 'kysely value import', pattern: /^import\s+(?!type\b)[^;]*from\s+['"]kysely['"]/m },
];

/** May this file (a path under src/, with forward slashes) write SQL? */
export function maySql(file: string): boolean {
  return (
    file.endsWith('.repository.ts') ||
    file.startsWith('server/db/') ||
    /\.test\.tsx?$/.test(file) ||
    /(^|\/)testing\//.test(file) ||
    file.endsWith('/testing.ts') ||
    file === 'app/sql-placement.ts' // names the marks it looks for
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'dist' || entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every place outside the allowed files that writes SQL, as `file:line (what)`. */
export function sqlOutsideRepositories(): string[] {
  return sourceFiles(src).flatMap((full) => {
    const file = path.relative(src, full).split(path.sep).join('/');
    if (maySql(file)) return [];
    const text = readFileSync(full, 'utf8');
    const found: string[] = [];
    for (const { name, pattern } of sqlMarks) {
      const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
      for (const match of text.matchAll(global)) {
        const line = text.slice(0, match.index).split('\n').length;
        found.push(`${file}:${line} (${name})`);
      }
    }
    return found;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const found = sqlOutsideRepositories();
  if (found.length > 0) {
    console.error(
      `SQL outside repositories (${found.length}); move it into a *.repository.ts file:\n  ${found.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('SQL only in repositories, the database folder and tests.');
}
