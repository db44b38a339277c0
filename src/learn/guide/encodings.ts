import { UsageError } from '../../core/errors.ts';
import { show } from '../../core/options.ts';
import { Registry } from '../../core/registry.ts';
import type { Json, Space } from '../../core/types.ts';
import type { GraphSpace } from '../../spaces/graph/space.ts';
import type { RegisterSpace } from '../../spaces/register/space.ts';
import { edgeOpCellEncoding, nodeOpCellEncoding, type EdgeOpCellOptions } from './cell-encoding.ts';
import { dagEncoding } from './dag-encoding.ts';
import type { ProgramEncoder } from './encoded-graph.ts';
import { registerEncoding } from './register-encoding.ts';

/** Builds an encoder for the genotypes of `space` from the rest of an encoding recipe. */
export type EncoderFactory = (space: Space<unknown>, config: { readonly [key: string]: Json }) => ProgramEncoder<unknown>;

/** Every graph encoding by kind: `encodings.get('graph')(space, {})`. */
export const encodings = new Registry<EncoderFactory>('graph encoding');

/** An encoding as plain data: `{ kind: 'graph' }`, or a cell's wiring `{ kind: 'edge-op-cell', nodes, edges, ops, zeroOps }`. */
export type EncodingRecipe = { readonly kind: string; readonly [key: string]: Json };

/** The encoder a recipe names, built over `space`; an unknown kind or a space of another kind is a UsageError. */
export function encoderFromRecipe<G>(space: Space<G>, recipe: unknown): ProgramEncoder<G> {
  if (typeof recipe !== 'object' || recipe === null || Array.isArray(recipe) || typeof (recipe as { kind?: unknown }).kind !== 'string') {
    throw new UsageError(`guide encoding must be an object { kind, ... }, got ${show(recipe)}; kinds: ${encodings.list().map((e) => e.name).join(', ')}`);
  }
  const { kind, ...config } = recipe as EncodingRecipe;
  return encodings.get(kind)(space as Space<unknown>, config) as ProgramEncoder<G>;
}

function noOptions(kind: string, config: { readonly [key: string]: Json }): void {
  const extra = Object.keys(config);
  if (extra.length > 0) throw new UsageError(`guide encoding '${kind}' takes no options, got ${extra.join(', ')}`);
}

encodings.register('graph', (space, config) => {
  noOptions('graph', config);
  const graph = space as Partial<GraphSpace>;
  if (graph.ops === undefined || graph.signature === undefined) throw new UsageError("guide encoding 'graph' needs a graph space (typed DAG programs)");
  return dagEncoding({ inputs: graph.signature.inputTypes.length, outputs: graph.signature.outputTypes.length, ops: graph.ops }) as ProgramEncoder<unknown>;
}, 'typed DAG programs: op vertices, inputs, constants, outputs');

encodings.register('register', (space, config) => {
  noOptions('register', config);
  const registers = space as Partial<RegisterSpace>;
  if (registers.rules === undefined || registers.firstWritable === undefined) throw new UsageError("guide encoding 'register' needs a register-machine space (AutoML-Zero programs)");
  return registerEncoding({ components: registers.rules.components, firstWritable: registers.firstWritable }) as ProgramEncoder<unknown>;
}, 'register-machine programs as their data-flow graphs');

function stringList(kind: string, key: string, value: Json | undefined): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new UsageError(`guide encoding '${kind}': ${key} must be a list of op names, got ${show(value)}`);
  return value as string[];
}

encodings.register('node-op-cell', (_space, config) => {
  const { ops, ...rest } = config;
  noOptions('node-op-cell', rest);
  return nodeOpCellEncoding({ ops: stringList('node-op-cell', 'ops', ops) }) as ProgramEncoder<unknown>;
}, 'cells with one op per node ({ matrix, ops }, NAS-Bench-101); options: ops (every op name a cell may hold, input and output included)');

encodings.register('edge-op-cell', (_space, config) => {
  const { nodes, edges, ops, zeroOps, ...rest } = config;
  noOptions('edge-op-cell', rest);
  if (typeof nodes !== 'number') throw new UsageError(`guide encoding 'edge-op-cell': nodes must be a number, got ${show(nodes)}`);
  if (!Array.isArray(edges) || !edges.every((e) => Array.isArray(e) && e.length === 2)) throw new UsageError(`guide encoding 'edge-op-cell': edges must be a list of [from, to] pairs, got ${show(edges)}`);
  const options: EdgeOpCellOptions = {
    nodes,
    edges: edges as unknown as [number, number][],
    ops: stringList('edge-op-cell', 'ops', ops),
    ...(zeroOps === undefined ? {} : { zeroOps: stringList('edge-op-cell', 'zeroOps', zeroOps) }),
  };
  return edgeOpCellEncoding(options) as ProgramEncoder<unknown>;
}, 'cells with one op per edge (NAS-Bench-201); options: nodes, edges, ops, zeroOps');
