import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { NB201_CELL_COUNT, NB201_OPS, nb201CellCode } from '../../../../src/tasks/nas/nb201/cell.ts';
import { nasBench201Space, nb201CellOfDna, nb201CodeOfDna } from '../../../../src/tasks/nas/nb201/space.ts';

test('has six five-way decisions, one per edge: 15,625 cells', () => {
  const space = nasBench201Space();
  assert.equal(space.cardinality, NB201_CELL_COUNT);
  assert.equal(space.spec.decisions.length, 6);
  assert.ok(space.spec.decisions.every((d) => d.kind === 'choice' && d.size === 5));
});

test('decodes to op names and numbers cells as nb201CellCode does', () => {
  const space = nasBench201Space();
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const dna = space.random(new Rng(seed));
      const cell = nb201CellOfDna(dna);
      assert.deepEqual(space.decode(dna), cell.map((op) => NB201_OPS[op]));
      assert.equal(nb201CodeOfDna(dna), nb201CellCode(cell));
    }),
    { numRuns: 50 },
  );
});

test('mutates exactly one edge', () => {
  const space = nasBench201Space();
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const rng = new Rng(seed);
      const parent = nb201CellOfDna(space.random(rng));
      const child = nb201CellOfDna(space.mutate(space.fromJSON(parent), rng));
      assert.equal(child.filter((op, e) => op !== parent[e]).length, 1);
    }),
    { numRuns: 50 },
  );
});
