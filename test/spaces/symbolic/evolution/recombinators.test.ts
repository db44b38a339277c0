import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { oneOf, recombineKPoint, recombineSegmented, recombineUniform, template } from '../../../../src/spaces/symbolic/index.ts';
import type { Individual, Operator, Template } from '../../../../src/spaces/symbolic/index.ts';
import { compile, spaceArbitrary } from '../spaces.ts';

const recombinators: [string, Operator][] = [
  ['uniform', recombineUniform()],
  ['kPoint', recombineKPoint({ k: 2 })],
  ['segmented', recombineSegmented({ cuts: [1, 3] })],
];

/** Every active decision of the child holds a value some parent has there, unless no parent has that decision active. */
function assertInherited(t: Template<unknown>, child: Float64Array, parents: Float64Array[]): void {
  for (const d of t.spec.decisions) {
    if (!d.isActive(child)) continue;
    const inParents = parents.filter((p) => d.isActive(p)).map((p) => p[d.index]);
    if (inParents.length > 0 && !d.group?.constrained) assert.ok(inParents.includes(child[d.index]), `decision ${d.id} comes from a parent`);
  }
}

for (const [name, recombine] of recombinators) {
  test(`${name} crossover gives a valid child whose decisions come from the parents`, () => {
    fc.assert(
      fc.property(spaceArbitrary(), fc.nat(1000), (space, seed) => {
        const t = compile(space);
        const rng = new Rng(seed);
        const parents: Individual[] = [{ dna: t.random(rng), loss: [0] }, { dna: t.random(rng), loss: [1] }];
        const copies = parents.map((p) => p.dna.values.slice());
        const [child] = recombine(parents, { spec: t.spec, rng });
        assert.equal(t.spec.problem(child!.dna.values), undefined);
        assert.equal(child!.loss, undefined);
        assertInherited(t, child!.dna.values, parents.map((p) => p.dna.values));
        assert.deepEqual(parents.map((p) => p.dna.values), copies);
      }),
      { numRuns: 150 },
    );
  });
}

test('crossover of a DNA with itself gives the same DNA, and one parent gives its copy', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.nat(1000), (space, seed) => {
      const t = compile(space);
      const rng = new Rng(seed);
      const dna = t.random(rng);
      for (const [, recombine] of recombinators) {
        assert.ok(recombine([{ dna, loss: undefined }, { dna, loss: undefined }], { spec: t.spec, rng })[0]!.dna.equals(dna));
        assert.ok(recombine([{ dna, loss: undefined }], { spec: t.spec, rng })[0]!.dna.equals(dna));
      }
    }),
    { numRuns: 50 },
  );
});

const flat = template(Array.from({ length: 6 }, () => oneOf([0, 1])));
const zeros = flat.fromJSON([0, 0, 0, 0, 0, 0]);
const ones = flat.fromJSON([1, 1, 1, 1, 1, 1]);
const parents: Individual[] = [
  { dna: zeros, loss: undefined },
  { dna: ones, loss: undefined },
];

test('segmented crossover switches parent at each cut', () => {
  const [child] = recombineSegmented({ cuts: [2, 5] })(parents, { spec: flat.spec, rng: new Rng(0) });
  assert.deepEqual(flat.decode(child!.dna), [0, 0, 1, 1, 1, 0]);
});

test('one-point crossover takes a prefix of one parent and the rest of the other', () => {
  const rng = new Rng(5);
  const cuts = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const child = flat.decode(recombineKPoint()(parents, { spec: flat.spec, rng })[0]!.dna);
    const cut = child.indexOf(1);
    assert.ok(cut >= 1 && child.slice(cut).every((v) => v === 1) && child.slice(0, cut).every((v) => v === 0));
    cuts.add(cut);
  }
  assert.deepEqual([...cuts].sort(), [1, 2, 3, 4, 5]);
});

test('uniform crossover takes each decision from either parent about half the time', () => {
  const rng = new Rng(6);
  let fromSecond = 0;
  for (let i = 0; i < 500; i++) fromSecond += flat.decode(recombineUniform()(parents, { spec: flat.spec, rng })[0]!.dna).filter((v) => v === 1).length;
  assert.ok(Math.abs(fromSecond / 3000 - 0.5) < 0.05);
});

test('a decision only one parent has comes from that parent; one neither has is sampled', () => {
  const t = template(oneOf([{ a: oneOf([1, 2, 3]) }, { b: oneOf([4, 5]) }]));
  const rng = new Rng(3);
  const first = t.fromJSON([0, 2]);
  const second = t.fromJSON([1, 1]);
  for (let i = 0; i < 50; i++) {
    const child = t.decode(recombineUniform()([{ dna: first, loss: undefined }, { dna: second, loss: undefined }], { spec: t.spec, rng })[0]!.dna);
    assert.ok(JSON.stringify(child) === '{"a":3}' || JSON.stringify(child) === '{"b":5}');
  }
});

test('children: n makes n independent children', () => {
  assert.equal(recombineUniform({ children: 3 })(parents, { spec: flat.spec, rng: new Rng(0) }).length, 3);
  assert.throws(() => recombineSegmented({ cuts: [-1] }), /cuts must be whole numbers >= 0/);
  assert.throws(() => recombineKPoint({ k: 0 }), /recombineKPoint: k must be a whole number >= 1/);
});
