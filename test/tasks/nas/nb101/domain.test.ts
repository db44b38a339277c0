import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SpaceError } from '../../../../src/core/errors.ts';
import { isNb101Valid, pruneNb101 } from '../../../../src/tasks/nas/nb101/domain.ts';
import { InvalidSpecError, OutOfDomainError } from '../../../../src/tasks/nas/nb101/errors.ts';
import { pruneSpec } from '../../../../src/tasks/nas/nb101/prune.ts';

const C3 = 'conv3x3-bn-relu';
const C1 = 'conv1x1-bn-relu';
const MP = 'maxpool3x3';

/** A random 0/1 upper-triangular matrix of n vertices. */
const upperTriangular = (n: number) =>
  fc.array(fc.boolean(), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((bits) => {
    const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    let k = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) matrix[i]![j] = bits[k++] ? 1 : 0;
    return matrix;
  });

test('prunes vertices that the input does not reach and vertices that do not reach the output', () => {
  const pruned = pruneSpec({
    matrix: [
      [0, 1, 0, 0, 1],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 1, 0], // vertex 2 is not reached from the input
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ],
    ops: ['input', C3, C1, MP, 'output'],
  });
  assert.deepEqual(pruned, { matrix: [[0, 1, 1], [0, 0, 1], [0, 0, 0]], ops: ['input', C3, 'output'] });
});

test('keeps only vertices on an input-to-output path, and pruning twice changes nothing', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 7 }).chain((n) => upperTriangular(n)), (matrix) => {
      const ops = matrix.map((_, v) => (v === 0 ? 'input' : v === matrix.length - 1 ? 'output' : C3));
      const pruned = pruneSpec({ matrix, ops });
      if (pruned === undefined) return;
      const n = pruned.matrix.length;
      for (let v = 1; v < n - 1; v++) {
        assert.ok(pruned.matrix.some((row) => row[v] === 1), `vertex ${v} has an input`);
        assert.ok(pruned.matrix[v]!.some((bit) => bit === 1), `vertex ${v} has an output`);
      }
      assert.deepEqual(pruneSpec(pruned), pruned);
    }),
    { numRuns: 200 },
  );
});

test('rejects a cell whose input does not reach the output', () => {
  assert.throws(() => pruneNb101({ matrix: [[0, 1, 0], [0, 0, 0], [0, 0, 0]], ops: ['input', C3, 'output'] }), OutOfDomainError);
  assert.equal(isNb101Valid({ matrix: [[0, 0], [0, 0]], ops: ['input', 'output'] }), false);
});

test('rejects more than 9 edges after pruning, and accepts 9', () => {
  const full = Array.from({ length: 7 }, (_, i) => Array.from({ length: 7 }, (_, j) => (j > i ? 1 : 0)));
  const ops = ['input', C3, C3, C3, C3, C3, 'output'];
  assert.throws(() => pruneNb101({ matrix: full, ops }), /21 edges after pruning \(at most 9\)/);
  const chain = Array.from({ length: 7 }, (_, i) => Array.from({ length: 7 }, (_, j) => (j === i + 1 ? 1 : 0)));
  chain[0]![2] = chain[0]![3] = chain[0]![4] = 1; // 6 + 3 = 9 edges
  assert.equal(isNb101Valid({ matrix: chain, ops }), true);
});

test('rejects more than 7 vertices after pruning', () => {
  const chain = Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => (j === i + 1 ? 1 : 0)));
  const ops = ['input', C3, C3, C3, C3, C3, C3, 'output'];
  assert.throws(() => pruneNb101({ matrix: chain, ops }), /8 vertices after pruning \(at most 7\)/);
});

test('rejects unknown ops and misplaced input or output with a message naming them', () => {
  const matrix = [[0, 1, 0], [0, 0, 1], [0, 0, 0]];
  assert.throws(() => pruneNb101({ matrix, ops: ['input', 'conv5x5', 'output'] }), /unknown op 'conv5x5' at vertex 1/);
  assert.throws(() => pruneNb101({ matrix, ops: [C3, C3, 'output'] }), /first op must be 'input'/);
  assert.throws(() => pruneNb101({ matrix, ops: ['input', C3, C3] }), /last op must be 'output'/);
});

test('rejects malformed specs with InvalidSpecError, a SpaceError', () => {
  const bad: [unknown, RegExp][] = [
    [null, /must be an object/],
    [{ matrix: [[0, 1], [0]], ops: ['input', 'output'] }, /row 1 is not of length 2/],
    [{ matrix: [[0, 1], [0, 0]], ops: ['input'] }, /1 ops for a 2×2 matrix/],
    [{ matrix: [[0, 2], [0, 0]], ops: ['input', 'output'] }, /must be 0 or 1, got 2/],
    [{ matrix: [[0, 1], [1, 0]], ops: ['input', 'output'] }, /upper-triangular, but matrix\[1\]\[0\] is 1/],
  ];
  for (const [spec, message] of bad) {
    assert.throws(() => pruneNb101(spec), (error: unknown) => error instanceof InvalidSpecError && error instanceof SpaceError && message.test(error.message));
  }
});
