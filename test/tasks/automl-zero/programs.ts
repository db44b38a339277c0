import type { RegisterProgram } from '../../../src/spaces/register/index.ts';
import { instruction } from '../../../src/spaces/register/index.ts';

/**
 * Linear regression by gradient descent, as in AutoML-Zero's README: w (v1) starts at 0,
 * ŷ = w·x, and learn does w ← w + lr (y − ŷ) x with lr in s2.
 */
export function gradientDescentProgram(learningRate = 0.1): RegisterProgram {
  return {
    setup: [instruction('SCALAR_CONST_SET_OP', { out: 2, data: [learningRate] })],
    predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 })],
    learn: [
      instruction('SCALAR_DIFF_OP', { in1: 0, in2: 1, out: 3 }),
      instruction('SCALAR_PRODUCT_OP', { in1: 2, in2: 3, out: 3 }),
      instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 3, in2: 0, out: 2 }),
      instruction('VECTOR_SUM_OP', { in1: 1, in2: 2, out: 1 }),
    ],
  };
}

/** The same algorithm written as evolution might: other registers, shuffled order, dead code. */
export function scrambledGradientDescentProgram(): RegisterProgram {
  return {
    setup: [
      instruction('SCALAR_CONST_SET_OP', { out: 1, data: [0.7] }),
      instruction('SCALAR_CONST_SET_OP', { out: 3, data: [0.05] }),
      instruction('VECTOR_INNER_PRODUCT_OP', { in1: 0, in2: 0, out: 1 }),
    ],
    predict: [instruction('SCALAR_PRODUCT_OP', { in1: 3, in2: 3, out: 2 }), instruction('VECTOR_INNER_PRODUCT_OP', { in1: 0, in2: 2, out: 1 })],
    learn: [
      instruction('SCALAR_DIFF_OP', { in1: 0, in2: 1, out: 1 }),
      instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 1, in2: 0, out: 1 }),
      instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 3, in2: 1, out: 1 }),
      instruction('VECTOR_SUM_OP', { in1: 1, in2: 2, out: 2 }),
    ],
  };
}

/** Accumulates y·x instead of following the gradient: learns something, but not regression. */
export function hebbianProgram(): RegisterProgram {
  return {
    setup: [instruction('SCALAR_CONST_SET_OP', { out: 2, data: [0.01] })],
    predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 })],
    learn: [instruction('SCALAR_PRODUCT_OP', { in1: 0, in2: 2, out: 3 }), instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 3, in2: 0, out: 2 }), instruction('VECTOR_SUM_OP', { in1: 1, in2: 2, out: 1 })],
  };
}
