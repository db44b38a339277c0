import type { OpSpec } from './op-spec.ts';
import { formatNumber, fractionToIndex } from './op-spec.ts';
import { defineOp } from './op-builders.ts';

const show = formatNumber;

/** The no-op, constant setters and uniform/Gaussian initialisers (AutoML-Zero OP0, OP56–OP64). */
export const SETTER_OPS: readonly OpSpec[] = [
  defineOp({
    name: 'NO_OP',
    id: 0,
    doc: 'does nothing',
    run: () => {},
    emit: () => '',
    format: () => 'NoOp()',
  }),
  defineOp({
    name: 'SCALAR_CONST_SET_OP',
    id: 56,
    out: 'scalar',
    data: ['value'],
    dataKind: 'constant',
    doc: 's[out] = data[0]',
    run: (mem, ins) => {
      mem.s[ins.out] = ins.data[0]!;
    },
    emit: (e, ins, args) => `${e.s(ins.out)} = ${args[0]};\n`,
    format: (ins) => `s${ins.out} = ${show(ins.data[0]!)}`,
  }),
  defineOp({
    name: 'VECTOR_CONST_SET_OP',
    id: 57,
    out: 'vector',
    data: ['index', 'value'],
    dataKind: 'vector-entry',
    partial: true,
    doc: 'v[out][floor(F * data[0])] = data[1]',
    run: (mem, ins) => {
      const n = mem.features;
      mem.v[ins.out * n + fractionToIndex(ins.data[0]!, n)] = ins.data[1]!;
    },
    emit: (e, ins, args) => `${e.v(ins.out, Number(args[0]))} = ${args[1]};\n`,
    format: (ins, f) => `v${ins.out}[${fractionToIndex(ins.data[0]!, f)}] = ${show(ins.data[1]!)}`,
  }),
  defineOp({
    name: 'MATRIX_CONST_SET_OP',
    id: 58,
    out: 'matrix',
    data: ['index', 'index', 'value'],
    dataKind: 'matrix-entry',
    partial: true,
    doc: 'm[out][floor(F * data[0]), floor(F * data[1])] = data[2]',
    run: (mem, ins) => {
      const n = mem.features;
      mem.m[ins.out * n * n + fractionToIndex(ins.data[0]!, n) * n + fractionToIndex(ins.data[1]!, n)] = ins.data[2]!;
    },
    emit: (e, ins, args) => `${e.m(ins.out, Number(args[0]), Number(args[1]))} = ${args[2]};\n`,
    format: (ins, f) => `m${ins.out}[${fractionToIndex(ins.data[0]!, f)}, ${fractionToIndex(ins.data[1]!, f)}] = ${show(ins.data[2]!)}`,
  }),
  defineOp({
    name: 'SCALAR_UNIFORM_SET_OP',
    id: 59,
    out: 'scalar',
    data: ['value', 'value'],
    dataKind: 'uniform',
    random: true,
    doc: 's[out] = uniform draw in [data[0], data[1])',
    run: (mem, ins, rng) => {
      const low = ins.data[0]!;
      mem.s[ins.out] = low + (ins.data[1]! - low) * rng.float();
    },
    emit: (e, ins, args) => `${e.s(ins.out)} = ${args[0]} + (${args[1]} - ${args[0]}) * rng.float();\n`,
    format: (ins) => `s${ins.out} = uniform(${show(ins.data[0]!)}, ${show(ins.data[1]!)})`,
  }),
  defineOp({
    name: 'VECTOR_UNIFORM_SET_OP',
    id: 60,
    out: 'vector',
    data: ['value', 'value'],
    dataKind: 'uniform',
    random: true,
    doc: 'v[out][i] = uniform draw in [data[0], data[1]), for i in order',
    run: (mem, ins, rng) => {
      const n = mem.features;
      const low = ins.data[0]!;
      const width = ins.data[1]! - low;
      for (let i = 0; i < n; i++) mem.v[ins.out * n + i] = low + width * rng.float();
    },
    emit: (e, ins, args) => e.each(e.features, (i) => `${e.v(ins.out, i)} = ${args[0]} + (${args[1]} - ${args[0]}) * rng.float();\n`),
    format: (ins) => `v${ins.out} = uniform(${show(ins.data[0]!)}, ${show(ins.data[1]!)}, n_features)`,
  }),
  defineOp({
    name: 'MATRIX_UNIFORM_SET_OP',
    id: 61,
    out: 'matrix',
    data: ['value', 'value'],
    dataKind: 'uniform',
    random: true,
    doc: 'm[out][r,c] = uniform draw in [data[0], data[1]), row-major order',
    run: (mem, ins, rng) => {
      const size = mem.features * mem.features;
      const low = ins.data[0]!;
      const width = ins.data[1]! - low;
      for (let k = 0; k < size; k++) mem.m[ins.out * size + k] = low + width * rng.float();
    },
    emit: (e, ins, args) => e.each(e.features * e.features, (k) => `${e.mFlat(ins.out, k)} = ${args[0]} + (${args[1]} - ${args[0]}) * rng.float();\n`),
    format: (ins) => `m${ins.out} = uniform(${show(ins.data[0]!)}, ${show(ins.data[1]!)}, (n_features, n_features))`,
  }),
  defineOp({
    name: 'SCALAR_GAUSSIAN_SET_OP',
    id: 62,
    out: 'scalar',
    data: ['value', 'value'],
    dataKind: 'gaussian',
    random: true,
    doc: 's[out] = Gaussian draw with mean data[0] and standard deviation data[1]',
    run: (mem, ins, rng) => {
      mem.s[ins.out] = ins.data[0]! + ins.data[1]! * rng.normal();
    },
    emit: (e, ins, args) => `${e.s(ins.out)} = ${args[0]} + ${args[1]} * rng.normal();\n`,
    format: (ins) => `s${ins.out} = gaussian(${show(ins.data[0]!)}, ${show(ins.data[1]!)})`,
  }),
  defineOp({
    name: 'VECTOR_GAUSSIAN_SET_OP',
    id: 63,
    out: 'vector',
    data: ['value', 'value'],
    dataKind: 'gaussian',
    random: true,
    doc: 'v[out][i] = Gaussian draw (mean data[0], st. dev. data[1]), for i in order',
    run: (mem, ins, rng) => {
      const n = mem.features;
      for (let i = 0; i < n; i++) mem.v[ins.out * n + i] = ins.data[0]! + ins.data[1]! * rng.normal();
    },
    emit: (e, ins, args) => e.each(e.features, (i) => `${e.v(ins.out, i)} = ${args[0]} + ${args[1]} * rng.normal();\n`),
    format: (ins) => `v${ins.out} = gaussian(${show(ins.data[0]!)}, ${show(ins.data[1]!)}, n_features)`,
  }),
  defineOp({
    name: 'MATRIX_GAUSSIAN_SET_OP',
    id: 64,
    out: 'matrix',
    data: ['value', 'value'],
    dataKind: 'gaussian',
    random: true,
    doc: 'm[out][r,c] = Gaussian draw (mean data[0], st. dev. data[1]), row-major order',
    run: (mem, ins, rng) => {
      const size = mem.features * mem.features;
      for (let k = 0; k < size; k++) mem.m[ins.out * size + k] = ins.data[0]! + ins.data[1]! * rng.normal();
    },
    emit: (e, ins, args) => e.each(e.features * e.features, (k) => `${e.mFlat(ins.out, k)} = ${args[0]} + ${args[1]} * rng.normal();\n`),
    format: (ins) => `m${ins.out} = gaussian(${show(ins.data[0]!)}, ${show(ins.data[1]!)}, (n_features, n_features))`,
  }),
];
