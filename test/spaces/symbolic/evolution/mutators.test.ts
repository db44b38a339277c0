import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { manyOf, mutateSwap, mutateUniform, oneOf, permutate, pipe, repeat, template } from '../../../../src/spaces/symbolic/index.ts';
import type { Individual } from '../../../../src/spaces/symbolic/index.ts';
import { compile, spaceArbitrary } from '../spaces.ts';

test('mutateUniform gives one valid, measured-as-unknown child per input and leaves inputs alone', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.nat(1000), (space, seed) => {
      const t = compile(space);
      const rng = new Rng(seed);
      const input: Individual[] = [{ dna: t.random(rng), loss: [1] }, { dna: t.random(rng), loss: [2] }];
      const copies = input.map((i) => i.dna.values.slice());
      const out = mutateUniform()(input, { spec: t.spec, rng });
      assert.equal(out.length, 2);
      out.forEach((child, i) => {
        assert.equal(t.spec.problem(child.dna.values), undefined);
        assert.equal(child.loss, undefined);
        assert.deepEqual(input[i]!.dna.values, copies[i]);
      });
    }),
    { numRuns: 200 },
  );
});

test('mutateUniform changes the DNA whenever some decision can change', () => {
  const t = template({ a: oneOf([1, 2, 3]), b: manyOf(2, ['x', 'y', 'z']) });
  const rng = new Rng(4);
  for (let i = 0; i < 200; i++) {
    const dna = t.random(rng);
    const [child] = mutateUniform()([{ dna, loss: undefined }], { spec: t.spec, rng });
    assert.ok(!child!.dna.equals(dna));
  }
});

test('mutateUniform touches only the decisions its where filter allows', () => {
  const t = template({ arch: [oneOf([0, 1, 2]), oneOf([0, 1, 2])], train: { lr: oneOf([1, 2, 3]), steps: oneOf([1, 2]) } });
  const rng = new Rng(8);
  const byRegex = mutateUniform({ where: /^train\./ });
  const byFunction = mutateUniform({ where: (d) => d.path === 'arch[1]' });
  for (let i = 0; i < 100; i++) {
    const dna = t.random(rng);
    const [a] = byRegex([{ dna, loss: undefined }], { spec: t.spec, rng });
    assert.deepEqual(t.decode(a!.dna).arch, t.decode(dna).arch);
    const [b] = byFunction([{ dna, loss: undefined }], { spec: t.spec, rng });
    assert.deepEqual([t.decode(b!.dna).arch[0], t.decode(b!.dna).train], [t.decode(dna).arch[0], t.decode(dna).train]);
    assert.notEqual(t.decode(b!.dna).arch[1], t.decode(dna).arch[1]);
  }
});

test('a mutated choice re-samples the branch it opens and clears the one it closes', () => {
  const t = template(oneOf([{ a: oneOf([1, 2]) }, { b: oneOf([3, 4]) }]));
  const rng = new Rng(1);
  const dna = t.fromJSON([0, 1]);
  const seen = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const [child] = mutateUniform({ where: (d) => d.id === '' })([{ dna, loss: undefined }], { spec: t.spec, rng });
    assert.equal(child!.dna.values[0], 1);
    assert.ok(Number.isNaN(child!.dna.values[1]!));
    seen.add(JSON.stringify(t.decode(child!.dna)));
  }
  assert.deepEqual([...seen].sort(), ['{"b":3}', '{"b":4}']);
});

test('mutateUniform with decisions: k changes up to k decisions', () => {
  const t = template(Array.from({ length: 10 }, () => oneOf([0, 1])));
  const rng = new Rng(2);
  const dna = t.random(rng);
  const changed = Array.from({ length: 200 }, () => {
    const [child] = mutateUniform({ decisions: 3 })([{ dna, loss: undefined }], { spec: t.spec, rng });
    return [...child!.dna.values].filter((v, i) => v !== dna.values[i]).length;
  });
  assert.ok(changed.every((c) => c >= 1 && c <= 3) && changed.includes(3));
});

test('mutateSwap keeps a permutation a permutation, moving each item with the choices inside it', () => {
  const t = template(permutate([{ op: oneOf(['a', 'b']) }, 'pool', { width: oneOf([1, 2, 3]) }, 'skip']));
  fc.assert(
    fc.property(fc.nat(1000), (seed) => {
      const rng = new Rng(seed);
      const dna = t.random(rng);
      const [child] = mutateSwap()([{ dna, loss: undefined }], { spec: t.spec, rng });
      assert.equal(t.spec.problem(child!.dna.values), undefined);
      const before = t.decode(dna).map((x) => JSON.stringify(x));
      const after = t.decode(child!.dna).map((x) => JSON.stringify(x));
      assert.deepEqual([...after].sort(), [...before].sort());
      assert.equal(after.filter((x, i) => x !== before[i]).length, 2);
    }),
  );
});

test('mutateSwap leaves a DNA without an unsorted manyOf unchanged', () => {
  const t = template({ a: oneOf([1, 2]), s: manyOf(2, [1, 2, 3], { sorted: true }) });
  const rng = new Rng(0);
  const dna = t.random(rng);
  assert.ok(mutateSwap()([{ dna, loss: undefined }], { spec: t.spec, rng })[0]!.dna.equals(dna));
});

test('pipe and repeat compose operators', () => {
  const t = template({ a: oneOf([1, 2, 3]) });
  const rng = new Rng(0);
  const dna = t.random(rng);
  const twice = repeat(2, pipe(mutateUniform(), mutateUniform()));
  assert.equal(twice([{ dna, loss: undefined }], { spec: t.spec, rng }).length, 2);
  assert.throws(() => pipe(), /pipe: give at least one operator/);
  assert.throws(() => repeat(0, mutateUniform()), /repeat: times must be a whole number >= 1/);
  assert.throws(() => mutateUniform({ where: 'train' as never }), /mutateUniform: where must be a RegExp or a function/);
});
