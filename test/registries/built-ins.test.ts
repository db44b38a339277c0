import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importGraph } from '../helpers/import-graph.ts';

/*
 * One module lists the built-ins (src/tasks/built-in.ts): every recipe file of src/ must be
 * reachable from it, and the faces that rebuild studies from a store (resume, `amoeba
 * worker`, the thread workers the study flags start) must load it.
 */

const graph = importGraph();
const BUILT_IN = 'tasks/built-in.ts';

/** Every file `from` imports, directly or through others. */
function reachable(from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...(graph.get(file) ?? []));
  }
  return seen;
}

describe('the built-in recipes', () => {
  it('are all listed by tasks/built-in.ts', () => {
    const recipes = [...graph.keys()].filter((file) => file.endsWith('/register.ts'));
    assert.ok(recipes.length >= 4, `found ${recipes.length} register.ts files`);
    const listed = reachable(BUILT_IN);
    assert.deepEqual(recipes.filter((file) => !listed.has(file)), [], `add an import of each to src/${BUILT_IN}`);
  });

  it('are known to resume, amoeba worker, the study flags and the registries facade', () => {
    for (const face of ['cli/resume.ts', 'cli/worker.ts', 'cli/study-flags.ts', 'registries.ts']) assert.ok(reachable(face).has(BUILT_IN), `${face} does not load ${BUILT_IN}`);
  });
});
