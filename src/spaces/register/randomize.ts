import type { Rng } from '../../core/rng.ts';
import { instruction, type Instruction } from './instruction.ts';
import type { FirstWritable, MemoryShape, RegisterKind } from './memory.ts';
import { registerCount } from './memory.ts';
import type { OpSpec } from './op-spec.ts';

/** Where instructions may read and write: the memory shape and the first writable registers. */
export interface Addressing {
  readonly shape: MemoryShape;
  readonly firstWritable: FirstWritable;
}

// As in AutoML-Zero (instruction.h): a log-scale change flips the sign with this probability.
const SIGN_FLIP_PROBABILITY = 0.1;

function inAddress(kind: RegisterKind, a: Addressing, rng: Rng): number {
  return rng.int(registerCount(a.shape, kind));
}

function outAddress(kind: RegisterKind, a: Addressing, rng: Rng): number {
  const first = a.firstWritable[kind];
  return first + rng.int(registerCount(a.shape, kind) - first);
}

function randomData(op: OpSpec, rng: Rng): number[] {
  switch (op.dataKind) {
    case 'none':
      return [];
    case 'constant':
      return [rng.uniform(-1, 1)];
    case 'vector-entry':
      return [rng.float(), rng.uniform(-1, 1)];
    case 'matrix-entry':
      return [rng.float(), rng.float(), rng.uniform(-1, 1)];
    case 'gaussian':
      return [rng.uniform(-1, 1), rng.float()];
    case 'uniform': {
      const x = rng.uniform(-1, 1);
      const y = rng.uniform(-1, 1);
      return x <= y ? [x, y] : [y, x];
    }
  }
}

/** A new instruction of `op` with every address and data number drawn at random (AutoML-Zero's ranges). */
export function randomizeInstruction(op: OpSpec, a: Addressing, rng: Rng): Instruction {
  return instruction(op.name, {
    in1: op.in1 === undefined ? 0 : inAddress(op.in1, a, rng),
    in2: op.in2 === undefined ? 0 : inAddress(op.in2, a, rng),
    out: op.out === undefined ? 0 : outAddress(op.out, a, rng),
    data: randomData(op, rng),
  });
}

/** Multiplies |x| by a log-normal factor, keeping the sign (or, with probability 0.1, flips the sign). */
function logScaleOrFlip(x: number, rng: Rng, flip = true): number {
  if (flip && rng.chance(SIGN_FLIP_PROBABILITY)) return -x;
  const magnitude = Math.exp(Math.log(Math.abs(x)) + rng.normal());
  return x > 0 ? magnitude : -magnitude;
}

function alterData(op: OpSpec, data: readonly number[], rng: Rng): number[] {
  const next = data.slice();
  switch (op.dataKind) {
    case 'none':
      break;
    case 'constant':
      next[0] = logScaleOrFlip(next[0]!, rng);
      break;
    case 'vector-entry':
      if (rng.int(2) === 0) next[0] = rng.float();
      else next[1] = logScaleOrFlip(next[1]!, rng);
      break;
    case 'matrix-entry': {
      const which = rng.int(3);
      if (which < 2) next[which] = rng.float();
      else next[2] = logScaleOrFlip(next[2]!, rng);
      break;
    }
    case 'gaussian':
      if (rng.int(2) === 0) next[0] = logScaleOrFlip(next[0]!, rng);
      else next[1] = logScaleOrFlip(next[1]!, rng, false);
      break;
    case 'uniform': {
      const which = rng.int(2);
      next[which] = logScaleOrFlip(next[which]!, rng);
      if (next[0]! > next[1]!) next.reverse();
      break;
    }
  }
  return next;
}

/**
 * A copy of `ins` with one parameter changed, as AutoML-Zero's AlterParam: for data ops, the
 * output address or the data (constants change on a log scale); otherwise one address.
 */
export function alterParam(op: OpSpec, ins: Instruction, a: Addressing, rng: Rng): Instruction {
  const fields = { in1: ins.in1, in2: ins.in2, out: ins.out, data: ins.data };
  if (op.out === undefined) return ins;
  if (op.dataKind !== 'none') {
    if (rng.int(2) === 0) fields.out = outAddress(op.out, a, rng);
    else fields.data = alterData(op, ins.data, rng);
  } else if (op.in2 === undefined) {
    if (rng.int(2) === 0) fields.in1 = inAddress(op.in1!, a, rng);
    else fields.out = outAddress(op.out, a, rng);
  } else {
    const which = rng.int(3);
    if (which === 0) fields.in1 = inAddress(op.in1!, a, rng);
    else if (which === 1) fields.in2 = inAddress(op.in2, a, rng);
    else fields.out = outAddress(op.out, a, rng);
  }
  return instruction(op.name, fields);
}
