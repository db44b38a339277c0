import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphCost, opCount, standardOpSet, type Graph } from '../../../src/spaces/graph/index.ts';

describe('graphCost', () => {
  it('sums op costs and leaves constants free', () => {
    const g: Graph = { inputs: 1, vertices: [{ const: 2 }, { op: 'mul', args: [0, 1] }, { op: 'sin', args: [2] }], outputs: [3] };
    assert.equal(graphCost(g, standardOpSet), standardOpSet.find('mul')!.cost + standardOpSet.find('sin')!.cost);
    assert.equal(opCount(g), 2);
  });
});
