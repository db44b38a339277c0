import { wholeNumber } from '../../core/options.ts';

/** The three register files of a machine. */
export type RegisterKind = 'scalar' | 'vector' | 'matrix';

/** How many registers of each kind a machine has, and the feature size F of vectors and matrices. */
export interface MemoryShape {
  /** Scalar registers s0..s(n-1). In AutoML-Zero s0 holds the label and s1 the prediction. */
  readonly scalars: number;
  /** Vector registers of length F. In AutoML-Zero v0 holds the features. */
  readonly vectors: number;
  /** Matrix registers of F×F entries, stored row-major. */
  readonly matrices: number;
  /** The feature size F. */
  readonly features: number;
}

/** The first register of each kind that instructions may write (lower ones are inputs only). */
export interface FirstWritable {
  readonly scalar: number;
  readonly vector: number;
  readonly matrix: number;
}

/** AutoML-Zero's convention: s0 (label) and v0 (features) are written only by the harness. */
export const AUTOML_ZERO_FIRST_WRITABLE: FirstWritable = { scalar: 1, vector: 1, matrix: 0 };

/**
 * The state of a register machine: flat Float64Arrays, vector `a` at `v[a*F ..]`, matrix `a`
 * at `m[a*F*F ..]` row-major, plus an F×F scratch area for ops whose output aliases an input.
 */
export interface Memory {
  readonly features: number;
  readonly s: Float64Array;
  readonly v: Float64Array;
  readonly m: Float64Array;
  readonly scratch: Float64Array;
}

/** Checks a memory shape and returns it; a bad count is a UsageError naming the field. */
export function checkMemoryShape(shape: MemoryShape, owner = 'memory'): MemoryShape {
  const fields: [keyof MemoryShape, number][] = [
    ['scalars', 0],
    ['vectors', 0],
    ['matrices', 0],
    ['features', 1],
  ];
  for (const [field, min] of fields) {
    wholeNumber(owner, field, shape[field], min, 1024);
  }
  return shape;
}

/** A zeroed memory of the given shape. */
export function createMemory(shape: MemoryShape): Memory {
  const f = shape.features;
  return {
    features: f,
    s: new Float64Array(shape.scalars),
    v: new Float64Array(shape.vectors * f),
    m: new Float64Array(shape.matrices * f * f),
    scratch: new Float64Array(f * f),
  };
}

/** Sets every register to zero, as AutoML-Zero does before each task. */
export function wipeMemory(memory: Memory): void {
  memory.s.fill(0);
  memory.v.fill(0);
  memory.m.fill(0);
}

/** A deep copy of a memory (for probes that must not disturb the original). */
export function copyMemory(memory: Memory): Memory {
  return { features: memory.features, s: memory.s.slice(), v: memory.v.slice(), m: memory.m.slice(), scratch: memory.scratch.slice() };
}

/** How many registers of a kind the shape holds. */
export function registerCount(shape: MemoryShape, kind: RegisterKind): number {
  return kind === 'scalar' ? shape.scalars : kind === 'vector' ? shape.vectors : shape.matrices;
}
