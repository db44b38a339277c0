/**
 * The genotype of the graph space: a typed DAG program as plain JSON. Ids 0..inputs-1 are the
 * inputs; vertex k has id inputs + k and may only read smaller ids, so every graph is acyclic
 * by construction. Invariant of a space's genotypes: every vertex reaches an output.
 */

/** A vertex that applies the registry op `op` to the values of the ids in `args`. */
export interface OpVertex {
  readonly op: string;
  readonly args: readonly number[];
}

/** A vertex holding a finite real constant, changed by mutation or fitted by an optimizer. */
export interface ConstVertex {
  readonly const: number;
}

/** One vertex of a graph: an op applied to earlier ids, or a constant. */
export type Vertex = OpVertex | ConstVertex;

/** A program: `inputs` input ids, then the vertices in order, and the ids read as outputs. */
export interface Graph {
  /** Ids 0..inputs-1 are the inputs. */
  readonly inputs: number;
  /** Vertex k has id inputs + k and reads only smaller ids. */
  readonly vertices: readonly Vertex[];
  /** Ids of the output values, in order (one or more; may be input ids). */
  readonly outputs: readonly number[];
}

/** The types a graph reads and writes: one per input and one per output. */
export interface GraphSignature {
  readonly inputTypes: readonly string[];
  readonly outputTypes: readonly string[];
}

/** The type of every constant vertex (constants are plain real numbers). */
export const CONSTANT_TYPE = 'real';

/** True when the vertex is a constant. */
export function isConst(vertex: Vertex): vertex is ConstVertex {
  return 'const' in vertex;
}

/** The signature with every input and output of type 'real'. */
export function realSignature(inputs: number, outputs: number): GraphSignature {
  return { inputTypes: new Array<string>(inputs).fill('real'), outputTypes: new Array<string>(outputs).fill('real') };
}

/**
 * Turns -0 into 0, so that a constant survives a JSON round trip (JSON has no -0) with the
 * same key and the same behaviour.
 */
export function canonicalConstant(value: number): number {
  return value === 0 ? 0 : value;
}

/** The number of constant vertices of `g`. */
export function constantCount(g: Graph): number {
  let count = 0;
  for (const v of g.vertices) if (isConst(v)) count++;
  return count;
}
