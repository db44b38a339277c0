import type { Emitter } from './emitter.ts';
import type { Instruction } from './instruction.ts';
import type { Memory, RegisterKind } from './memory.ts';
import type { DataRole, OpRandom, OpSpec } from './op-spec.ts';

/** The fields every op definition gives; the rest default to a pure op without data. */
export interface OpDefinition {
  readonly name: string;
  readonly id: number;
  readonly in1?: RegisterKind;
  readonly in2?: RegisterKind;
  readonly out?: RegisterKind;
  readonly data?: readonly DataRole[];
  readonly dataKind?: OpSpec['dataKind'];
  readonly random?: boolean;
  readonly partial?: boolean;
  readonly doc: string;
  run(memory: Memory, ins: Instruction, rng: OpRandom): void;
  emit(e: Emitter, ins: Instruction, args: readonly string[]): string;
  format(ins: Instruction, features: number): string;
}

/** Fills an op definition's defaults and freezes it. */
export function defineOp(d: OpDefinition): OpSpec {
  return Object.freeze({
    name: d.name,
    id: d.id,
    in1: d.in1,
    in2: d.in2,
    out: d.out,
    data: d.data ?? [],
    dataKind: d.dataKind ?? 'none',
    random: d.random ?? false,
    partial: d.partial ?? false,
    doc: d.doc,
    run: d.run,
    emit: d.emit,
    format: d.format,
  });
}

/** s[out] = f(s[in1], s[in2]). `js` writes the same expression over operand names. */
export function scalarBinary(name: string, id: number, doc: string, f: (a: number, b: number) => number, js: (a: string, b: string) => string, show: (a: string, b: string) => string): OpSpec {
  return defineOp({
    name,
    id,
    in1: 'scalar',
    in2: 'scalar',
    out: 'scalar',
    doc,
    run: (mem, ins) => {
      mem.s[ins.out] = f(mem.s[ins.in1]!, mem.s[ins.in2]!);
    },
    emit: (e, ins) => `${e.s(ins.out)} = ${js(e.s(ins.in1), e.s(ins.in2))};\n`,
    format: (ins) => `s${ins.out} = ${show(`s${ins.in1}`, `s${ins.in2}`)}`,
  });
}

/** s[out] = f(s[in1]). */
export function scalarUnary(name: string, id: number, doc: string, f: (a: number) => number, js: (a: string) => string, show: (a: string) => string): OpSpec {
  return defineOp({
    name,
    id,
    in1: 'scalar',
    out: 'scalar',
    doc,
    run: (mem, ins) => {
      mem.s[ins.out] = f(mem.s[ins.in1]!);
    },
    emit: (e, ins) => `${e.s(ins.out)} = ${js(e.s(ins.in1))};\n`,
    format: (ins) => `s${ins.out} = ${show(`s${ins.in1}`)}`,
  });
}

/** Element-wise over vectors: out[i] = f(a[i], b[i]) (or f(a[i]) when unary). */
export function vectorElementwise(name: string, id: number, doc: string, arity: 1 | 2, f: (a: number, b: number) => number, js: (a: string, b: string) => string, show: (a: string, b: string) => string): OpSpec {
  return defineOp({
    name,
    id,
    in1: 'vector',
    ...(arity === 2 ? { in2: 'vector' as const } : {}),
    out: 'vector',
    doc,
    run: (mem, ins) => {
      const n = mem.features;
      const v = mem.v;
      const o = ins.out * n;
      const a = ins.in1 * n;
      const b = ins.in2 * n;
      for (let i = 0; i < n; i++) v[o + i] = f(v[a + i]!, v[b + i]!);
    },
    emit: (e, ins) => e.each(e.features, (i) => `${e.v(ins.out, i)} = ${js(e.v(ins.in1, i), arity === 2 ? e.v(ins.in2, i) : '')};\n`),
    format: (ins) => `v${ins.out} = ${show(`v${ins.in1}`, `v${ins.in2}`)}`,
  });
}

/** Element-wise over matrices: out[k] = f(a[k], b[k]) (or f(a[k]) when unary). */
export function matrixElementwise(name: string, id: number, doc: string, arity: 1 | 2, f: (a: number, b: number) => number, js: (a: string, b: string) => string, show: (a: string, b: string) => string): OpSpec {
  return defineOp({
    name,
    id,
    in1: 'matrix',
    ...(arity === 2 ? { in2: 'matrix' as const } : {}),
    out: 'matrix',
    doc,
    run: (mem, ins) => {
      const size = mem.features * mem.features;
      const m = mem.m;
      const o = ins.out * size;
      const a = ins.in1 * size;
      const b = ins.in2 * size;
      for (let k = 0; k < size; k++) m[o + k] = f(m[a + k]!, m[b + k]!);
    },
    emit: (e, ins) =>
      e.each(e.features, (r) => e.each(e.features, (c) => `${e.m(ins.out, r, c)} = ${js(e.m(ins.in1, r, c), arity === 2 ? e.m(ins.in2, r, c) : '')};\n`)),
    format: (ins) => `m${ins.out} = ${show(`m${ins.in1}`, `m${ins.in2}`)}`,
  });
}
