import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { test } from 'node:test';
import { importGraph } from './helpers/import-graph.ts';

/**
 * The layering of DESIGN.md, checked on the import statements of every file in src/: the
 * import graph has no cycle (type-only imports count: they tie the modules together just as
 * well), nor does the graph of the folders, and imports point down.
 */

/** A cycle of the graph as a list of nodes whose last imports the first, or undefined when it has none. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next) || state.get(next) === 'done') continue;
      if (state.get(next) === 'open') return path.slice(path.indexOf(next));
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

const show = (cycle: readonly string[]) => [...cycle, cycle[0]].join(' → ');
const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
const under = (path: string, folder: string) => path.startsWith(`${folder}/`);

test('the import graph of src/ has no cycle', () => {
  assert.ok(graph.size > 100, `read ${graph.size} files`);
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, cycle && `import cycle: ${show(cycle)}`);
});

test('the folders of src/ import each other without a cycle', () => {
  const folders = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const [a, b] = [posix.dirname(from), posix.dirname(to)];
    if (a !== b) folders.set(a, [...(folders.get(a) ?? []), b]);
    if (!folders.has(b)) folders.set(b, []);
  }
  const cycle = findCycle(folders);
  assert.equal(cycle, undefined, cycle && `folder cycle: ${show(cycle)}`);
});

/** [importing folder, folder it must not import, why]. */
const FORBIDDEN: readonly (readonly [string, string, string])[] = [
  ...['algorithms', 'spaces', 'hashing', 'learn', 'executors', 'store', 'tasks', 'report'].flatMap((part) => [
    [part, 'cli', 'the command line is a face over the library'] as const,
    [part, 'dashboard', 'the dashboard is a face over the library'] as const,
  ]),
  ...['algorithms', 'spaces', 'hashing', 'learn', 'executors', 'store'].map((part) => [part, 'tasks', 'machinery and plugs know no task'] as const),
  ['spaces/symbolic/object', 'spaces/symbolic/dna', 'symbolic objects are the bottom layer: object → dna → hyper'],
  ['spaces/symbolic/object', 'spaces/symbolic/hyper', 'symbolic objects are the bottom layer: object → dna → hyper'],
  ['spaces/symbolic/dna', 'spaces/symbolic/hyper', 'DNA specs sit below hyper values: object → dna → hyper'],
];

test('core imports nothing outside core', () => {
  const outside = edges.filter(({ from, to }) => under(from, 'core') && !under(to, 'core'));
  assert.deepEqual(outside.map(({ from, to }) => `${from} imports ${to}`), []);
});

test('imports point down the layers', () => {
  const broken: string[] = [];
  for (const { from, to } of edges) {
    for (const [part, banned, why] of FORBIDDEN) if (under(from, part) && under(to, banned)) broken.push(`${from} imports ${to}: ${why}`);
  }
  assert.deepEqual(broken, []);
});

test('the checks see cycles and every kind of import', () => {
  assert.deepEqual(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), ['a', 'b', 'c']);
  assert.equal(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), undefined);
  const study = graph.get('core/study.ts') ?? [];
  assert.ok(study.includes('core/errors.ts') && study.includes('core/types.ts'), 'value and type imports');
  assert.ok((graph.get('core/index.ts') ?? []).includes('core/study.ts'), 're-exports');
});
