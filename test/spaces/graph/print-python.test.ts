import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { interpret, toNumpy, toSympy } from '../../../src/spaces/graph/index.ts';
import { everyOpSpace } from './fixtures.ts';

/** Runs a Python script when python3 with NumPy and SymPy is installed; undefined otherwise. */
function python(script: string): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import numpy, sympy'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

describe('toNumpy and toSympy', () => {
  const space = everyOpSpace(12);
  const rng = new Rng(11);
  const programs = Array.from({ length: 40 }, () => space.random(rng));
  const rows = Array.from({ length: 5 }, () => [rng.normal() * 2, rng.normal() * 2, rng.normal() * 2]);

  it('writes the names given and parenthesised negative constants', () => {
    const g = { inputs: 2, vertices: [{ const: -2 }, { op: 'mul', args: [2, 1] }, { op: 'psqrt', args: [0] }, { op: 'add', args: [3, 4] }], outputs: [5] };
    assert.deepEqual(toNumpy(g, { names: ['df["x 1"]', 'b'] }), ['(((-2) * b) + np.sqrt(np.abs(df["x 1"])))']);
    assert.deepEqual(toSympy(g, { names: ['a', 'b'] }), ['(((-2) * b) + sqrt(Abs(a)))']);
    assert.throws(() => toSympy(g, { names: ['x 1', 'b'] }), /not a valid identifier/);
  });

  it('numpy code computes what the interpreter computes, for every op', (t) => {
    const expressions = programs.map((g) => toNumpy(g, { ops: space.ops, names: ['x0', 'x1', 'x2'] })[0]!);
    const script = [
      'import numpy as np, json',
      'np.seterr(all="ignore")',
      `rows = np.array(${JSON.stringify(rows)}).T`,
      'x0, x1, x2 = rows[0], rows[1], rows[2]',
      `out = [np.broadcast_to(np.asarray(e, dtype=float), x0.shape).tolist() for e in [${expressions.join(', ')}]]`,
      'print(json.dumps([[v if np.isfinite(v) else None for v in r] for r in out]))',
    ].join('\n');
    const printed = python(script);
    if (printed === undefined) return t.skip('python3 with numpy and sympy is not installed');
    const values = JSON.parse(printed) as (number | null)[][];
    programs.forEach((g, p) => {
      rows.forEach((row, r) => {
        const expected = interpret(g, space.ops, row)[0]!;
        const got = values[p]![r] ?? null;
        if (!Number.isFinite(expected)) return assert.equal(got, null, expressions[p]);
        assert.ok(got !== null && Math.abs(got - expected) <= 1e-12 * (1 + Math.abs(expected)), `${expressions[p]} at ${row}: ${got} vs ${expected}`);
      });
    });
  });

  it('sympy text parses as an expression in the named symbols', (t) => {
    const expressions = programs.map((g) => toSympy(g, { ops: space.ops })[0]!);
    const printed = python(['from sympy import *', 'x0, x1, x2 = symbols("x0 x1 x2")', ...expressions.map((e) => `print(srepr(${e})[:0] + "ok")`)].join('\n'));
    if (printed === undefined) return t.skip('python3 with numpy and sympy is not installed');
    assert.equal(printed.trim().split('\n').length, programs.length);
  });
});
