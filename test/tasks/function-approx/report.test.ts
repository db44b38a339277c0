import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { polynomialProgram } from '../../../src/tasks/function-approx/program-builder.ts';
import { comparisonTable } from '../../../src/tasks/function-approx/report.ts';
import type { ApproxProgram, ApproxSearchResult } from '../../../src/tasks/function-approx/search.ts';
import { BASELINE_OPS } from '../../../src/tasks/function-approx/baselines.ts';

const program = polynomialProgram([1, 1]);
const found = (ops: number, maxError: number): ApproxProgram => ({ ops, maxError, maxRelError: maxError, js: '(x) => x', program });
const result = {
  front: [],
  bestByOps: [undefined, undefined, found(2, 1e-2), found(3, 5e-3), found(4, 1.005e-3), found(5, 2e-3)],
  baselines: [
    { name: 'poly 1', ops: 2, maxRelError: 3e-2, program },
    { name: 'rational', ops: 4, maxRelError: 1e-3, program },
    { name: 'poly 2', ops: 5, maxRelError: 1e-4, program },
  ],
  summary: {} as ApproxSearchResult['summary'],
  seed: 0,
  mode: 'real',
  interval: [0, 1],
  ops: BASELINE_OPS,
} satisfies ApproxSearchResult;

describe('comparisonTable', () => {
  const rows = comparisonTable(result, 2, 5).split('\n');

  it('compares the best with at most that many ops on both sides', () => {
    assert.match(rows[2]!, /^3 +5\.000e-3 +3 ops +poly 1 +3\.000e-2 +search$/);
    assert.match(rows[4]!, /^5 +1\.005e-3 +4 ops +poly 2 +1\.000e-4 +classic$/);
  });

  it('calls errors within 1% of each other a tie', () => {
    assert.match(rows[3]!, /^4 +1\.005e-3 +4 ops +rational +1\.000e-3 +tie$/);
  });
});
