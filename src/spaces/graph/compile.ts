import { isConst, type Graph } from './graph.ts';
import { LruMap } from '../../core/lru-map.ts';
import type { OpSet } from './op-set.ts';
import { parseGraph } from './validate.ts';

/** How to compile: in double precision (default), or rounding every value to float32. */
export interface CompileOptions {
  /** Round inputs, constants and every op result with Math.fround. */
  readonly float32?: boolean;
}

/** A graph compiled to one JS function over columns of rows; constants are passed in. */
export interface CompiledGraph {
  readonly inputs: number;
  readonly outputs: number;
  /** How many values `run` reads from `constants`, in vertex order (see `constantsOf`). */
  readonly constantCount: number;
  /** The generated function's source, for inspection. */
  readonly source: string;
  /**
   * Evaluates rows 0..rows-1 (all rows of the first column, or of the first output when there
   * are no inputs, by default): reads `columns[i][row]`, writes `out[k][row]`.
   */
  run(columns: readonly Float64Array[], constants: Float64Array, out: readonly Float64Array[], rows?: number): void;
}

type Kernel = (columns: readonly Float64Array[], constants: Float64Array, out: readonly Float64Array[], rows: number) => void;

/** Compiled functions per op set, keyed by mode and exact shape. */
const caches = new WeakMap<OpSet, LruMap<string, CompiledGraph>>();
/** Shapes kept per op set; evolution revisits recent shapes, old ones are cheap to rebuild. */
const CACHE_CAPACITY = 2048;

/**
 * The exact shape of a graph with constant values left out. Compiled code is keyed by this
 * rather than by `shapeKey`: the constant slots of the code must line up with the graph's
 * own constant order, which `shapeKey` (blind to vertex order) does not pin down.
 */
function shapeSignature(g: Graph, float32: boolean): string {
  let s = `${float32 ? 'f32' : 'f64'}|${g.inputs}|`;
  for (const v of g.vertices) s += isConst(v) ? '#;' : `${v.op}(${v.args.join(',')});`;
  return `${s}|${g.outputs.join(',')}`;
}

function generateSource(g: Graph, ops: OpSet, float32: boolean): { source: string; constantCount: number } {
  const round = (expression: string) => (float32 ? `Math.fround(${expression})` : expression);
  const used = new Uint8Array(g.inputs);
  for (const v of g.vertices) if (!isConst(v)) for (const a of v.args) if (a < g.inputs) used[a] = 1;
  for (const id of g.outputs) if (id < g.inputs) used[id] = 1;
  const head: string[] = [];
  const body: string[] = [];
  for (let i = 0; i < g.inputs; i++) {
    if (used[i] === 0) continue;
    head.push(`const x${i} = columns[${i}];`);
    body.push(`const v${i} = ${round(`x${i}[i]`)};`);
  }
  for (let k = 0; k < g.outputs.length; k++) head.push(`const o${k} = out[${k}];`);
  let constantCount = 0;
  for (const [k, v] of g.vertices.entries()) {
    const id = g.inputs + k;
    if (isConst(v)) head.push(`const v${id} = ${round(`constants[${constantCount++}]`)};`);
    else body.push(`const v${id} = ${round(ops.find(v.op)!.emit(v.args.map((a) => `v${a}`)))};`);
  }
  for (const [k, id] of g.outputs.entries()) body.push(`o${k}[i] = v${id};`);
  const source = [
    'function kernel(columns, constants, out, rows) {',
    ...head.map((line) => `  ${line}`),
    '  for (let i = 0; i < rows; i++) {',
    ...body.map((line) => `    ${line}`),
    '  }',
    '}',
  ].join('\n');
  return { source, constantCount };
}

function checkArrays(name: string, arrays: readonly Float64Array[], count: number, rows: number): void {
  if (arrays.length < count) throw new RangeError(`compiled graph: needs ${count} ${name}, got ${arrays.length}`);
  for (let i = 0; i < count; i++) {
    const a = arrays[i];
    if (!(a instanceof Float64Array) || a.length < rows) throw new RangeError(`compiled graph: ${name}[${i}] must be a Float64Array of at least ${rows} rows`);
  }
}

function build(g: Graph, ops: OpSet, float32: boolean): CompiledGraph {
  const { source, constantCount } = generateSource(g, ops, float32);
  // The source holds only registry emitters over generated local names; ids and op names
  // were validated by parseGraph, and constant values are read from an array, never inlined.
  const kernel = new Function(`"use strict";\nreturn ${source};`)() as Kernel;
  const inputs = g.inputs;
  const outputs = g.outputs.length;
  return {
    inputs,
    outputs,
    constantCount,
    source,
    run(columns, constants, out, rows) {
      const n = rows ?? (inputs > 0 ? columns[0]?.length : out[0]?.length) ?? 0;
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`compiled graph: rows must be a whole number >= 0, got ${n}`);
      checkArrays('input columns', columns, inputs, n);
      checkArrays('output columns', out, outputs, n);
      if (constants.length < constantCount) throw new RangeError(`compiled graph: needs ${constantCount} constants, got ${constants.length}`);
      kernel(columns, constants, out, n);
    },
  };
}

/**
 * Compiles a graph to one generated JS function that evaluates all rows in a single loop,
 * with constants hoisted to locals. Validates the graph against `ops` (SpaceError when it
 * does not belong). Compiled code is cached per op set by exact shape and mode, so graphs
 * that differ only in constants share one function.
 */
export function compileGraph(g: Graph, ops: OpSet, options: CompileOptions = {}): CompiledGraph {
  const checked = parseGraph(g, ops);
  const float32 = options.float32 === true;
  const key = shapeSignature(checked, float32);
  let cache = caches.get(ops);
  if (cache === undefined) caches.set(ops, (cache = new LruMap(CACHE_CAPACITY)));
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = build(checked, ops, float32);
    cache.set(key, compiled);
  }
  return compiled;
}
