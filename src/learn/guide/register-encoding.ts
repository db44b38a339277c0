import type { Instruction, RegisterProgram } from '../../spaces/register/instruction.ts';
import type { FirstWritable, RegisterKind } from '../../spaces/register/memory.ts';
import { opNamed } from '../../spaces/register/op-table.ts';
import type { OpSpec } from '../../spaces/register/op-spec.ts';
import { GraphBuilder, type EncodedGraph, type ProgramEncoder } from './encoded-graph.ts';

/** What the register-program encoding needs to know of a register space. */
export interface RegisterEncodingOptions {
  /** Component names in execution order, each with the ops it may use. */
  readonly components: readonly { readonly name: string; readonly ops: readonly OpSpec[] }[];
  /** Registers below these are written by the harness only (AutoML-Zero: s0 the label, v0 the features). */
  readonly firstWritable: FirstWritable;
  /** Components run once per example, in order, after the others (default: every one not named 'setup'). */
  readonly loop?: readonly string[];
  /** The register read as the program's output (default s1) and the component after which it is read (default 'predict', else the last). */
  readonly output?: { readonly kind: RegisterKind; readonly address: number; readonly after?: string };
}

const KINDS: readonly RegisterKind[] = ['scalar', 'vector', 'matrix'];
// Argument positions: in1, in2, the old value a partial write keeps, and a loop-carried value.
const IN1 = 0, IN2 = 1, KEPT = 2, CARRIED = 3, POSITIONS = 4;

/**
 * Register-machine programs (AutoML-Zero) as their data-flow graphs: one node per
 * instruction that writes a register (its op name and its component; its first constant in
 * the value column), one node per register read before anything writes it (its kind, or
 * `fixed:<kind>:<address>` for the harness's registers); each read is an edge from the
 * instruction that last wrote the register, typed in1 / in2 / kept (the rest of a partially
 * written register). The loop components (predict, learn) also read what their own last
 * writers left on the previous example: those reads get a second, loop-carried edge.
 * Register addresses themselves are not features, so renaming registers changes nothing.
 */
export function registerEncoding(options: RegisterEncodingOptions): ProgramEncoder<RegisterProgram> {
  const names = options.components.map((c) => c.name);
  const loop = new Set(options.loop ?? names.filter((n) => n !== 'setup'));
  const output = options.output ?? { kind: 'scalar' as const, address: 1 };
  const after = output.after ?? (names.includes('predict') ? 'predict' : names[names.length - 1]);
  const { firstWritable } = options;
  const ops = [...new Set(options.components.flatMap((c) => c.ops.map((op) => op.name)))];
  const fixed = KINDS.flatMap((kind) => Array.from({ length: firstWritable[kind] }, (_, a) => `fixed:${kind}:${a}`));
  const vocabulary = [...KINDS.map((k) => `input:${k}`), ...fixed, 'output', ...names.map((n) => `component:${n}`), ...ops];

  const encode = (program: RegisterProgram): EncodedGraph => {
    const b = new GraphBuilder('registerEncoding', vocabulary, POSITIONS);
    const writer = new Map<string, number>();
    const initial = new Map<string, number>();
    // Reads inside the loop that found no write of the loop before them: [reader, register].
    let entryReads: [number, string][] = [];
    let writtenInLoop = new Set<string>();
    const source = (kind: RegisterKind, address: number): number => {
      const reg = `${kind}:${address}`;
      const known = writer.get(reg) ?? initial.get(reg);
      if (known !== undefined) return known;
      const node = b.node([address < firstWritable[kind] ? `fixed:${kind}:${address}` : `input:${kind}`]);
      initial.set(reg, node);
      return node;
    };
    const read = (reader: number, kind: RegisterKind, address: number, position: number, inLoop: boolean): void => {
      b.edge(source(kind, address), reader, position);
      const reg = `${kind}:${address}`;
      if (inLoop && !writtenInLoop.has(reg)) entryReads.push([reader, reg]);
    };
    const step = (ins: Instruction, component: string, inLoop: boolean): void => {
      const spec = opNamed(ins.op);
      if (spec.out === undefined) return;
      const value = spec.data.indexOf('value');
      const node = b.node([spec.name, `component:${component}`], value >= 0 ? ins.data[value]! : 0);
      if (spec.in1 !== undefined) read(node, spec.in1, ins.in1, IN1, inLoop);
      if (spec.in2 !== undefined) read(node, spec.in2, ins.in2, IN2, inLoop);
      if (spec.partial) read(node, spec.out, ins.out, KEPT, inLoop);
      const reg = `${spec.out}:${ins.out}`;
      writer.set(reg, node);
      if (inLoop) writtenInLoop.add(reg);
    };
    const runComponent = (name: string, inLoop: boolean): void => {
      for (const ins of program[name] ?? []) step(ins, name, inLoop);
      if (name === after) {
        const out = source(output.kind, output.address);
        b.mark(out, 'output');
      }
    };
    for (const name of names) if (!loop.has(name)) runComponent(name, false);
    entryReads = [];
    writtenInLoop = new Set();
    for (const name of names) if (loop.has(name)) runComponent(name, true);
    for (const [reader, reg] of entryReads) {
      const last = writtenInLoop.has(reg) ? writer.get(reg) : undefined;
      if (last !== undefined) b.edge(last, reader, CARRIED);
    }
    return b.finish();
  };
  return { kind: 'register', vocabulary, width: vocabulary.length + 1, edgeTypes: 2 * POSITIONS, encode };
}
