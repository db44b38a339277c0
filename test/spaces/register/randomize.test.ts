import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import type { Addressing } from '../../../src/spaces/register/index.ts';
import { AUTOML_ZERO_FIRST_WRITABLE, OPS, alterParam, checkInstruction, randomizeInstruction } from '../../../src/spaces/register/index.ts';

const ADDRESSING: Addressing = { shape: { scalars: 4, vectors: 3, matrices: 2, features: 4 }, firstWritable: AUTOML_ZERO_FIRST_WRITABLE };

describe('randomizing and altering instructions', () => {
  it('draws valid instructions for every op and keeps them valid under any number of alterations', () => {
    const rng = new Rng(1);
    for (const op of OPS) {
      let ins = randomizeInstruction(op, ADDRESSING, rng);
      for (let step = 0; step < 300; step++) {
        checkInstruction(`${op.name} step ${step}`, op, ins, ADDRESSING.shape, ADDRESSING.firstWritable);
        ins = alterParam(op, ins, ADDRESSING, rng);
      }
    }
  });

  it('never writes s0 or v0, which hold the label and the features', () => {
    const rng = new Rng(2);
    for (let i = 0; i < 2000; i++) {
      const op = rng.pick(OPS);
      const ins = randomizeInstruction(op, ADDRESSING, rng);
      if (op.out === 'scalar' || op.out === 'vector') assert.ok(ins.out >= 1, `${op.name} wrote ${op.out} ${ins.out}`);
    }
  });

  it('changes a constant on a log scale, keeping its sign nine times in ten', () => {
    const op = OPS.find((o) => o.name === 'SCALAR_CONST_SET_OP')!;
    const rng = new Rng(3);
    let flips = 0;
    let changedOut = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) {
      const ins = { op: op.name, in1: 0, in2: 0, out: 2, data: [0.5] };
      const next = alterParam(op, ins, ADDRESSING, rng);
      if (next.data[0] === 0.5) changedOut++;
      else if (next.data[0]! < 0) flips++;
    }
    assert.ok(Math.abs(changedOut / trials - 0.5) < 0.04, `output changed ${changedOut} times`);
    assert.ok(Math.abs(flips / (trials - changedOut) - 0.1) < 0.03, `sign flipped ${flips} times`);
  });
});
