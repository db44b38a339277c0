import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { graphKey, isConst, shapeKey, standardOpSet, type Graph } from '../../../src/spaces/graph/index.ts';
import { everyOpSpace, relabel } from './fixtures.ts';

const space = everyOpSpace(24);

/** Random programs of the space, fresh or a few mutations away, from a fast-check seed. */
const programs = fc.tuple(fc.integer(), fc.nat(20)).map(([seed, steps]) => {
  const rng = new Rng(seed);
  let g = space.random(rng);
  for (let i = 0; i < steps; i++) g = space.mutate(g, rng);
  return { g, seed };
});

describe('graph keys', () => {
  it('are 16 hex digits', () => {
    assert.match(space.key(space.random(new Rng(1))), /^[0-9a-f]{16}$/);
  });

  it('do not change under vertex relabelling and commutative argument swaps', () => {
    fc.assert(
      fc.property(programs, ({ g, seed }) => {
        const other = relabel(g, space.ops, new Rng(seed + 1));
        space.validate(other);
        assert.equal(space.key(other), space.key(g));
        assert.equal(space.shapeKey(other), space.shapeKey(g));
      }),
      { numRuns: 200 },
    );
  });

  it('change when one op changes', () => {
    fc.assert(
      fc.property(programs, ({ g, seed }) => {
        const rng = new Rng(seed);
        const opIds = g.vertices.flatMap((v, k) => (isConst(v) ? [] : [k]));
        fc.pre(opIds.length > 0);
        const k = rng.pick(opIds);
        const v = g.vertices[k] as { op: string; args: readonly number[] };
        const others = space.ops.specs.filter((op) => op.arity === v.args.length && op.name !== v.op);
        fc.pre(others.length > 0); // fma is the only ternary op
        const changed: Graph = { ...g, vertices: g.vertices.map((u, i) => (i === k ? { op: rng.pick(others).name, args: v.args } : u)) };
        assert.notEqual(space.key(changed), space.key(g));
      }),
      { numRuns: 200 },
    );
  });

  it('tell argument order apart for ops that are not commutative', () => {
    const sub = (a: number, b: number): Graph => ({ inputs: 2, vertices: [{ op: 'sub', args: [a, b] }], outputs: [2] });
    const add = (a: number, b: number): Graph => ({ inputs: 2, vertices: [{ op: 'add', args: [a, b] }], outputs: [2] });
    assert.notEqual(graphKey(sub(0, 1), standardOpSet), graphKey(sub(1, 0), standardOpSet));
    assert.equal(graphKey(add(0, 1), standardOpSet), graphKey(add(1, 0), standardOpSet));
  });

  it('count constants by value, while shape keys ignore them', () => {
    const withConstant = (c: number): Graph => ({ inputs: 1, vertices: [{ const: c }, { op: 'mul', args: [0, 1] }], outputs: [2] });
    assert.notEqual(graphKey(withConstant(2), standardOpSet), graphKey(withConstant(3), standardOpSet));
    assert.equal(shapeKey(withConstant(2), standardOpSet), shapeKey(withConstant(3), standardOpSet));
  });

  it('treat a shared subexpression and its duplicate alike', () => {
    const shared: Graph = { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { op: 'mul', args: [1, 1] }], outputs: [2] };
    const duplicated: Graph = { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { op: 'sin', args: [0] }, { op: 'mul', args: [1, 2] }], outputs: [3] };
    assert.equal(graphKey(shared, standardOpSet), graphKey(duplicated, standardOpSet));
  });

  it('depend on which input is read and on output order', () => {
    const read = (i: number): Graph => ({ inputs: 2, vertices: [{ op: 'sin', args: [i] }], outputs: [2] });
    assert.notEqual(graphKey(read(0), standardOpSet), graphKey(read(1), standardOpSet));
    const two = (outputs: number[]): Graph => ({ inputs: 2, vertices: [{ op: 'sin', args: [0] }], outputs });
    assert.notEqual(graphKey(two([2, 1]), standardOpSet), graphKey(two([1, 2]), standardOpSet));
  });

  it('are equal exactly when the expression trees are equal, over thousands of programs', () => {
    const rng = new Rng(9);
    const keyOf = new Map<string, string>();
    const treeOf = new Map<string, string>();
    for (let i = 0; i < 2500; i++) {
      const g = i % 2 === 0 ? space.random(rng) : space.mutate(space.random(rng), rng);
      const tree = canonicalTree(g);
      const key = space.key(g);
      assert.equal(keyOf.get(tree) ?? key, key, `one tree, two keys: ${tree}`);
      assert.equal(treeOf.get(key) ?? tree, tree, `one key, two trees: ${tree} and ${treeOf.get(key)}`);
      keyOf.set(tree, key);
      treeOf.set(key, tree);
    }
    assert.ok(keyOf.size > 1500);
  });
});

/** A key-free canonical form: the expression tree as text, commutative arguments sorted. */
function canonicalTree(g: Graph): string {
  const text: string[] = Array.from({ length: g.inputs }, (_, i) => `x${i}`);
  for (const v of g.vertices) {
    if (isConst(v)) {
      text.push(`#${v.const}`);
      continue;
    }
    const args = v.args.map((a) => text[a]!);
    if (space.ops.find(v.op)!.commutative) args.sort();
    text.push(`${v.op}(${args.join(',')})`);
  }
  return g.outputs.map((id) => text[id]).join(' | ');
}
