import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InstructionCacheSlot, NO_OP_INSTRUCTION, instruction } from '../../../src/spaces/register/index.ts';

describe('InstructionCacheSlot', () => {
  it('keeps a value on the instruction without changing its JSON or its equality', () => {
    const slot = new InstructionCacheSlot<number>('test');
    const ins = instruction('SCALAR_SUM_OP', { in1: 0, in2: 1, out: 2 });
    const twin = instruction('SCALAR_SUM_OP', { in1: 0, in2: 1, out: 2 });
    slot.set(ins, 42);
    slot.set(ins, 43);
    assert.equal(slot.get(ins), 43);
    assert.equal(slot.get(twin), undefined);
    assert.equal(JSON.stringify(ins), JSON.stringify(twin));
    assert.deepStrictEqual(ins, twin);
    assert.deepEqual(Object.keys(ins), ['op', 'in1', 'in2', 'out', 'data']);
  });

  it('leaves frozen instructions uncached', () => {
    const slot = new InstructionCacheSlot<number>('test');
    slot.set(NO_OP_INSTRUCTION, 1);
    assert.equal(slot.get(NO_OP_INSTRUCTION), undefined);
  });
});
