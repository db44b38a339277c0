import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { feynman } from '../../../src/tasks/symbolic-regression/feynman.ts';
import { sampleProblem } from '../../../src/tasks/symbolic-regression/nguyen.ts';

describe('Feynman-style laws', () => {
  it('holds at least 30 laws with distinct names and one range per variable', () => {
    assert.ok(feynman.length >= 30, `${feynman.length} laws`);
    assert.equal(new Set(feynman.map((p) => p.name)).size, feynman.length);
    for (const p of feynman) assert.equal(p.ranges?.length, p.variables.length, p.name);
  });

  it('draws 1,000 rows per law, each variable inside its own range, with finite targets', () => {
    for (const p of feynman) {
      const data = sampleProblem(p, new Rng(3));
      assert.equal(data.rows, 1000, p.name);
      p.variables.forEach((_, v) => {
        const [low, high] = p.ranges![v]!;
        for (const x of data.features[v]!) assert.ok(x >= low && x <= high, `${p.name} ${p.variables[v]} = ${x} outside [${low}, ${high}]`);
      });
      for (const y of data.target) assert.ok(Number.isFinite(y), `${p.name}: target ${y}`);
    }
  });

  it('draws the same rows from the same seed and different ones from another', () => {
    const law = feynman.find((p) => p.name === 'I.18.4')!;
    assert.deepEqual(sampleProblem(law, new Rng(7)).target, sampleProblem(law, new Rng(7)).target);
    assert.notDeepEqual(sampleProblem(law, new Rng(7)).target, sampleProblem(law, new Rng(8)).target);
  });

  it('computes each law as written: I.18.4 is the weighted mean of r1 and r2', () => {
    const law = feynman.find((p) => p.name === 'I.18.4')!;
    assert.equal(law.f([1, 3, 2, 6]), (1 * 2 + 3 * 6) / 4);
  });
});
