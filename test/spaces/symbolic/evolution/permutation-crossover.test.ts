import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { DNA } from '../../../../src/spaces/symbolic/dna/dna.ts';
import { oneOf, permutate, recombineOrder, recombinePmx, template } from '../../../../src/spaces/symbolic/index.ts';
import type { Individual } from '../../../../src/spaces/symbolic/index.ts';

const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const t = template({ order: permutate(items), other: oneOf([1, 2, 3]) });

/** Orders of the two parents and the child, as element indices. */
function cross(operator: typeof recombinePmx, seed: number): { a: number[]; b: number[]; child: number[]; childOther: number; aOther: number } {
  const rng = new Rng(seed);
  const parents: Individual[] = [{ dna: t.random(rng), loss: undefined }, { dna: t.random(rng), loss: undefined }];
  const [child] = operator()(parents, { spec: t.spec, rng });
  assert.equal(t.spec.problem(child!.dna.values), undefined, 'the child is a valid DNA');
  const order = (values: Float64Array) => t.decode(new DNA(values)).order.map((x) => items.indexOf(x));
  return {
    a: order(parents[0]!.dna.values),
    b: order(parents[1]!.dna.values),
    child: order(child!.dna.values),
    childOther: t.decode(child!.dna).other,
    aOther: t.decode(parents[0]!.dna).other,
  };
}

function segments(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 0; from <= n; from++) for (let to = from; to <= n; to++) out.push([from, to]);
  return out;
}

test('PMX keeps a segment of the first parent and maps the rest from the second', () => {
  fc.assert(
    fc.property(fc.nat(100000), (seed) => {
      const { a, b, child, childOther, aOther } = cross(recombinePmx, seed);
      assert.deepEqual([...child].sort(), a.map((_, i) => i), 'the child is a permutation');
      assert.equal(childOther, aOther, 'decisions outside permutations come from the first parent');
      const explained = segments(a.length).some(([from, to]) => {
        const kept = new Set(a.slice(from, to));
        return child.every((e, p) => (p >= from && p < to ? e === a[p] : kept.has(b[p]!) || e === b[p]));
      });
      assert.ok(explained, `PMX of ${a} and ${b} cannot give ${child}`);
    }),
  );
});

test('order crossover keeps a segment of the first parent and the rest in the second parent order', () => {
  fc.assert(
    fc.property(fc.nat(100000), (seed) => {
      const { a, b, child } = cross(recombineOrder, seed);
      const n = a.length;
      assert.deepEqual([...child].sort(), a.map((_, i) => i), 'the child is a permutation');
      const explained = segments(n).some(([from, to]) => {
        if (!child.slice(from, to).every((e, i) => e === a[from + i])) return false;
        const kept = new Set(a.slice(from, to));
        const rest = Array.from({ length: n }, (_, r) => b[(to + r) % n]!).filter((e) => !kept.has(e));
        const written = Array.from({ length: n - (to - from) }, (_, r) => child[(to + r) % n]!);
        return rest.every((e, i) => e === written[i]);
      });
      assert.ok(explained, `OX of ${a} and ${b} cannot give ${child}`);
    }),
  );
});

test('each element brings the choices inside it from the parent it came from', () => {
  const nested = template(permutate([{ id: 0, op: oneOf(['x', 'y', 'z']) }, { id: 1, op: oneOf(['x', 'y', 'z']) }, { id: 2, op: oneOf(['x', 'y', 'z']) }, { id: 3, op: oneOf(['x', 'y', 'z']) }]));
  for (const operator of [recombinePmx(), recombineOrder()]) {
    fc.assert(
      fc.property(fc.nat(100000), (seed) => {
        const rng = new Rng(seed);
        const parents = [nested.random(rng), nested.random(rng)];
        const [child] = operator(parents.map((dna) => ({ dna, loss: undefined })), { spec: nested.spec, rng });
        const opOf = (dna: DNA) => new Map(nested.decode(dna).map((item) => [item.id, item.op]));
        const [first, second] = parents.map(opOf);
        for (const [id, op] of opOf(child!.dna)) assert.ok(first!.get(id) === op || second!.get(id) === op);
      }),
      { numRuns: 50 },
    );
  }
});

test('where limits the crossover to matching permutations', () => {
  const two = template({ p: permutate([0, 1, 2, 3]), q: permutate([0, 1, 2, 3]) });
  const rng = new Rng(1);
  for (let i = 0; i < 50; i++) {
    const a = two.random(rng);
    const b = two.random(rng);
    const [child] = recombinePmx({ where: /^q/ })([{ dna: a, loss: undefined }, { dna: b, loss: undefined }], { spec: two.spec, rng });
    assert.deepEqual(two.decode(child!.dna).p, two.decode(a).p);
  }
});
