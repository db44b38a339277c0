import type { Instruction, MemoryShape, OpSpec, Step } from '../../spaces/register/index.ts';
import { InstructionCacheSlot, checkInstruction, instructionSignature, opNamed, registerId } from '../../spaces/register/index.ts';

/** What the engine needs to know about one instruction, worked out once per instruction object. */
export interface InstructionFacts {
  readonly spec: OpSpec;
  /** The instruction's part of a compiled-code signature (op, addresses, indices). */
  readonly signature: string;
  /** Bit of the register it writes (0 for the no-op). */
  readonly write: number;
  /** Bits of the registers it reads (its output too, when it writes only part of it). */
  readonly reads: number;
  readonly random: boolean;
  readonly partial: boolean;
  /** The instruction as a step on the owner's memory, once made. */
  step: Step | undefined;
}

/** Registers a shape may have for its register sets to fit in one 31-bit mask. */
export const MAX_MASK_REGISTERS = 31;

interface Cached {
  readonly owner: InstructionFactsCache;
  readonly facts: InstructionFacts;
}

const SLOT = new InstructionCacheSlot<Cached>('automl-zero.facts');

/**
 * Facts about instructions, kept on the instruction objects for one owner (an engine, with
 * its memory shape). Mutation copies a program but shares its unchanged instructions, so a
 * child costs new facts only for the instructions that changed. Only for shapes of at most
 * 31 registers, whose register sets are bit masks.
 */
export class InstructionFactsCache {
  constructor(readonly shape: MemoryShape) {}

  /** True when this shape's register sets fit in a mask. */
  static fits(shape: MemoryShape): boolean {
    return shape.scalars + shape.vectors + shape.matrices <= MAX_MASK_REGISTERS;
  }

  /** The facts of `ins`, derived (and checked) on first use. */
  get(ins: Instruction): InstructionFacts {
    const cached = SLOT.get(ins);
    if (cached !== undefined && cached.owner === this) return cached.facts;
    const facts = this.derive(ins);
    SLOT.set(ins, { owner: this, facts });
    return facts;
  }

  private derive(ins: Instruction): InstructionFacts {
    const spec = opNamed(ins.op);
    checkInstruction(spec.name, spec, ins, this.shape);
    const write = bit(this.shape, spec.out, ins.out);
    const reads = bit(this.shape, spec.in1, ins.in1) | bit(this.shape, spec.in2, ins.in2) | (spec.partial ? write : 0);
    return { spec, signature: instructionSignature(spec, ins, this.shape.features), write, reads, random: spec.random, partial: spec.partial, step: undefined };
  }
}

function bit(shape: MemoryShape, kind: OpSpec['out'], address: number): number {
  return kind === undefined ? 0 : 1 << registerId(shape, kind, address);
}
