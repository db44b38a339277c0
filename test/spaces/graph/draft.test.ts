import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeGraph, prune, type Graph } from '../../../src/spaces/graph/index.ts';

describe('prune', () => {
  it('removes vertices no output reaches and renumbers the rest in order', () => {
    const g: Graph = {
      inputs: 1,
      vertices: [{ op: 'sin', args: [0] }, { const: 2 }, { op: 'cos', args: [0] }, { op: 'mul', args: [3, 1] }],
      outputs: [4],
    };
    assert.deepEqual(prune(g), { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { op: 'cos', args: [0] }, { op: 'mul', args: [2, 1] }], outputs: [3] });
  });

  it('returns the very same graph when nothing is dead', () => {
    const g: Graph = { inputs: 2, vertices: [{ op: 'add', args: [0, 1] }], outputs: [2, 0] };
    assert.equal(prune(g), g);
  });

  it('keeps every input even when no output reads it', () => {
    const g: Graph = { inputs: 3, vertices: [{ op: 'neg', args: [2] }], outputs: [3] };
    assert.equal(prune(g).inputs, 3);
  });
});

describe('normalizeGraph', () => {
  it('moves appended vertices before the vertices that read them', () => {
    // Vertex 2 reads vertex 3, which was appended by an edit.
    const g = normalizeGraph(1, [{ op: 'neg', args: [2] }, { op: 'sin', args: [0] }], [1]);
    assert.deepEqual(g, { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { op: 'neg', args: [1] }], outputs: [2] });
  });

  it('throws on a cycle', () => {
    assert.throws(() => normalizeGraph(1, [{ op: 'neg', args: [2] }, { op: 'neg', args: [1] }], [1]), /cycle/);
  });
});
