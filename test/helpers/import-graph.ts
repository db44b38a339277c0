import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The import statements of src/, read from the sources, for tests of the layering and of the built-ins list. */

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')` (type positions too).
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*${},\s]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Each file of src/ (relative, with forward slashes) and the files of src/ it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) graph.set(relative(SRC, path).split('\\').join('/'), importsOf(path));
    }
  };
  walk(SRC);
  return graph;
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const from = posix.dirname(relative(SRC, path).split('\\').join('/'));
  const out: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = match[1] ?? match[2]!;
    if (target.startsWith('.')) out.push(posix.normalize(posix.join(from, target)));
  }
  return out;
}

