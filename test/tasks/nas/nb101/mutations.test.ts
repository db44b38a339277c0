import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { isNb101Valid } from '../../../../src/tasks/nas/nb101/domain.ts';
import { notebookMutation, randomNb101Spec, singleVariableMutation } from '../../../../src/tasks/nas/nb101/mutations.ts';
import { copySpec } from '../../../../src/tasks/nas/nb101/spec.ts';
import type { Nb101Spec } from '../../../../src/tasks/nas/nb101/spec.ts';

/** How many entries (edges and ops) differ between two unpruned cells of the same size. */
function differences(a: Nb101Spec, b: Nb101Spec): number {
  let count = 0;
  a.matrix.forEach((row, i) => row.forEach((bit, j) => (count += bit === b.matrix[i]![j] ? 0 : 1)));
  a.ops.forEach((op, v) => (count += op === b.ops[v] ? 0 : 1));
  return count;
}

test('draws valid 7-vertex cells with input first and output last', () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const spec = randomNb101Spec(new Rng(seed));
      assert.equal(spec.matrix.length, 7);
      assert.equal(spec.ops[0], 'input');
      assert.equal(spec.ops[6], 'output');
      assert.ok(isNb101Valid(spec));
    }),
    { numRuns: 100 },
  );
});

test('notebook and single-variable mutations always return valid cells and leave the parent alone', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (parentSeed, mutationSeed) => {
      const parent = randomNb101Spec(new Rng(parentSeed));
      const before = copySpec(parent);
      for (const mutate of [notebookMutation, singleVariableMutation]) {
        const child = mutate(parent, new Rng(mutationSeed));
        assert.ok(isNb101Valid(child));
        assert.deepEqual(parent, before);
      }
    }),
    { numRuns: 100 },
  );
});

test('a single-variable mutation changes exactly one edge or one op', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (parentSeed, mutationSeed) => {
      const parent = randomNb101Spec(new Rng(parentSeed));
      assert.equal(differences(parent, singleVariableMutation(parent, new Rng(mutationSeed))), 1);
    }),
    { numRuns: 100 },
  );
});

test('a notebook mutation flips about one edge in seven and changes about one op in five', () => {
  const rng = new Rng(5);
  let edgeFlips = 0;
  let opChanges = 0;
  const trials = 1000;
  for (let t = 0; t < trials; t++) {
    const parent = randomNb101Spec(rng);
    const child = notebookMutation(parent, rng);
    parent.matrix.forEach((row, i) => row.forEach((bit, j) => (edgeFlips += bit === child.matrix[i]![j] ? 0 : 1)));
    parent.ops.forEach((op, v) => (opChanges += op === child.ops[v] ? 0 : 1));
  }
  // Unconditionally 21/7 = 3 flips and 5/5 = 1 op change per try; keeping only valid
  // children shifts these a little, so the bounds are loose.
  assert.ok(edgeFlips / trials > 1.5 && edgeFlips / trials < 4, `edge flips per mutation ${edgeFlips / trials}`);
  assert.ok(opChanges / trials > 0.6 && opChanges / trials < 1.4, `op changes per mutation ${opChanges / trials}`);
});

test('the same seed gives the same cells and mutations', () => {
  const run = (seed: number) => {
    const rng = new Rng(seed);
    const parent = randomNb101Spec(rng);
    return [parent, notebookMutation(parent, rng), singleVariableMutation(parent, rng)];
  };
  assert.deepEqual(run(42), run(42));
  assert.notDeepEqual(run(42), run(43));
});
