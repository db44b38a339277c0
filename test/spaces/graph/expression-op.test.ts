import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileGraph, interpret, opSet, toC, toInfix, toJS, toNumpy, toSympy, type Graph } from '../../../src/spaces/graph/index.ts';
import { expressionOp, isOpDefinition } from '../../../src/spaces/graph/expression-op.ts';
import { opReference } from '../../../src/spaces/graph/op-set.ts';

describe('ops defined by an expression', () => {
  const hypot = expressionOp('hypot(a, b) = sqrt(a^2 + b*b) - -1');

  it('computes the same value in generated code as in the reference, bit for bit', () => {
    const ops = opSet(['add', hypot]);
    const g: Graph = { inputs: 2, vertices: [{ op: 'hypot', args: [0, 1] }], outputs: [2] };
    const compiled = compileGraph(g, ops);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b) => {
        const out = [new Float64Array(1)];
        compiled.run([Float64Array.of(a), Float64Array.of(b)], new Float64Array(0), out);
        assert.equal(out[0]![0], interpret(g, ops, [a, b])[0]);
        assert.equal(hypot.evaluate(a, b), Math.pow(a, 2) + b * b === Infinity ? Infinity : Math.sqrt(Math.pow(a, 2) + b * b) + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('prints as a call of its name in math, and composes the standard forms in code', () => {
    const ops = opSet([hypot]);
    const g: Graph = { inputs: 2, vertices: [{ op: 'hypot', args: [0, 1] }], outputs: [2] };
    assert.deepEqual(toInfix(g, { ops, names: ['x', 'y'] }), ['hypot(x, y)']);
    assert.deepEqual(toJS(g, { ops, names: ['x', 'y'] }), ['(Math.sqrt((Math.pow(x, 2) + (y * y))) - (-1))']);
    assert.deepEqual(toC(g, { ops, names: ['x', 'y'] }), ['(sqrt((pow(x, 2.0) + (y * y))) - (-1.0))']);
    assert.deepEqual(toNumpy(g, { ops, names: ['x', 'y'] }), ['(np.sqrt((np.power(x, 2) + (y * y))) - (-1))']);
    assert.deepEqual(toSympy(g, { ops, names: ['x', 'y'] }), ['(sqrt(((x**2) + (y * y))) - (-1))']);
  });

  it('travels as its definition text, which builds the same op again', () => {
    assert.equal(opReference(hypot), 'hypot(a, b)=sqrt(a^2 + b*b) - -1');
    const again = opSet([opReference(hypot)]).find('hypot')!;
    assert.equal(again.evaluate(3, 4), hypot.evaluate(3, 4));
    assert.equal(opReference(opSet(['mul']).find('mul')!), 'mul');
    assert.ok(isOpDefinition('cubic(x)=x*x*x') && !isOpDefinition('cube'));
  });

  it('refuses a definition it cannot read, naming the problem', () => {
    assert.throws(() => expressionOp('cube(x)=x*x*x'), /'cube' is a built-in op; give yours another name/);
    assert.throws(() => expressionOp('f(x)=x**2'), /unexpected '\*'/);
    assert.throws(() => expressionOp('f(x)=x*y'), /'y' is neither a parameter nor a call/);
    assert.throws(() => expressionOp('f(x)=sin(x, x)'), /sin takes 1 argument, got 2/);
    assert.throws(() => expressionOp('f(x)=frob(x)'), /unknown op 'frob'/);
    assert.throws(() => expressionOp('f(x, x)=x'), /parameters must be distinct names/);
    assert.throws(() => expressionOp('f(x)=(x'), /expected '\)' but found the end/);
  });
});
