import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SpaceError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { compileGraph, constantsOf, interpret, isConst, standardOpSet, withConstants, type Graph, type GraphSpace } from '../../../src/spaces/graph/index.ts';
import { everyOpSpace, randomInput, sameNumber, typedSpace } from './fixtures.ts';

const ROWS = 64;

function randomColumns(inputs: number, rng: Rng): Float64Array[] {
  return Array.from({ length: inputs }, () => Float64Array.from({ length: ROWS }, () => randomInput(rng)));
}

function runCompiled(g: Graph, space: GraphSpace, columns: Float64Array[], float32: boolean): Float64Array[] {
  const out = g.outputs.map(() => new Float64Array(ROWS));
  compileGraph(g, space.ops, { float32 }).run(columns, constantsOf(g), out);
  return out;
}

/** The reference for float32 mode: every value stored in a Float32Array as it is computed. */
function float32Reference(g: Graph, space: GraphSpace, row: readonly number[]): number[] {
  const values = new Float32Array(g.inputs + g.vertices.length);
  for (let i = 0; i < g.inputs; i++) values[i] = row[i]!;
  for (const [k, v] of g.vertices.entries()) {
    values[g.inputs + k] = isConst(v) ? v.const : space.ops.find(v.op)!.evaluate(...v.args.map((a) => values[a]!));
  }
  return g.outputs.map((id) => values[id]!);
}

/** Random programs of a space with random input columns, from a fast-check seed. */
function programsWithInputs(space: GraphSpace) {
  return fc.tuple(fc.integer(), fc.nat(30)).map(([seed, steps]) => {
    const rng = new Rng(seed);
    let g = space.random(rng);
    for (let i = 0; i < steps; i++) g = space.mutate(g, rng);
    return { g, columns: randomColumns(g.inputs, rng) };
  });
}

const spaces: [string, GraphSpace][] = [
  ['every standard op', everyOpSpace(24)],
  ['typed ops', typedSpace()],
];

describe('compileGraph', () => {
  for (const [name, space] of spaces) {
    it(`computes what the interpreter computes, bit for bit, NaN equal to NaN (${name})`, () => {
      fc.assert(
        fc.property(programsWithInputs(space), ({ g, columns }) => {
          const out = runCompiled(g, space, columns, false);
          for (let r = 0; r < ROWS; r++) {
            const expected = interpret(g, space.ops, columns.map((c) => c[r]!));
            for (const [k, value] of expected.entries()) assert.ok(sameNumber(out[k]![r]!, value), `row ${r} output ${k}: ${out[k]![r]} vs ${value}`);
          }
        }),
        { numRuns: 100 },
      );
    });

    it(`in float32 mode matches a reference that stores every value in a Float32Array (${name})`, () => {
      fc.assert(
        fc.property(programsWithInputs(space), ({ g, columns }) => {
          const out = runCompiled(g, space, columns, true);
          for (let r = 0; r < ROWS; r++) {
            const row = columns.map((c) => c[r]!);
            const expected = float32Reference(g, space, row);
            const interpreted = interpret(g, space.ops, row, undefined, { float32: true });
            for (const [k, value] of expected.entries()) {
              assert.ok(sameNumber(out[k]![r]!, value), `row ${r} output ${k}: compiled ${out[k]![r]} vs Float32Array ${value}`);
              assert.ok(sameNumber(interpreted[k]!, value), `row ${r} output ${k}: interpreted ${interpreted[k]} vs Float32Array ${value}`);
            }
          }
        }),
        { numRuns: 100 },
      );
    });
  }

  it('reuses one compiled function for programs that differ only in constants', () => {
    const g: Graph = { inputs: 1, vertices: [{ const: 2 }, { op: 'mul', args: [0, 1] }, { const: 3 }, { op: 'add', args: [2, 3] }], outputs: [4] };
    const h = withConstants(g, [5, 7]);
    const compiled = compileGraph(g, standardOpSet);
    assert.equal(compileGraph(h, standardOpSet), compiled);
    assert.notEqual(compileGraph(g, standardOpSet, { float32: true }), compiled);
    const out = new Float64Array(2);
    compiled.run([Float64Array.of(1, 10)], constantsOf(h), [out]);
    assert.deepEqual([...out], [12, 57]);
    compiled.run([Float64Array.of(1, 10)], Float64Array.of(2, 3), [out]);
    assert.deepEqual([...out], [5, 23]);
  });

  it('hoists constants and column lookups out of the row loop', () => {
    const g: Graph = { inputs: 1, vertices: [{ const: 2 }, { op: 'mul', args: [0, 1] }], outputs: [2] };
    const { source, constantCount } = compileGraph(g, standardOpSet);
    assert.equal(constantCount, 1);
    const loop = source.slice(source.indexOf('for ('));
    assert.ok(!loop.includes('constants[') && !loop.includes('columns['), source);
  });

  it('writes outputs that are inputs or constants, and several outputs at once', () => {
    const g: Graph = { inputs: 2, vertices: [{ const: 4 }, { op: 'sub', args: [0, 1] }], outputs: [3, 1, 2] };
    const out = [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
    compileGraph(g, standardOpSet).run([Float64Array.of(5, 6), Float64Array.of(1, 2)], constantsOf(g), out);
    assert.deepEqual(out.map((o) => [...o]), [[4, 4], [1, 2], [4, 4]]);
  });

  it('evaluates only the rows asked for', () => {
    const g: Graph = { inputs: 1, vertices: [{ op: 'neg', args: [0] }], outputs: [1] };
    const out = new Float64Array(3);
    compileGraph(g, standardOpSet).run([Float64Array.of(1, 2, 3)], new Float64Array(0), [out], 2);
    assert.deepEqual([...out], [-1, -2, 0]);
  });

  it('rejects columns, outputs or constants that are too short', () => {
    const g: Graph = { inputs: 2, vertices: [{ const: 1 }, { op: 'fma', args: [0, 1, 2] }], outputs: [3] };
    const compiled = compileGraph(g, standardOpSet);
    const column = new Float64Array(4);
    assert.throws(() => compiled.run([column], Float64Array.of(1), [column]), /needs 2 input columns, got 1/);
    assert.throws(() => compiled.run([column, new Float64Array(2)], Float64Array.of(1), [column]), /input columns\[1\] must be a Float64Array of at least 4 rows/);
    assert.throws(() => compiled.run([column, column], new Float64Array(0), [column]), /needs 1 constants, got 0/);
    assert.throws(() => compiled.run([column, column], Float64Array.of(1), []), /needs 1 output columns, got 0/);
  });

  it('refuses programs from outside the op set before generating any code', () => {
    const evil = { inputs: 1, vertices: [{ op: 'sin', args: ['0]; globalThis.hacked = 1; [0'] }], outputs: [1] } as unknown as Graph;
    assert.throws(() => compileGraph(evil, standardOpSet), SpaceError);
    assert.throws(() => compileGraph({ inputs: 1, vertices: [{ op: 'eval', args: [0] }], outputs: [1] }, standardOpSet), SpaceError);
    assert.equal((globalThis as { hacked?: number }).hacked, undefined);
  });
});

describe('constantsOf and withConstants', () => {
  const g: Graph = { inputs: 1, vertices: [{ const: 2 }, { op: 'mul', args: [0, 1] }, { const: -3 }, { op: 'add', args: [2, 3] }], outputs: [4] };

  it('read and replace constants in vertex order, leaving the original alone', () => {
    assert.deepEqual([...constantsOf(g)], [2, -3]);
    const h = withConstants(g, [0.5, -0]);
    assert.deepEqual([...constantsOf(h)], [0.5, 0]);
    assert.ok(Object.is(constantsOf(h)[1], 0), '-0 becomes 0');
    assert.deepEqual([...constantsOf(g)], [2, -3]);
    assert.deepEqual(h.vertices[1], g.vertices[1]);
  });

  it('reject the wrong number of values and non-finite ones', () => {
    assert.throws(() => withConstants(g, [1]), (e: unknown) => e instanceof SpaceError && /constant 1 must be a finite number/.test(e.message));
    assert.throws(() => withConstants(g, [1, 2, 3]), /has 2 constants, got 3 values/);
    assert.throws(() => withConstants(g, [1, NaN]), /constant 1 must be a finite number, got NaN/);
  });
});
