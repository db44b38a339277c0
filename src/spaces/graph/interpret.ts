import { isConst, type Graph } from './graph.ts';
import type { OpSet } from './op-set.ts';
import { parseGraph } from './validate.ts';

/** How to interpret: in double precision (default), or rounding every value to float32. */
export interface InterpretOptions {
  /** Round inputs, constants and every op result with Math.fround, as compiled float32 code does. */
  readonly float32?: boolean;
}

/**
 * Evaluates a graph on one row with each op's reference `evaluate`: the oracle that compiled
 * code must match bit for bit. `constants`, when given, replace the graph's own (vertex order).
 * Throws a SpaceError when the graph does not belong to `ops`.
 */
export function interpret(g: Graph, ops: OpSet, inputs: readonly number[], constants?: ArrayLike<number>, options: InterpretOptions = {}): number[] {
  const checked = parseGraph(g, ops);
  if (inputs.length < checked.inputs) throw new RangeError(`interpret: the graph reads ${checked.inputs} inputs, got ${inputs.length}`);
  const round = options.float32 === true ? Math.fround : (x: number) => x;
  const values = new Float64Array(checked.inputs + checked.vertices.length);
  for (let i = 0; i < checked.inputs; i++) values[i] = round(inputs[i]!);
  let next = 0;
  for (const [k, v] of checked.vertices.entries()) {
    if (isConst(v)) {
      const value = constants === undefined ? v.const : constants[next];
      if (value === undefined) throw new RangeError(`interpret: constant ${next} is missing`);
      next++;
      values[checked.inputs + k] = round(value);
    } else {
      const spec = ops.find(v.op)!;
      values[checked.inputs + k] = round(spec.evaluate(...v.args.map((a) => values[a]!)));
    }
  }
  return checked.outputs.map((id) => values[id]!);
}
