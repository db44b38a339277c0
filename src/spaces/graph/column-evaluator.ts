import { compileGraph, type CompiledGraph } from './compile.ts';
import { isConst, type Graph } from './graph.ts';
import type { OpSet } from './op-set.ts';

type ColumnKernel = (out: Float64Array, a: Float64Array, b: Float64Array, c: Float64Array, rows: number) => void;

/** Evaluates graphs column by column: one pre-built loop per op, reused by every program. */
export interface ColumnEvaluator {
  /**
   * Evaluates rows 0..rows-1 of `g`'s outputs: the same values as `compileGraph(g).run`, with
   * no code generated per program. Reads `columns[i][row]` and `constants` in vertex order,
   * and returns one column per output: views that the next call overwrites.
   */
  run(g: Graph, columns: readonly Float64Array[], constants: ArrayLike<number>, rows: number): Float64Array[];
}

/**
 * A column evaluator for an op set. Generating and warming code for each new program costs far
 * more than it saves on small data (symbolic regression fits thousands of fresh shapes per
 * second on tens of rows); these per-op loops are hot after the first few programs.
 * Use `compileGraph` instead when one program runs over many rows.
 */
export function columnEvaluator(ops: OpSet): ColumnEvaluator {
  const kernels = new Map<string, ColumnKernel>();
  for (const spec of ops.specs) {
    const args = ['a[i]', 'b[i]', 'c[i]'].slice(0, spec.arity);
    // The loop body comes only from the registry's emitter, never from outside input.
    kernels.set(spec.name, new Function('out', 'a', 'b', 'c', 'rows', `for (let i = 0; i < rows; i++) out[i] = ${spec.emit(args)};`) as ColumnKernel);
  }
  let scratch: Float64Array[] = [];
  let scratchRows = 0;
  const empty = new Float64Array(0);

  return {
    run(g, columns, constants, rows) {
      const ids = g.inputs + g.vertices.length;
      if (rows > scratchRows || ids > scratch.length) {
        scratchRows = Math.max(rows, scratchRows);
        scratch = Array.from({ length: Math.max(ids, scratch.length) }, () => new Float64Array(scratchRows));
      }
      const inputs = g.inputs;
      let constant = 0;
      for (let k = 0; k < g.vertices.length; k++) {
        const v = g.vertices[k]!;
        const target = scratch[g.inputs + k]!;
        if (isConst(v)) {
          target.fill(constants[constant++]!, 0, rows);
          continue;
        }
        const kernel = kernels.get(v.op);
        if (kernel === undefined) throw new Error(`op '${v.op}' is not in this evaluator's op set`);
        const args = v.args;
        const a = args[0]!;
        const b = args.length > 1 ? args[1]! : -1;
        const c = args.length > 2 ? args[2]! : -1;
        kernel(
          target,
          a < inputs ? columns[a]! : scratch[a]!,
          b < 0 ? empty : b < inputs ? columns[b]! : scratch[b]!,
          c < 0 ? empty : c < inputs ? columns[c]! : scratch[c]!,
          rows,
        );
      }
      const out: Float64Array[] = [];
      for (const o of g.outputs) out.push(o < inputs ? columns[o]! : scratch[o]!);
      return out;
    },
  };
}

/**
 * An evaluator that runs each program as one compiled loop (`compileGraph`, cached by shape)
 * when asked for at least `minRows` rows, and column by column below that. The compiled loop
 * keeps every intermediate value in a register instead of a column in memory.
 */
export function rowsEvaluator(ops: OpSet, minRows: number): ColumnEvaluator {
  const columns = columnEvaluator(ops);
  // A fit runs the same program object dozens of times: its compiled form is looked up once.
  const compiled = new WeakMap<Graph, CompiledGraph>();
  let out: Float64Array[] = [];
  return {
    run(g, inputs, constants, rows) {
      if (rows < minRows) return columns.run(g, inputs, constants, rows);
      let program = compiled.get(g);
      if (program === undefined) compiled.set(g, (program = compileGraph(g, ops)));
      if (out.length < g.outputs.length || out[0]!.length < rows) out = Array.from({ length: Math.max(out.length, g.outputs.length) }, () => new Float64Array(Math.max(rows, out[0]?.length ?? 0)));
      program.run(inputs, constants instanceof Float64Array ? constants : Float64Array.from(constants), out, rows);
      return out.slice(0, g.outputs.length);
    },
  };
}
