import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { compileGraph, defineOp, interpret, opSet, standardOpSet, standardOps, type Graph, type OpSpec } from '../../../src/spaces/graph/index.ts';
import { SPECIAL_VALUES, sameNumber } from './fixtures.ts';

/** Every combination of special values for an op's arity (triples thinned to keep it fast). */
function argumentRows(arity: number): number[][] {
  let rows: number[][] = [[]];
  for (let k = 0; k < arity; k++) rows = rows.flatMap((row) => SPECIAL_VALUES.map((v) => [...row, v]));
  return arity === 3 ? rows.filter((_, i) => i % 7 === 0) : rows;
}

function singleOpGraph(op: OpSpec): Graph {
  return { inputs: op.arity, vertices: [{ op: op.name, args: Array.from({ length: op.arity }, (_, i) => i) }], outputs: [op.arity] };
}

describe('op registry', () => {
  it('resolves aliases to canonical op names', () => {
    assert.deepEqual(opSet(['+', '-', '*', '/', '×', '÷', '−', '^']).names, ['add', 'sub', 'mul', 'pdiv', 'ppow']);
  });

  it('names an unknown op and lists the known ones and the aliases', () => {
    assert.throws(() => opSet(['add', 'frobnicate']), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /unknown op 'frobnicate'; known ops: abs, add, .*sub.*aliases: \+ \(add\)/);
      return true;
    });
  });

  it('keeps an op named twice once', () => {
    assert.deepEqual(opSet(['pdiv', '/', 'sin']).names, ['pdiv', 'sin']);
  });

  it('rejects an empty op set and two different ops with one name', () => {
    assert.throws(() => opSet([]), UsageError);
    const myAdd = defineOp({ name: 'add', arity: 2, emit: ([a, b]) => `(${a} + ${b})`, evaluate: (a, b) => a + b });
    assert.throws(() => opSet(['add', myAdd]), /two different ops are named 'add'/);
  });

  it('validates custom op definitions with a message naming the op', () => {
    const base = { arity: 1, emit: ([a]: readonly string[]) => `(${a})`, evaluate: (a: number) => a };
    assert.throws(() => defineOp({ ...base, name: '1bad' }), /op '1bad': name must be/);
    assert.throws(() => defineOp({ ...base, name: 'ok', argTypes: ['real', 'real'] }), /op 'ok': argTypes has 2 entries for arity 1/);
    assert.throws(() => defineOp({ ...base, name: 'ok', cost: -1 }), /cost must be/);
    assert.throws(() => defineOp({ ...base, name: 'ok', arity: 1.5 }), /arity must be a whole number/);
  });

  it('fills custom op defaults: real types, cost 1, call-style printers', () => {
    const op = defineOp({ name: 'sinc', arity: 1, emit: ([a]) => `(Math.sin(${a}) / ${a})`, evaluate: (a) => Math.sin(a) / a });
    assert.deepEqual([op.argTypes, op.type, op.cost, op.commutative], [['real'], 'real', 1, false]);
    assert.equal(op.infix([{ text: 'x', precedence: 5 }], { unicode: false }).text, 'sinc(x)');
    assert.equal(op.c(['x']), 'sinc(x)');
  });

  it('computes every standard op identically in compiled code and in its reference', () => {
    for (const op of standardOps.values()) {
      const rows = argumentRows(op.arity);
      const columns = Array.from({ length: op.arity }, (_, k) => Float64Array.from(rows, (row) => row[k]!));
      for (const float32 of [false, true]) {
        const out = new Float64Array(rows.length);
        const compiled = compileGraph(singleOpGraph(op), standardOpSet, { float32 });
        // Repeated runs let the JIT optimise the loop, so optimised code is what gets checked.
        for (let rep = 0; rep < 100; rep++) compiled.run(columns, new Float64Array(0), [out], rows.length);
        for (const [r, row] of rows.entries()) {
          const expected = float32 ? Math.fround(op.evaluate(...row.map(Math.fround))) : op.evaluate(...row);
          assert.ok(sameNumber(out[r]!, expected), `${op.name}(${row.join(', ')}) float32=${float32}: compiled ${out[r]}, reference ${expected}`);
          const interpreted = interpret(singleOpGraph(op), standardOpSet, row, undefined, { float32 })[0]!;
          assert.ok(sameNumber(interpreted, expected), `${op.name}(${row.join(', ')}): interpreted ${interpreted}`);
        }
      }
    }
  });

  it('keeps protected ops finite where the raw op is not', () => {
    const run = (name: string, ...args: number[]) => standardOps.get(name)!.evaluate(...args);
    assert.equal(run('pdiv', 3, 0), 1);
    assert.equal(run('pdiv', 3, 1e-13), 1);
    assert.equal(run('pdiv', 3, 2), 1.5);
    assert.equal(run('pinv', 0), 1);
    assert.equal(run('plog', 0), 0);
    assert.equal(run('plog', -Math.E), 1);
    assert.equal(run('psqrt', -4), 2);
    assert.ok(Number.isFinite(Math.fround(run('pexp', 1000))));
    assert.equal(run('ppow', 0, -1), 0);
    assert.equal(run('ppow', -2, 0.5), Math.SQRT2);
    for (const name of ['pdiv', 'pinv', 'plog', 'psqrt', 'pexp', 'ppow']) assert.ok(Number.isNaN(run(name, NaN, NaN)), name);
  });
});
