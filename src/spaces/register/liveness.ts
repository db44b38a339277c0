import type { ResolvedComponent } from './interpreter.ts';
import type { MemoryShape, RegisterKind } from './memory.ts';

/**
 * A set of registers, one flag per register: scalars first, then vectors, then matrices.
 * Liveness works on whole registers; an instruction that writes one entry keeps its
 * register live (it reads the rest).
 */
export type RegisterSet = Uint8Array;

/** An empty register set for a shape. */
export function emptyRegisterSet(shape: MemoryShape): RegisterSet {
  return new Uint8Array(shape.scalars + shape.vectors + shape.matrices);
}

/** The flag index of register `address` of `kind`. */
export function registerId(shape: MemoryShape, kind: RegisterKind, address: number): number {
  return kind === 'scalar' ? address : kind === 'vector' ? shape.scalars + address : shape.scalars + shape.vectors + address;
}

/** The result of a backward pass over one component function. */
export interface ComponentLiveness {
  /** Registers whose values on entry can reach a live register at exit. */
  readonly liveIn: RegisterSet;
  /** For each instruction, whether it can affect a live register at exit. */
  readonly live: readonly boolean[];
}

/**
 * Backward liveness over straight-line code: an instruction is live when it writes a
 * register live after it (or, with `keepRandom`, when it draws random numbers, which must
 * happen to keep the random stream of later draws). `liveOut` is not modified.
 */
export function componentLiveness(component: ResolvedComponent, shape: MemoryShape, liveOut: RegisterSet, keepRandom: boolean): ComponentLiveness {
  const liveSet = liveOut.slice();
  const { instructions, specs } = component;
  const live: boolean[] = new Array<boolean>(instructions.length).fill(false);
  for (let k = instructions.length - 1; k >= 0; k--) {
    const spec = specs[k]!;
    const ins = instructions[k]!;
    if (spec.out === undefined) continue;
    const out = registerId(shape, spec.out, ins.out);
    if (liveSet[out] !== 1 && !(keepRandom && spec.random)) continue;
    live[k] = true;
    if (!spec.partial) liveSet[out] = 0;
    if (spec.in1 !== undefined) liveSet[registerId(shape, spec.in1, ins.in1)] = 1;
    if (spec.in2 !== undefined) liveSet[registerId(shape, spec.in2, ins.in2)] = 1;
  }
  return { liveIn: liveSet, live };
}

/** Adds every member of `b` to `a`; returns true when `a` grew. */
export function unionInto(a: RegisterSet, b: RegisterSet): boolean {
  let grew = false;
  for (let i = 0; i < a.length; i++) {
    if (b[i] === 1 && a[i] !== 1) {
      a[i] = 1;
      grew = true;
    }
  }
  return grew;
}
