import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { hashModule, nb101Hash } from '../../../../src/tasks/nas/nb101/module-hash.ts';
import { pruneNb101 } from '../../../../src/tasks/nas/nb101/domain.ts';
import { randomNb101Spec } from '../../../../src/tasks/nas/nb101/mutations.ts';
import { matrixFromBits } from '../../../../src/tasks/nas/nb101/spec.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';

const VECTORS = 'nasbench101/hash-vectors.json';
const NASLIB = 'nasbench101/naslib-30-cells.json';

test('matches every published hash vector', { skip: skipWithout(VECTORS) }, () => {
  const vectors = JSON.parse(readFileSync(sharedDataPath(VECTORS), 'utf8')) as { hash: string; matrix?: number[][]; adjacency?: string; ops: string[] }[];
  assert.ok(vectors.length >= 5);
  for (const v of vectors) {
    const matrix = v.matrix ?? matrixFromBits(v.adjacency!);
    assert.equal(nb101Hash({ matrix, ops: v.ops }), v.hash, `vector ${v.hash}`);
  }
});

test('matches the module hash of every NASLib cell', { skip: skipWithout(NASLIB) }, () => {
  const cells = JSON.parse(readFileSync(sharedDataPath(NASLIB), 'utf8')) as Record<string, { matrix: number[][]; ops: string[] }>;
  assert.equal(Object.keys(cells).length, 30);
  for (const [hash, cell] of Object.entries(cells)) assert.equal(nb101Hash(cell), hash);
});

test('hashes the two-vertex cell as the original code does', () => {
  assert.equal(nb101Hash({ matrix: [[0, 1], [0, 0]], ops: ['input', 'output'] }), '043721b9c7fe8c5fad811d47d83132ec');
});

test('gives isomorphic graphs the same hash whatever the vertex order', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (seed, permutationSeed) => {
      const { matrix, labels } = pruneNb101(randomNb101Spec(new Rng(seed)));
      const n = matrix.length;
      const order = new Rng(permutationSeed).shuffle(Array.from({ length: n }, (_, i) => i));
      const permuted = order.map((i) => order.map((j) => matrix[i]![j]!));
      assert.equal(hashModule(permuted, order.map((i) => labels[i]!)), hashModule(matrix, labels));
    }),
    { numRuns: 50 },
  );
});

test('ignores vertices that pruning removes', () => {
  const cell = { matrix: [[0, 1, 0], [0, 0, 1], [0, 0, 0]], ops: ['input', 'conv1x1-bn-relu', 'output'] };
  // Vertex 2 (maxpool) takes input but feeds nothing, so it is pruned away.
  const withDangling = {
    matrix: [[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]],
    ops: ['input', 'conv1x1-bn-relu', 'maxpool3x3', 'output'],
  };
  assert.equal(nb101Hash(withDangling), nb101Hash(cell));
});

test('distinguishes cells that differ in one op', () => {
  const a = { matrix: [[0, 1, 0], [0, 0, 1], [0, 0, 0]], ops: ['input', 'conv1x1-bn-relu', 'output'] };
  const b = { ...a, ops: ['input', 'conv3x3-bn-relu', 'output'] };
  assert.notEqual(nb101Hash(a), nb101Hash(b));
});
