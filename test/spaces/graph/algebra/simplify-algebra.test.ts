import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { simplifyAlgebra, treeSize } from '../../../../src/spaces/graph/algebra/index.ts';
import { graphSpace, interpret, opSet, toInfix, type Graph } from '../../../../src/spaces/graph/index.ts';
import { exposeAll } from '../fixtures.ts';

const NAMES = ['a', 'b', 'c', 'd'];

/** Parses prefix notation over a, b, c, d into a one-output graph: `add(a, #-2)`. */
function program(text: string): Graph {
  const vertices: Graph['vertices'][number][] = [];
  const tokens = text.match(/[A-Za-z_]\w*|#-?[\d.e-]+|[(),]/g)!;
  let at = 0;
  const parse = (): number => {
    const token = tokens[at++]!;
    if (token.startsWith('#')) return vertices.push({ const: Number(token.slice(1)) }) + NAMES.length - 1;
    if (NAMES.includes(token)) return NAMES.indexOf(token);
    at++; // (
    const args: number[] = [];
    while (tokens[at - 1] !== ')') {
      args.push(parse());
      at++; // , or )
    }
    return vertices.push({ op: token, args }) + NAMES.length - 1;
  };
  const out = parse();
  return { inputs: NAMES.length, vertices, outputs: [out] };
}

const SR_OPS = opSet(['add', 'sub', 'mul', 'pdiv', 'neg', 'sin', 'cos', 'pexp', 'plog', 'psqrt']);

function simplified(text: string, ops = SR_OPS): string {
  const result = simplifyAlgebra(program(text), ops);
  return toInfix(result.program, { ops: result.ops, names: NAMES, unicode: true })[0]!;
}

describe('simplifyAlgebra', () => {
  it('rewrites the formulas symbolic regression used to print', () => {
    const cases: [string, string][] = [
      ['mul(#-1, add(mul(#-3, mul(b, c)), mul(d, d)))', '3·b·c − d²'],
      ['sub(b, #-8.05243e-11)', 'b + 8.05243e-11'],
      ['neg(mul(mul(#-0.57735, d), mul(#-0.57735, d)))', '−0.333333·d²'],
      ['mul(a, psqrt(sub(#0, a)))', 'a·sqrt(|a|)'],
      ['add(sub(mul(a, sub(a, b)), b), sub(mul(a, sub(a, b)), b))', '2·(a·(a − b) − b)'],
    ];
    for (const [input, expected] of cases) assert.equal(simplified(input), expected, input);
  });

  it('collects like terms and like factors, folds constants and cancels', () => {
    const cases: [string, string][] = [
      ['add(a, a)', '2·a'],
      ['mul(a, a)', 'a²'],
      ['mul(mul(a, a), mul(a, a))', 'a^4'],
      ['pdiv(add(a, b), add(b, a))', '1'],
      ['pdiv(sub(a, b), sub(b, a))', '−1'],
      ['sub(mul(a, sub(a, b)), mul(a, a))', '−a·b'],
      ['add(add(mul(a, mul(a, a)), mul(a, a)), a)', 'a³ + a² + a'],
      ['add(mul(#2, #3), add(a, #-6))', 'a'],
      ['pdiv(a, mul(b, #3))', 'a / (3·b)'],
      ['mul(#0.5, mul(b, b))', 'b² / 2'],
      ['add(#3, neg(a))', '3 − a'],
      ['neg(neg(c))', 'c'],
      ['cos(sub(b, a))', 'cos(a − b)'],
      ['plog(neg(a))', 'log(|a|)'],
      ['mul(#2.5, add(add(a, b), c))', '2.5·(a + b + c)'],
      ['pdiv(add(mul(#2, a), #2), add(a, #1))', '2'],
      ['mul(#80, mul(add(mul(#0.25, a), #2), add(b, #1)))', '20·(a + 8)·(b + 1)'],
    ];
    for (const [input, expected] of cases) assert.equal(simplified(input), expected, input);
  });

  it('keeps a protected quotient by a constant below the guard as its value, 1', () => {
    assert.equal(simplified('pdiv(a, #1e-13)'), '1');
  });

  it('leaves ops it does not know as calls over simplified arguments', () => {
    assert.equal(simplified('pexp(add(a, a))'), 'exp(2·a)');
  });

  it('never grows a program as printed', () => {
    const space = graphSpace({ inputs: 3, ops: SR_OPS.names, maxVertices: 16 });
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const g = space.random(new Rng(seed));
        assert.ok(treeSize(simplifyAlgebra(g, SR_OPS).program) <= treeSize(g));
      }),
      { numRuns: 100 },
    );
  });

  it('evaluates equal to the original on random inputs wherever both are finite', () => {
    const ops = ['add', 'sub', 'mul', 'div', 'pdiv', 'neg', 'inv', 'square', 'cube', 'fma', 'pow', 'sin', 'cos', 'tanh', 'plog', 'psqrt', 'abs'];
    // Constants drawn from the values rules look for, so that terms cancel and combine often.
    const space = graphSpace({ inputs: 3, ops, maxVertices: 16, constants: { init: (rng) => rng.pick([0, 1, 2, -1, 0.5, 3, -2.5]) } });
    let changed = 0;
    fc.assert(
      fc.property(fc.integer(), fc.nat(20), (seed, steps) => {
        const rng = new Rng(seed);
        let g = space.random(rng);
        for (let i = 0; i < steps; i++) g = space.mutate(g, rng);
        const { program: s, ops: written } = simplifyAlgebra(g, space.ops);
        if (treeSize(s) < treeSize(g)) changed++;
        for (let r = 0; r < 8; r++) {
          const row = [rng.normal() * 2, rng.normal() * 2, rng.normal() * 2];
          const inside = interpret(exposeAll(g), space.ops, row);
          // Away from the protected ops' guards (|denominator| < 1e-12), where the plain math differs by design.
          if (!inside.every((v) => Number.isFinite(v) && (v === 0 || Math.abs(v) > 1e-6))) continue;
          const before = interpret(g, space.ops, row)[0]!;
          const after = interpret(s, written, row)[0]!;
          if (!Number.isFinite(after)) continue;
          const scale = 1 + Math.max(...inside.map(Math.abs));
          assert.ok(Math.abs(before - after) <= 1e-7 * scale, `row ${row}: ${toInfix(g, { ops: space.ops })} = ${before}, simplified ${toInfix(s, { ops: written })} = ${after}`);
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(changed > 30, `the algebra shortened only ${changed} of 300 programs`);
  });
});
