import { SpaceError } from '../../core/errors.ts';
import { canonicalConstant, isConst, type Graph } from './graph.ts';

/**
 * The values of a graph's constant vertices, in vertex order: the order `CompiledGraph.run`
 * reads them in, so an optimizer can fit them without recompiling.
 */
export function constantsOf(g: Graph): Float64Array {
  const values: number[] = [];
  for (const v of g.vertices) if (isConst(v)) values.push(v.const);
  return Float64Array.from(values);
}

/**
 * A copy of `g` with its constants replaced by `values` (vertex order); throws a SpaceError
 * when the count differs or a value is not finite, since a genotype holds finite constants.
 */
export function withConstants(g: Graph, values: ArrayLike<number>): Graph {
  let next = 0;
  const vertices = g.vertices.map((v) => {
    if (!isConst(v)) return v;
    const value = values[next];
    if (value === undefined || !Number.isFinite(value)) throw new SpaceError(`withConstants: constant ${next} must be a finite number, got ${value}`);
    next++;
    return { const: canonicalConstant(value) };
  });
  if (next !== values.length) throw new SpaceError(`withConstants: the graph has ${next} constants, got ${values.length} values`);
  return { inputs: g.inputs, vertices, outputs: g.outputs };
}
