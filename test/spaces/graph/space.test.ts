import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { constantCount, graphSpace, isConst, opCount, type Graph, type GraphSpace } from '../../../src/spaces/graph/index.ts';
import { assertJsonRoundTrip, assertMutationStaysValid, assertSameSeedSameGenotypes } from '../../helpers/space-contracts.ts';
import { everyOpSpace, typedSpace } from './fixtures.ts';

const spaces: [string, () => GraphSpace][] = [
  ['every standard op, 3 inputs, maxVertices 12', () => everyOpSpace(12)],
  ['two types (real, bool), two outputs', typedSpace],
  ['no constants, two outputs', () => graphSpace({ inputs: 2, outputs: 2, ops: ['+', '-', '*', '/', 'sin'], constants: false, maxVertices: 10 })],
  ['no inputs, constants only', () => graphSpace({ inputs: 0, ops: ['add', 'mul', 'exp'], maxVertices: 6 })],
];

describe('graphSpace', () => {
  for (const [name, make] of spaces) {
    it(`keeps programs valid over 10,000-step mutation chains (${name})`, () => {
      const space = make();
      const report = assertMutationStaysValid(space, (g) => space.validate(g), { steps: 10_000, seed: 11 });
      assert.ok(report.distinctKeys > 300, `only ${report.distinctKeys} distinct programs in 10,000 steps`);
    });

    it(`round-trips programs through JSON (${name})`, () => {
      assertJsonRoundTrip(make(), { samples: 300 });
    });

    it(`replays the same programs from the same seed (${name})`, () => {
      assertSameSeedSameGenotypes(make());
    });
  }

  it('builds random programs of the requested initial size', () => {
    const space = graphSpace({ inputs: 2, ops: ['add', 'mul', 'sin'], initialVertices: [3, 5], maxVertices: 20 });
    const rng = new Rng(4);
    for (let i = 0; i < 200; i++) {
      const g = space.random(rng);
      space.validate(g);
      // The grower builds exactly the drawn number of op vertices; constants come on top.
      assert.ok(opCount(g) >= 3 && opCount(g) <= 5, `op count ${opCount(g)}`);
    }
  });

  it('keeps constants out of a space that turned them off', () => {
    const space = graphSpace({ inputs: 1, ops: ['add', 'neg'], constants: false });
    const rng = new Rng(5);
    let g = space.random(rng);
    for (let i = 0; i < 2000; i++) {
      g = space.mutate(g, rng);
      assert.equal(constantCount(g), 0);
    }
  });

  it('draws constants from a custom init', () => {
    const space = graphSpace({ inputs: 1, ops: ['add'], constants: { init: () => 7 }, initialVertices: [4, 4] });
    const rng = new Rng(6);
    const values = Array.from({ length: 50 }, () => space.random(rng)).flatMap((g) => g.vertices.filter(isConst).map((v) => v.const));
    assert.ok(values.length > 0);
    assert.ok(values.every((v) => v === 7));
  });

  describe('mutations', () => {
    const space = everyOpSpace(24);
    const rng = new Rng(7);
    const parents = Array.from({ length: 300 }, () => space.random(rng));
    const applied = (kind: Parameters<GraphSpace['mutateWith']>[0]) =>
      parents.flatMap((g) => {
        const child = space.mutateWith(kind, g, rng);
        return child === undefined ? [] : [[g, child] as [Graph, Graph]];
      });

    it('insert adds one op vertex that every old output still reaches through', () => {
      const pairs = applied('insert');
      assert.ok(pairs.length > 250);
      for (const [g, child] of pairs) {
        space.validate(child);
        assert.equal(opCount(child), opCount(g) + 1);
      }
    });

    it('remove drops at least one vertex', () => {
      for (const [g, child] of applied('remove')) assert.ok(child.vertices.length < g.vertices.length);
    });

    it('changeOp keeps the size within one argument-worth and changes the program', () => {
      for (const [g, child] of applied('changeOp')) assert.notEqual(space.key(child), space.key(g));
    });

    it('perturbConstant changes a value but not the shape', () => {
      const pairs = applied('perturbConstant');
      assert.ok(pairs.length > 50);
      for (const [g, child] of pairs) {
        assert.equal(space.shapeKey(child), space.shapeKey(g));
        assert.notEqual(space.key(child), space.key(g));
      }
    });

    it('switchOutput points the output elsewhere', () => {
      for (const [g, child] of applied('switchOutput')) assert.notEqual(space.key(child), space.key(g));
    });

    it('switchEdge rewires one argument', () => {
      const pairs = applied('switchEdge');
      assert.ok(pairs.length > 250);
      for (const [, child] of pairs) space.validate(child);
    });

    it('never changes its argument', () => {
      for (const g of parents.slice(0, 50)) {
        const before = JSON.stringify(g);
        for (let i = 0; i < 20; i++) space.mutate(g, rng);
        assert.equal(JSON.stringify(g), before);
      }
    });
  });

  describe('crossover', () => {
    for (const [name, make] of spaces) {
      it(`gives valid children and leaves both parents alone (${name})`, () => {
        const space = make();
        const rng = new Rng(12);
        let changed = 0;
        for (let i = 0; i < 500; i++) {
          const a = space.random(rng);
          const b = space.mutate(space.random(rng), rng);
          const [beforeA, beforeB] = [JSON.stringify(a), JSON.stringify(b)];
          const child = space.crossover(a, b, rng);
          space.validate(child);
          assert.equal(JSON.stringify(a), beforeA);
          assert.equal(JSON.stringify(b), beforeB);
          if (space.key(child) !== space.key(a)) changed++;
        }
        assert.ok(changed > 200, `only ${changed} of 500 children differ from the first parent`);
      });
    }

    it('grafts a whole subexpression of the second parent', () => {
      const space = graphSpace({ inputs: 1, ops: ['sin', 'cos', 'add'] });
      const a = space.fromJSON({ inputs: 1, vertices: [{ op: 'sin', args: [0] }], outputs: [1] });
      const b = space.fromJSON({ inputs: 1, vertices: [{ op: 'cos', args: [0] }, { op: 'add', args: [1, 0] }], outputs: [2] });
      const allowed = new Set(['sin(add(cos(x0), x0))', 'sin(cos(x0))', 'add(cos(x0), x0)', 'cos(x0)']);
      const rng = new Rng(13);
      for (let i = 0; i < 50; i++) {
        const child = space.crossover(a, b, rng);
        const names = ['x0'];
        for (const v of child.vertices) names.push('op' in v ? `${v.op}(${v.args.map((x) => names[x]).join(', ')})` : String(v.const));
        assert.ok(allowed.has(names[child.outputs[0]!]!), names[child.outputs[0]!]);
      }
    });
  });

  it('falls back to another mutation when the chosen one cannot apply', () => {
    const space = graphSpace({ inputs: 1, ops: ['neg', 'add'], maxVertices: 2, constants: false, mutationWeights: { insert: 1000, remove: 1 } });
    const rng = new Rng(8);
    let g = space.random(rng);
    let sizes = new Set<number>();
    for (let i = 0; i < 500; i++) {
      g = space.mutate(g, rng);
      sizes = sizes.add(g.vertices.length);
    }
    assert.ok(sizes.has(2) && sizes.has(1), 'the program should fill up and shrink again');
  });

  it('rejects bad options with a message naming the option', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ops: ['add'] }, /inputs is required/],
      [{ inputs: -1, ops: ['add'] }, /inputs must be a whole number >= 0/],
      [{ inputs: 1, ops: [] }, /at least one op/],
      [{ inputs: 1, ops: ['nope'] }, /unknown op 'nope'/],
      [{ inputs: 1, ops: ['add'], outputs: 0 }, /outputs must be a whole number >= 1/],
      [{ inputs: 1, ops: ['add'], maxVertices: 0 }, /maxVertices must be a whole number >= 1/],
      [{ inputs: 1, ops: ['add'], initialVertices: [3, 2] }, /initialVertices must be/],
      [{ inputs: 1, ops: ['add'], maxVertices: 4, initialVertices: [1, 5] }, /initialVertices must be/],
      [{ inputs: 1, ops: ['add'], mutationWeights: { grow: 1 } }, /unknown mutation 'grow'; known: insert, remove/],
      [{ inputs: 1, ops: ['add'], mutationWeights: { insert: -1 } }, /mutation weight 'insert' must be/],
      [{ inputs: 1, ops: ['add'], mutationWeights: { insert: 0, remove: 0, switchEdge: 0, changeOp: 0, perturbConstant: 0, switchOutput: 0 } }, /at least one mutation weight/],
      [{ inputs: 1, ops: ['add'], inputTypes: ['real', 'real'] }, /inputTypes must list 1/],
      [{ inputs: 1, ops: ['add'], outputTypes: ['vector'] }, /output 0 has type 'vector', which no input, constant or op/],
      [{ inputs: 0, ops: ['add'], constants: false }, /output 0 has type 'real'/],
      [{ inputs: 1, ops: ['add'], constants: { logSigma: -1 } }, /logSigma must be/],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => graphSpace(options as never), (e: unknown) => e instanceof UsageError && message.test(e.message), `expected ${message}`);
    }
  });
});
