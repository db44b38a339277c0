import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { hexFloat, interpret, toC, toInfix, toJS, toLatex, type Graph, type Vertex } from '../../../src/spaces/graph/index.ts';
import { everyOpSpace, randomInput, sameNumber } from './fixtures.ts';

/** Builds a one-output graph over x0, x1 from nested arrays: ['sub', ['mul', 0, 1], { c: 1 }]. */
type Term = number | { c: number } | [string, ...Term[]];
function expr(term: Term): Graph {
  const vertices: Vertex[] = [];
  const build = (t: Term): number => {
    if (typeof t === 'number') return t;
    if (!Array.isArray(t)) return vertices.push({ const: t.c }) + 1;
    const [op, ...args] = t;
    const ids = args.map(build);
    return vertices.push({ op, args: ids }) + 1;
  };
  const out = build(term);
  return { inputs: 2, vertices, outputs: [out] };
}

const infix = (t: Term) => toInfix(expr(t))[0];

describe('toInfix', () => {
  it('prints the example formula in ASCII and in Unicode', () => {
    const g = expr(['sub', ['mul', ['sin', ['square', 0]], ['cos', 0]], { c: 1 }]);
    assert.deepEqual(toInfix(g), ['sin(x0^2) * cos(x0) - 1']);
    assert.deepEqual(toInfix(g, { unicode: true }), ['sin(x0²)·cos(x0) − 1']);
  });

  it('adds only the parentheses the meaning needs', () => {
    const cases: [Term, string][] = [
      [['sub', 0, ['sub', 1, 0]], 'x0 - (x1 - x0)'],
      [['sub', ['sub', 0, 1], 0], 'x0 - x1 - x0'],
      [['add', 0, ['add', 1, 0]], 'x0 + x1 + x0'],
      [['mul', ['add', 0, 1], 1], '(x0 + x1) * x1'],
      [['div', 0, ['mul', 1, 0]], 'x0 / (x1 * x0)'],
      [['mul', 0, ['div', 1, 0]], 'x0 * x1 / x0'],
      [['pow', 0, ['pow', 1, 0]], 'x0^x1^x0'],
      [['pow', ['pow', 0, 1], 0], '(x0^x1)^x0'],
      [['square', ['neg', 0]], '(-x0)^2'],
      [['neg', ['square', 0]], '-x0^2'],
      [['neg', ['mul', 0, 1]], '-x0 * x1'],
      [['neg', ['add', 0, 1]], '-(x0 + x1)'],
      [['neg', ['neg', 0]], '-(-x0)'],
      [['sub', 0, ['neg', 1]], 'x0 - (-x1)'],
      [['add', 0, { c: -2 }], 'x0 + (-2)'],
      [['mul', { c: -2 }, 0], '-2 * x0'],
      [['fma', 0, 1, { c: 3 }], 'x0 * x1 + 3'],
      [['inv', ['add', 0, 1]], '1 / (x0 + x1)'],
      [['abs', ['sub', 0, 1]], '|x0 - x1|'],
      [['pdiv', 0, 1], 'x0 / x1'],
      [['plog', 0], 'log(|x0|)'],
      [['ppow', 0, { c: 0.5 }], '|x0|^0.5'],
      [['max', 0, ['sin', 1]], 'max(x0, sin(x1))'],
    ];
    for (const [term, expected] of cases) assert.equal(infix(term), expected);
  });

  it('rounds constants to the requested significant digits', () => {
    const g = expr(['mul', { c: Math.PI }, 0]);
    assert.deepEqual(toInfix(g), ['3.14159 * x0']);
    assert.deepEqual(toInfix(g, { digits: 3 }), ['3.14 * x0']);
    assert.throws(() => toInfix(g, { digits: 0 }), UsageError);
  });

  it('uses the given names and prints one expression per output', () => {
    const g: Graph = { inputs: 2, vertices: [{ op: 'add', args: [0, 1] }], outputs: [2, 0] };
    assert.deepEqual(toInfix(g, { names: ['a', 'b'] }), ['a + b', 'a']);
    assert.throws(() => toInfix(g, { names: ['a'] }), /2 inputs, but 1 names/);
  });

  it('refuses a program whose expression tree would be too large to print', () => {
    const vertices: Vertex[] = [{ op: 'add', args: [0, 0] }];
    for (let k = 1; k < 40; k++) vertices.push({ op: 'add', args: [k, k] });
    assert.throws(() => toInfix({ inputs: 1, vertices, outputs: [40] }), RangeError);
  });
});

describe('toLatex', () => {
  it('prints fractions, powers and functions', () => {
    const g = expr(['div', ['sin', ['square', 0]], ['add', 1, { c: 2.5e-7 }]]);
    assert.deepEqual(toLatex(g), ['\\frac{\\sin\\left({x_{0}}^{2}\\right)}{x_{1} + 2.5 \\times 10^{-7}}']);
    assert.deepEqual(toLatex(expr(['mul', ['sub', 0, 1], ['psqrt', 0]])), ['\\left(x_{0} - x_{1}\\right) \\cdot \\sqrt{\\left|x_{0}\\right|}']);
  });
});

describe('toJS', () => {
  const space = everyOpSpace(16);

  it('evaluates bit-identically to the interpreter, constants inlined exactly', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = new Rng(seed);
        let g = space.random(rng);
        for (let i = 0; i < 10; i++) g = space.mutate(g, rng);
        const [source] = toJS(g, { ops: space.ops, names: ['a', 'b', 'c'] });
        const f = new Function('a', 'b', 'c', `return ${source};`) as (...args: number[]) => number;
        for (let r = 0; r < 8; r++) {
          const row = [randomInput(rng), randomInput(rng), randomInput(rng)];
          const expected = interpret(g, space.ops, row)[0]!;
          assert.ok(sameNumber(f(...row), expected), `${source} at ${row}: ${f(...row)} vs ${expected}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('accepts member names and refuses names that are not identifiers', () => {
    const g = expr(['add', 0, { c: -0.1 }]);
    assert.deepEqual(toJS(g, { names: ['row[0]', 'p.x'] }), ['(row[0] + (-0.1))']);
    assert.throws(() => toJS(g, { names: ['a; b', 'c'] }), /is not a valid identifier/);
  });
});

describe('toC', () => {
  it('prints C99 over doubles with exact constants', () => {
    const g = expr(['add', ['pdiv', 0, 1], { c: 3 }]);
    assert.deepEqual(toC(g), ['((fabs(x1) < 1e-12 ? 1.0 : x0 / x1) + 3.0)']);
    assert.deepEqual(toC(expr(['mul', 0, { c: -0.75 }]), { hexFloats: true }), ['(x0 * (-0x1.8p-1))']);
  });
});

describe('hexFloat', () => {
  it('writes known values', () => {
    assert.equal(hexFloat(1), '0x1p+0');
    assert.equal(hexFloat(0.5), '0x1p-1');
    assert.equal(hexFloat(-2.5), '-0x1.4p+1');
    assert.equal(hexFloat(0), '0x0p+0');
    assert.equal(hexFloat(5e-324), '0x0.0000000000001p-1022');
    assert.equal(hexFloat(Number.MAX_VALUE), '0x1.fffffffffffffp+1023');
  });

  it('round-trips every finite double exactly', () => {
    const parse = (text: string): number => {
      const m = /^(-?)0x([01])(?:\.([0-9a-f]+))?p([+-]\d+)$/.exec(text)!;
      const digits = m[3] ?? '';
      const mantissa = Number(`0x${m[2]}${digits}`);
      const value = mantissa * 2 ** (Number(m[4]) - 4 * digits.length);
      return m[1] === '-' ? -value : value;
    };
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => sameNumber(parse(hexFloat(x)), x)));
  });
});
