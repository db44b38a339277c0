import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProgram, instruction } from '../../../src/spaces/register/index.ts';

describe('formatProgram', () => {
  it("prints a program in AutoML-Zero's notation, one block per component", () => {
    const program = {
      setup: [instruction('SCALAR_CONST_SET_OP', { out: 2, data: [0.01] })],
      predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 })],
      learn: [instruction('SCALAR_DIFF_OP', { in1: 0, in2: 1, out: 3 }), instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 3, in2: 0, out: 2 }), instruction('VECTOR_CONST_SET_OP', { out: 2, data: [0.6, -1] })],
    };
    assert.equal(
      formatProgram(program),
      ['def Setup():', '  s2 = 0.01', 'def Predict():', '  s1 = dot(v1, v0)', 'def Learn():', '  s3 = s0 - s1', '  v2 = s3 * v0', '  v2[2] = -1.0'].join('\n'),
    );
  });

  it('leaves out the instructions not kept and writes pass for an empty component', () => {
    const program = { setup: [instruction('SCALAR_CONST_SET_OP', { out: 2, data: [3] })], predict: [instruction('NO_OP')] };
    assert.equal(formatProgram(program, { keep: { setup: [false] } }), 'def Setup():\n  pass\ndef Predict():\n  NoOp()');
  });
});
