import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { checkGraph, defineOp, graphSpace, opSet, interpret, simplify, standardOpSet, toInfix, type Graph } from '../../../src/spaces/graph/index.ts';
import { exposeAll } from './fixtures.ts';

/** Parses a tiny prefix notation into a one-output graph over x0, x1: `add(x0, #0)`. */
function program(text: string): Graph {
  const vertices: Graph['vertices'][number][] = [];
  const tokens = text.match(/[A-Za-z_]\w*|#-?[\d.]+|[(),]/g)!;
  let at = 0;
  const parse = (): number => {
    const token = tokens[at++]!;
    if (token.startsWith('#')) return vertices.push({ const: Number(token.slice(1)) }) + 1;
    if (/^x\d$/.test(token)) return Number(token.slice(1));
    at++; // (
    const args: number[] = [];
    while (tokens[at - 1] !== ')') {
      args.push(parse());
      at++; // , or )
    }
    return vertices.push({ op: token, args }) + 1;
  };
  const out = parse();
  return { inputs: 2, vertices, outputs: [out] };
}

const simplified = (text: string) => toInfix(simplify(program(text), standardOpSet))[0];

describe('simplify', () => {
  it('applies each rule', () => {
    const cases: [string, string][] = [
      ['sub(sin(x0), sin(x0))', '0'],
      ['add(x0, #0)', 'x0'],
      ['add(#0, x0)', 'x0'],
      ['sub(x0, #0)', 'x0'],
      ['mul(x0, #1)', 'x0'],
      ['mul(#1, x1)', 'x1'],
      ['mul(sin(x0), #0)', '0'],
      ['div(x0, #1)', 'x0'],
      ['pdiv(x1, #1)', 'x1'],
      ['div(cos(x1), cos(x1))', '1'],
      ['pdiv(x0, x0)', '1'],
      ['neg(neg(x1))', 'x1'],
      ['max(x0, x0)', 'x0'],
      ['add(mul(#2, #3), x0)', '6 + x0'],
      ['sin(add(#0.5, #0.25))', '0.681639'],
      ['mul(add(x0, sub(x1, x1)), #1)', 'x0'],
    ];
    for (const [input, expected] of cases) assert.equal(simplified(input), expected, input);
  });

  it('keeps folds that would be infinite or NaN as operations', () => {
    assert.equal(simplified('div(#1, #0)'), '1 / 0');
    assert.equal(simplified('log(#-1)'), 'log(-1)');
  });

  it('merges duplicate subexpressions, commuted ones included', () => {
    const g = simplify(program('mul(add(sin(x0), x1), add(x1, sin(x0)))'), standardOpSet);
    assert.deepEqual(g.vertices.map((v) => ('op' in v ? v.op : v.const)), ['sin', 'add', 'mul']);
  });

  it('drops vertices no output reaches', () => {
    const g: Graph = { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { op: 'cos', args: [0] }], outputs: [2] };
    assert.deepEqual(simplify(g, standardOpSet), { inputs: 1, vertices: [{ op: 'cos', args: [0] }], outputs: [1] });
  });

  it('only replaces a value by one of the same type', () => {
    // An op whose algebra would turn same(x, x) into x or into the constant 1, both of type
    // 'real' where a 'bool' is needed: simplify must leave it alone.
    const same = defineOp({
      name: 'same', arity: 2, argTypes: ['real', 'real'], type: 'bool', algebra: { idempotent: true, selfValue: 1 },
      emit: ([a, b]) => `(${a} === ${b} ? 1 : 0)`, evaluate: (a, b) => (a === b ? 1 : 0),
    });
    const ops = opSet(['add', same]);
    const signature = { inputTypes: ['real', 'real'], outputTypes: ['bool'] };
    const g: Graph = { inputs: 2, vertices: [{ op: 'same', args: [0, 0] }], outputs: [2] };
    const result = simplify(g, ops);
    checkGraph(result, ops, { signature, maxVertices: 4, constants: true, pruned: true });
    assert.deepEqual(result, g);
  });

  it('gives a valid, no larger program with the same values wherever the original stays finite', () => {
    const ops = ['add', 'sub', 'mul', 'div', 'pdiv', 'neg', 'max', 'min', 'sin', 'exp', 'square', 'pow', 'fma', 'plog'];
    // Constants drawn from the values the rules look for, so the rules fire often.
    const space = graphSpace({ inputs: 2, ops, maxVertices: 20, constants: { init: (rng) => rng.pick([0, 1, 2, -1, 0.5]) } });
    let fired = 0;
    fc.assert(
      fc.property(fc.integer(), fc.nat(25), (seed, steps) => {
        const rng = new Rng(seed);
        let g = space.random(rng);
        for (let i = 0; i < steps; i++) g = space.mutate(g, rng);
        const s = simplify(g, space.ops);
        space.validate(s);
        assert.ok(s.vertices.length <= g.vertices.length);
        if (s.vertices.length < g.vertices.length) fired++;
        for (let r = 0; r < 8; r++) {
          const row = [rng.normal() * 2, rng.normal() * 2];
          if (!interpret(exposeAll(g), space.ops, row).every(Number.isFinite)) continue;
          const before = interpret(g, space.ops, row);
          const after = interpret(s, space.ops, row);
          before.forEach((v, k) => assert.ok(v === after[k], `row ${row}: ${toInfix(g, { ops: space.ops })} = ${v}, simplified ${toInfix(s, { ops: space.ops })} = ${after[k]}`));
        }
      }),
      { numRuns: 200 },
    );
    assert.ok(fired > 20, `simplify shrank only ${fired} of 200 programs`);
  });
});
