import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpaceError, UsageError } from '../../../../src/core/errors.ts';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { DNA } from '../../../../src/spaces/symbolic/dna/dna.ts';
import { field, floatValue, intValue, manyOf, oneOf, permutate, symbolicClass, template } from '../../../../src/spaces/symbolic/index.ts';
import { compile, spaceArbitrary } from '../spaces.ts';

const Conv = symbolicClass('test.template.Conv', { filters: field.int({ min: 1 }), kernel: field.int({ default: 3 }) });

const space = {
  optimizer: oneOf([
    { name: 'sgd', lr: floatValue(1e-4, 1, { scale: 'log' }), momentum: oneOf([0, 0.9]) },
    { name: 'adam', lr: floatValue(1e-5, 1e-2, { scale: 'log' }) },
  ]),
  layers: manyOf(2, [Conv.space({ filters: oneOf([16, 32]) }), 'pool', 'identity']),
  depth: intValue(2, 5),
};

test('decisions are numbered depth-first with ids that name the candidate they lie under', () => {
  const { spec } = template(space);
  assert.deepEqual(
    spec.decisions.map((d) => d.id),
    ['optimizer', 'optimizer[=0].lr', 'optimizer[=0].momentum', 'optimizer[=1].lr', 'layers[0]', 'layers[0][=0].filters', 'layers[1]', 'layers[1][=0].filters', 'depth'],
  );
  assert.deepEqual(
    spec.decisions.map((d) => d.path),
    ['optimizer', 'optimizer.lr', 'optimizer.momentum', 'optimizer.lr', 'layers[0]', 'layers[0].filters', 'layers[1]', 'layers[1].filters', 'depth'],
  );
  assert.ok(spec.decisions.every((d, i) => d.index === i));
});

test('each decision tells a controller its size or range and what gates it', () => {
  const { spec } = template(space);
  const optimizer = spec.byId('optimizer')!;
  const lr = spec.byId('optimizer[=1].lr')!;
  const depth = spec.byId('depth')!;
  assert.deepEqual([optimizer.kind, optimizer.size, optimizer.parent], ['choice', 2, undefined]);
  assert.deepEqual([lr.kind, lr.min, lr.max, lr.scale, lr.size], ['float', 1e-5, 1e-2, 'log', Infinity]);
  assert.deepEqual([lr.parent, lr.parentCandidate], [optimizer, 1]);
  assert.deepEqual([depth.kind, depth.size, depth.min, depth.max], ['int', 4, 2, 5]);
  assert.deepEqual(spec.byId('layers[0]')!.labels, ['test.template.Conv.space(...)', '"pool"', '"identity"']);
  assert.equal(spec.groups.length, 1);
});

test('a NAS-Bench-201 cell is six decisions of five candidates each', () => {
  const ops = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'];
  const t = template({ edges: Array.from({ length: 6 }, () => oneOf(ops)) });
  assert.deepEqual(
    t.spec.decisions.map((d) => [d.id, d.size]),
    Array.from({ length: 6 }, (_, i) => [`edges[${i}]`, 5]),
  );
  assert.equal(t.cardinality, 15625);
  assert.deepEqual(t.decode(t.fromJSON([0, 1, 2, 3, 4, 0])).edges, ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3', 'none']);
});

test('decode builds the chosen branch and symbolic instances; inactive decisions hold NaN', () => {
  const t = template(space);
  const dna = t.fromJSON([1, 0.001, 0, 1, 2, 3]);
  const value = t.decode(dna);
  assert.deepEqual(value.optimizer, { name: 'adam', lr: 0.001 });
  assert.ok(value.layers[0] instanceof Conv);
  assert.deepEqual(value.layers, [new Conv({ filters: 32 }), 'identity']);
  assert.equal(value.depth, 3);
  assert.ok(Number.isNaN(dna.values[1]!) && Number.isNaN(dna.values[2]!));
  assert.deepEqual(dna.toJSON(), [1, 0.001, 0, 1, 2, 3]);
});

test('encode names where a value leaves the space', () => {
  const t = template(space);
  const good = t.decode(t.random(new Rng(3)));
  assert.throws(() => t.encode({ ...good, depth: 9 }), (e: unknown) => e instanceof SpaceError && /'depth': expected an integer in \[2, 5\], got 9/.test(e.message));
  assert.throws(() => t.encode({ ...good, layers: ['pool', 'pool'] }), /must be distinct/);
  assert.throws(() => t.encode({ ...good, optimizer: { name: 'rmsprop', lr: 0.1 } }), /'optimizer': .* matches none of the candidates/);
  assert.throws(() => t.encode({ ...good, extra: 1 } as typeof good), /'extra': the space has no such key/);
});

test('DNA JSON is checked against the spec, value by value', () => {
  const t = template(space);
  assert.throws(() => t.fromJSON([2]), (e: unknown) => e instanceof SpaceError && /value 0 \(decision 'optimizer'\) must be a candidate index in \[0, 1\], got 2/.test(e.message));
  assert.throws(() => t.fromJSON([1, 0.5]), /decision 'optimizer\[=1\]\.lr'\) must be a number in \[0\.00001, 0\.01\], got 0\.5/);
  assert.throws(() => t.fromJSON([1, 0.001]), /needs one more/);
  assert.throws(() => t.fromJSON([1, 0.001, 0, 1, 2, 3, 7]), /use only 6/);
  assert.throws(() => t.fromJSON([1, 0.001, 1, 1, 3]), /must be distinct/);
  assert.throws(() => t.fromJSON('0,1'), /must be an array/);
});

test('a spec reports what is wrong with a hand-made DNA', () => {
  const t = template({ a: oneOf([intValue(0, 2), 'x']) });
  assert.equal(t.spec.problem(new Float64Array([0, 1])), undefined);
  assert.match(t.spec.problem(new Float64Array([1, 1]))!, /'a\[=0\]' is inactive but holds 1/);
  assert.match(t.spec.problem(new Float64Array([0, NaN]))!, /must be an integer in \[0, 2\], got NaN/);
  assert.match(t.spec.problem(new Float64Array([0]))!, /has 2 slots/);
  assert.throws(() => t.spec.check(new DNA(new Float64Array([5, NaN]))), SpaceError);
});

test('mutate changes exactly one decision of a flat space, to a different value', () => {
  const t = template(Array.from({ length: 8 }, () => oneOf([0, 1, 2])));
  const rng = new Rng(7);
  for (let i = 0; i < 200; i++) {
    const dna = t.random(rng);
    const child = t.mutate(dna, rng);
    const changed = [...child.values].filter((v, j) => v !== dna.values[j]).length;
    assert.equal(changed, 1);
  }
});

test('mutate keeps a sorted distinct manyOf sorted and distinct', () => {
  const t = template(manyOf(3, [0, 1, 2, 3, 4, 5], { sorted: true }));
  const rng = new Rng(1);
  let dna = t.random(rng);
  for (let i = 0; i < 300; i++) {
    dna = t.mutate(dna, rng);
    const chosen = t.decode(dna);
    assert.deepEqual([...new Set(chosen)].sort(), chosen);
  }
});

test('mutate of a space with only a permutation swaps two of its items', () => {
  const t = template(permutate(['a', 'b', 'c', 'd']));
  const rng = new Rng(2);
  const dna = t.random(rng);
  const child = t.decode(t.mutate(dna, rng));
  assert.deepEqual([...child].sort(), ['a', 'b', 'c', 'd']);
  assert.equal(child.filter((x, i) => x !== t.decode(dna)[i]).length, 2);
});

test('log-scale floats stay in range and spread over the decades', () => {
  const t = template(floatValue(1e-6, 1, { scale: 'log' }));
  const rng = new Rng(5);
  const draws = Array.from({ length: 2000 }, () => t.decode(t.random(rng)));
  assert.ok(draws.every((x) => x >= 1e-6 && x <= 1));
  const belowMilli = draws.filter((x) => x < 1e-3).length / draws.length;
  assert.ok(belowMilli > 0.4 && belowMilli < 0.6, `half the draws lie below 1e-3 on a log scale, got ${belowMilli}`);
});

test('a space may not contain itself or values JSON-less data cannot describe', () => {
  const loop: Record<string, unknown> = { a: oneOf([1, 2]) };
  loop.self = loop;
  assert.throws(() => template(loop), (e: unknown) => e instanceof UsageError && /'self': the space contains itself/.test(e.message));
  assert.throws(() => template({ when: new Date(0) }), /'when': .* not a Date/);
  assert.throws(() => template({ f: () => 1 }), /'f': a space cannot hold a function/);
});

test('DNA prints its active values and compares by content', () => {
  const t = template({ a: oneOf([intValue(0, 2), 'x']), b: floatValue(0, 1) });
  const dna = t.fromJSON([1, 0.25]);
  assert.equal(String(dna), 'DNA(1, 0.25)');
  assert.equal(JSON.stringify(dna), '[1,0.25]');
  assert.ok(dna.equals(t.fromJSON([1, 0.25])));
  assert.ok(!dna.equals(t.fromJSON([0, 2, 0.25])));
  assert.equal(t.key(dna), '1,0.25');
  assert.equal(t.spec.describe(dna), 'a = "x"\nb = 0.25');
});

test('a controller walking the spec in slot order builds a valid DNA from allowed values', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.nat(1000), (space, seed) => {
      const t = compile(space);
      const rng = new Rng(seed);
      const dna = t.spec.assemble((decision, values) => {
        if (decision.kind === 'float') return decision.randomValue(rng);
        const allowed = Array.from({ length: decision.size }, (_, i) => decision.min + i).filter((v) => t.spec.allows(decision, values, v));
        return rng.pick(allowed);
      });
      assert.equal(t.spec.problem(dna.values), undefined);
      assert.ok(t.encode(t.decode(dna)).equals(dna));
    }),
    { numRuns: 200 },
  );
});

test('assemble names the decision a controller gave a value it cannot take', () => {
  const t = template({ pick: manyOf(2, ['a', 'b', 'c'], { sorted: true }) });
  assert.throws(() => t.spec.assemble(() => 2), (e: unknown) => e instanceof SpaceError && /decision 'pick\[0\]' cannot take 2: .* within its manyOf constraints/.test(e.message));
  assert.throws(() => t.spec.assemble((d) => (d.slotInGroup === 0 ? 1 : 0)), /decision 'pick\[1\]' cannot take 0/);
  assert.deepEqual(t.decode(t.spec.assemble((d) => d.slotInGroup)).pick, ['a', 'b']);
});

test('mutate reaches the order of a permutation as well as the other decisions', () => {
  const t = template({ order: permutate(['a', 'b', 'c']), x: oneOf([0, 1]) });
  const rng = new Rng(9);
  const dna = t.fromJSON([0, 1, 2, 0]);
  const changed = { order: 0, x: 0 };
  for (let i = 0; i < 400; i++) {
    const child = t.decode(t.mutate(dna, rng));
    if (child.x !== 0) changed.x++;
    if (child.order.join('') !== 'abc') changed.order++;
  }
  assert.equal(changed.order + changed.x, 400, 'every mutation changes something');
  assert.ok(changed.order > 150 && changed.x > 150, `both sites are mutated about equally often, got ${JSON.stringify(changed)}`);
});
