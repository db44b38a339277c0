import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { graphSpace, type Graph } from '../../../src/spaces/graph/index.ts';
import { nestingViolation } from '../../../src/spaces/graph/nesting.ts';

describe('forbidden nesting', () => {
  const rules = { sin: ['sin', 'cos'], exp: ['exp'] };
  const space = graphSpace({ inputs: 2, ops: ['add', 'mul', 'sin', 'cos', 'exp'], maxVertices: 12, forbiddenNesting: rules });

  it('finds an op anywhere inside another, not only as its argument', () => {
    const deep: Graph = { inputs: 1, vertices: [{ op: 'cos', args: [0] }, { op: 'add', args: [1, 0] }, { op: 'sin', args: [2] }], outputs: [3] };
    assert.equal(nestingViolation(deep, rules), 'cos inside sin');
    const side: Graph = { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { op: 'cos', args: [1] }], outputs: [2] };
    assert.equal(nestingViolation(side, rules), undefined, 'sin inside cos is allowed');
  });

  it('never proposes a program that breaks a rule, by generation, mutation or crossover', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = new Rng(seed);
        let a = space.random(rng);
        let b = space.random(rng);
        for (let i = 0; i < 10; i++) {
          a = space.mutate(a, rng);
          b = space.crossover!(a, b, rng);
          for (const g of [a, b]) assert.equal(nestingViolation(g, rules), undefined);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses such a program from data, and rules naming ops the space lacks', () => {
    const bad = { inputs: 2, vertices: [{ op: 'exp', args: [0] }, { op: 'exp', args: [2] }], outputs: [3] };
    assert.throws(() => space.fromJSON(bad), /nests exp inside exp, which this space forbids/);
    assert.throws(() => space.validate(bad), /nests exp inside exp/);
    assert.throws(() => graphSpace({ inputs: 1, ops: ['add', 'sin'], forbiddenNesting: { sin: ['tan'] } }), /names "tan", which is not one of the ops/);
  });
});
