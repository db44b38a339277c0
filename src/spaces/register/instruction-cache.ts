import type { Instruction } from './instruction.ts';

/**
 * A place to keep something derived from an instruction on the instruction itself, as a
 * non-enumerable symbol property: invisible to JSON and to equality checks, and read at the
 * speed of a field. Instructions are immutable and children share most of them with their
 * parent, so work cached here is done once per instruction rather than once per program.
 * Frozen instructions just go uncached.
 */
export class InstructionCacheSlot<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** The value kept on `ins`, or undefined. */
  get(ins: Instruction): T | undefined {
    return (ins as unknown as { [key: symbol]: T | undefined })[this.key];
  }

  /** Keeps `value` on `ins` (unless `ins` is frozen). */
  set(ins: Instruction, value: T): void {
    const holder = ins as unknown as { [key: symbol]: T };
    if (Object.prototype.hasOwnProperty.call(holder, this.key)) holder[this.key] = value;
    else if (Object.isExtensible(ins)) {
      // One descriptor for every call: this runs for each new instruction of a search.
      DESCRIPTOR.value = value;
      Object.defineProperty(ins, this.key, DESCRIPTOR);
      DESCRIPTOR.value = undefined;
    }
  }
}

const DESCRIPTOR: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: false };
