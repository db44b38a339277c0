import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemoryShape } from '../../../src/spaces/register/index.ts';
import { componentLiveness, emptyRegisterSet, instruction, registerId, resolveComponent } from '../../../src/spaces/register/index.ts';

const SHAPE: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
const liveS1 = () => {
  const set = emptyRegisterSet(SHAPE);
  set[registerId(SHAPE, 'scalar', 1)] = 1;
  return set;
};

describe('componentLiveness', () => {
  it('keeps the instructions that feed a live register and drops the rest', () => {
    const component = resolveComponent([
      instruction('SCALAR_CONST_SET_OP', { out: 2, data: [0.5] }), // feeds s3, live
      instruction('SCALAR_CONST_SET_OP', { out: 3, data: [9] }), // overwritten below: dead
      instruction('SCALAR_PRODUCT_OP', { in1: 2, in2: 0, out: 3 }),
      instruction('VECTOR_SUM_OP', { in1: 0, in2: 0, out: 2 }), // never read: dead
      instruction('SCALAR_SUM_OP', { in1: 3, in2: 3, out: 1 }),
    ]);
    const result = componentLiveness(component, SHAPE, liveS1(), false);
    assert.deepEqual(result.live, [true, false, true, false, true]);
    assert.equal(result.liveIn[registerId(SHAPE, 'scalar', 0)], 1, 's0 is read');
    assert.equal(result.liveIn[registerId(SHAPE, 'scalar', 1)], 0, 's1 is written before it is read');
  });

  it('treats a write of one vector entry as a read of the rest of the vector', () => {
    const component = resolveComponent([
      instruction('SCALAR_BROADCAST_OP', { in1: 0, out: 1 }),
      instruction('VECTOR_CONST_SET_OP', { out: 1, data: [0.3, 2] }),
      instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 }),
    ]);
    assert.deepEqual(componentLiveness(component, SHAPE, liveS1(), false).live, [true, true, true]);
  });

  it('keeps unused random draws only when asked, since they move the random stream', () => {
    const component = resolveComponent([instruction('SCALAR_GAUSSIAN_SET_OP', { out: 3, data: [0, 1] }), instruction('SCALAR_CONST_SET_OP', { out: 1, data: [1] })]);
    assert.deepEqual(componentLiveness(component, SHAPE, liveS1(), false).live, [false, true]);
    assert.deepEqual(componentLiveness(component, SHAPE, liveS1(), true).live, [true, true]);
  });
});
