import { SpaceError } from '../../core/errors.ts';
import { CONSTANT_TYPE, canonicalConstant, isConst, type Graph, type GraphSignature, type Vertex } from './graph.ts';
import type { OpSet } from './op-set.ts';

/*
 * Everything a program from outside must pass before anything compiles it: op names from the
 * registry, arities, ids, finite constants, acyclicity (args read smaller ids only), outputs.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(problem: string): SpaceError {
  return new SpaceError(`graph program: ${problem}`);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw fail(`${where} has an unknown field '${key}'; allowed: ${allowed.join(', ')}`);
  }
}

function parseVertex(raw: unknown, id: number, ops: OpSet): Vertex {
  const where = `vertex ${id}`;
  if (!isRecord(raw)) throw fail(`${where} must be an object {"op", "args"} or {"const"}`);
  if ('const' in raw) {
    checkKeys(raw, ['const'], where);
    const value = raw['const'];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`${where}: a constant must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
    return { const: canonicalConstant(value) };
  }
  checkKeys(raw, ['op', 'args'], where);
  const name = raw['op'];
  if (typeof name !== 'string') throw fail(`${where} needs "op" (a name) and "args", or "const"`);
  const spec = ops.find(name);
  if (spec === undefined) throw fail(`${where}: op '${name}' is not in this op set; allowed: ${ops.names.join(', ')}`);
  const args = raw['args'];
  if (!Array.isArray(args)) throw fail(`${where}: "args" must be an array of ids`);
  if (args.length !== spec.arity) throw fail(`${where}: '${spec.name}' takes ${spec.arity} argument(s), got ${args.length}`);
  for (const [k, arg] of args.entries()) {
    if (!Number.isInteger(arg) || (arg as number) < 0 || (arg as number) >= id) {
      throw fail(`${where}: argument ${k} is ${JSON.stringify(arg)}, but it must be the id of an input or an earlier vertex (0..${id - 1})`);
    }
  }
  return { op: spec.name, args: [...(args as number[])] };
}

/**
 * Checks the shape of untrusted program data against an op set and returns a fresh Graph
 * (aliases resolved to canonical op names, -0 constants made 0). Throws a SpaceError naming
 * the first problem. Types, size limits and pruning are `checkGraph`'s business.
 */
export function parseGraph(json: unknown, ops: OpSet): Graph {
  if (!isRecord(json)) throw fail('must be an object {"inputs", "vertices", "outputs"}');
  checkKeys(json, ['inputs', 'vertices', 'outputs'], 'the program');
  const { inputs, vertices, outputs } = json;
  if (!Number.isInteger(inputs) || (inputs as number) < 0) throw fail(`"inputs" must be a whole number >= 0, got ${JSON.stringify(inputs)}`);
  if (!Array.isArray(vertices)) throw fail('"vertices" must be an array');
  const inputCount = inputs as number;
  const parsed = vertices.map((raw, k) => parseVertex(raw, inputCount + k, ops));
  const idCount = inputCount + parsed.length;
  if (!Array.isArray(outputs) || outputs.length === 0) throw fail('"outputs" must be a non-empty array of ids');
  for (const [k, id] of outputs.entries()) {
    if (!Number.isInteger(id) || id < 0 || id >= idCount) throw fail(`output ${k} is ${JSON.stringify(id)}, but the program has ids 0..${idCount - 1}`);
  }
  return { inputs: inputCount, vertices: parsed, outputs: [...(outputs as number[])] };
}

/** The type of every id of a structurally valid graph. */
export function vertexTypes(g: Graph, ops: OpSet, inputTypes: readonly string[]): string[] {
  const types = inputTypes.slice(0, g.inputs);
  for (const v of g.vertices) types.push(isConst(v) ? CONSTANT_TYPE : ops.find(v.op)!.type);
  return types;
}

/** What a space demands of its genotypes beyond structure. */
export interface GraphLimits {
  readonly signature: GraphSignature;
  readonly maxVertices: number;
  readonly constants: boolean;
  /** Require that every vertex reaches an output. */
  readonly pruned: boolean;
}

/**
 * Checks a structurally valid graph against a space: input and output counts, types of every
 * argument and output, constants allowed, size, and (optionally) that it is pruned.
 */
export function checkGraph(g: Graph, ops: OpSet, limits: GraphLimits): void {
  const { inputTypes, outputTypes } = limits.signature;
  if (g.inputs !== inputTypes.length) throw fail(`expected ${inputTypes.length} inputs, got ${g.inputs}`);
  if (g.outputs.length !== outputTypes.length) throw fail(`expected ${outputTypes.length} outputs, got ${g.outputs.length}`);
  if (g.vertices.length > limits.maxVertices) throw fail(`has ${g.vertices.length} vertices, more than the space's maxVertices ${limits.maxVertices}`);
  const types = vertexTypes(g, ops, inputTypes);
  for (const [k, v] of g.vertices.entries()) {
    const id = g.inputs + k;
    if (isConst(v)) {
      if (!limits.constants) throw fail(`vertex ${id} is a constant, but this space has constants turned off`);
      continue;
    }
    const spec = ops.find(v.op)!;
    for (const [i, arg] of v.args.entries()) {
      if (types[arg] !== spec.argTypes[i]) {
        throw fail(`vertex ${id}: argument ${i} of '${spec.name}' must have type '${spec.argTypes[i]}', but id ${arg} has type '${types[arg]}'`);
      }
    }
  }
  for (const [k, id] of g.outputs.entries()) {
    if (types[id] !== outputTypes[k]) throw fail(`output ${k} must have type '${outputTypes[k]}', but id ${id} has type '${types[id]}'`);
  }
  if (limits.pruned) {
    const reached = reachable(g);
    for (let id = g.inputs; id < reached.length; id++) if (reached[id] === 0) throw fail(`vertex ${id} does not reach any output`);
  }
}

/** Marks (1) every id that some output depends on. */
export function reachable(g: Graph): Uint8Array {
  const marks = new Uint8Array(g.inputs + g.vertices.length);
  for (const id of g.outputs) marks[id] = 1;
  for (let id = marks.length - 1; id >= g.inputs; id--) {
    if (marks[id] === 0) continue;
    const v = g.vertices[id - g.inputs]!;
    if (!isConst(v)) for (const arg of v.args) marks[arg] = 1;
  }
  return marks;
}
