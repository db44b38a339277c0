import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../../../src/core/rng.ts';
import { checkSpecShape } from '../../../../src/tasks/nas/nb101/spec.ts';
import { isNb101Valid } from '../../../../src/tasks/nas/nb101/domain.ts';
import { nasBench101DnaSpace, nb101SpecOfDna } from '../../../../src/tasks/nas/nb101/dna-space.ts';

test('has 21 edge decisions and 5 op decisions', () => {
  const space = nasBench101DnaSpace();
  assert.equal(space.spec.decisions.length, 26);
  assert.equal(space.cardinality, 2 ** 21 * 3 ** 5);
});

test('converts every DNA to a well-formed 7-vertex cell with the DNA\'s edges and ops', () => {
  const space = nasBench101DnaSpace();
  const rng = new Rng(2);
  let valid = 0;
  for (let k = 0; k < 300; k++) {
    const dna = space.random(rng);
    const spec = nb101SpecOfDna(dna);
    checkSpecShape(spec);
    const { edges, ops } = space.decode(dna);
    assert.deepEqual(spec.matrix.flatMap((row, i) => row.slice(i + 1)), edges);
    assert.deepEqual(spec.ops.slice(1, 6), ops);
    if (isNb101Valid(spec)) valid++;
  }
  // Half the edges on (10.5 on average) often breaks the 9-edge limit; many cells are invalid.
  assert.ok(valid > 0 && valid < 300, `${valid} of 300 valid`);
});
