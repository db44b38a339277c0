import type { OpSpec } from './op-spec.ts';
import { defineOp } from './op-builders.ts';

/** Means and standard deviations of vectors, matrices and matrix rows (AutoML-Zero OP50–OP55). */
export const STATISTICS_OPS: readonly OpSpec[] = [
  defineOp({
    name: 'VECTOR_MEAN_OP',
    id: 50,
    in1: 'vector',
    out: 'scalar',
    doc: 's[out] = mean of v[in1]',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n;
      let acc = mem.v[a]!;
      for (let i = 1; i < n; i++) acc += mem.v[a + i]!;
      mem.s[ins.out] = acc / n;
    },
    emit: (e, ins) => `{ ${e.sum('acc', e.features, (i) => e.v(ins.in1, i))}${e.s(ins.out)} = acc / ${e.features}; }\n`,
    format: (ins) => `s${ins.out} = mean(v${ins.in1})`,
  }),
  defineOp({
    name: 'MATRIX_MEAN_OP',
    id: 51,
    in1: 'matrix',
    out: 'scalar',
    doc: 's[out] = mean of all entries of m[in1]',
    run: (mem, ins) => {
      const size = mem.features * mem.features;
      const a = ins.in1 * size;
      let acc = mem.m[a]!;
      for (let k = 1; k < size; k++) acc += mem.m[a + k]!;
      mem.s[ins.out] = acc / size;
    },
    emit: (e, ins) => `{ ${e.sum('acc', e.features * e.features, (k) => e.mFlat(ins.in1, k))}${e.s(ins.out)} = acc / ${e.features * e.features}; }\n`,
    format: (ins) => `s${ins.out} = mean(m${ins.in1})`,
  }),
  defineOp({
    name: 'MATRIX_ROW_MEAN_OP',
    id: 52,
    in1: 'matrix',
    out: 'vector',
    doc: 'v[out][r] = mean of row r of m[in1]',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n * n;
      for (let r = 0; r < n; r++) {
        let acc = mem.m[a + r * n]!;
        for (let c = 1; c < n; c++) acc += mem.m[a + r * n + c]!;
        mem.v[ins.out * n + r] = acc / n;
      }
    },
    emit: (e, ins) => e.each(e.features, (r) => `{ ${e.sum('acc', e.features, (c) => e.m(ins.in1, r, c))}${e.v(ins.out, r)} = acc / ${e.features}; }\n`),
    format: (ins) => `v${ins.out} = mean(m${ins.in1}, axis=1)`,
  }),
  defineOp({
    name: 'MATRIX_ROW_ST_DEV_OP',
    id: 53,
    in1: 'matrix',
    out: 'vector',
    doc: 'v[out][r] = population standard deviation of row r of m[in1]: sqrt(mean(x²) - mean(x)²)',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n * n;
      for (let r = 0; r < n; r++) {
        const row = a + r * n;
        let sum = mem.m[row]!;
        for (let c = 1; c < n; c++) sum += mem.m[row + c]!;
        let squares = mem.m[row]! * mem.m[row]!;
        for (let c = 1; c < n; c++) squares += mem.m[row + c]! * mem.m[row + c]!;
        const mean = sum / n;
        mem.v[ins.out * n + r] = Math.sqrt(squares / n - mean * mean);
      }
    },
    emit: (e, ins) => {
      const f = e.features;
      return e.each(
        f,
        (r) =>
          `{ ${e.sum('sum', f, (c) => e.m(ins.in1, r, c))}${e.sum('squares', f, (c) => `${e.m(ins.in1, r, c)} * ${e.m(ins.in1, r, c)}`)}` +
          `const mean = sum / ${f}; ${e.v(ins.out, r)} = Math.sqrt(squares / ${f} - mean * mean); }\n`,
      );
    },
    format: (ins) => `v${ins.out} = std(m${ins.in1}, axis=1)`,
  }),
  defineOp({
    name: 'VECTOR_ST_DEV_OP',
    id: 54,
    in1: 'vector',
    out: 'scalar',
    doc: 's[out] = population standard deviation of v[in1]: sqrt(mean(x²) - mean(x)²)',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n;
      let sum = mem.v[a]!;
      for (let i = 1; i < n; i++) sum += mem.v[a + i]!;
      let squares = mem.v[a]! * mem.v[a]!;
      for (let i = 1; i < n; i++) squares += mem.v[a + i]! * mem.v[a + i]!;
      const mean = sum / n;
      mem.s[ins.out] = Math.sqrt(squares / n - mean * mean);
    },
    emit: (e, ins) => {
      const f = e.features;
      return (
        `{ ${e.sum('sum', f, (i) => e.v(ins.in1, i))}${e.sum('squares', f, (i) => `${e.v(ins.in1, i)} * ${e.v(ins.in1, i)}`)}` +
        `const mean = sum / ${f}; ${e.s(ins.out)} = Math.sqrt(squares / ${f} - mean * mean); }\n`
      );
    },
    format: (ins) => `s${ins.out} = std(v${ins.in1})`,
  }),
  defineOp({
    name: 'MATRIX_ST_DEV_OP',
    id: 55,
    in1: 'matrix',
    out: 'scalar',
    doc: 's[out] = population standard deviation of all entries of m[in1]',
    run: (mem, ins) => {
      const size = mem.features * mem.features;
      const a = ins.in1 * size;
      let sum = mem.m[a]!;
      for (let k = 1; k < size; k++) sum += mem.m[a + k]!;
      let squares = mem.m[a]! * mem.m[a]!;
      for (let k = 1; k < size; k++) squares += mem.m[a + k]! * mem.m[a + k]!;
      const mean = sum / size;
      mem.s[ins.out] = Math.sqrt(squares / size - mean * mean);
    },
    emit: (e, ins) => {
      const size = e.features * e.features;
      return (
        `{ ${e.sum('sum', size, (k) => e.mFlat(ins.in1, k))}${e.sum('squares', size, (k) => `${e.mFlat(ins.in1, k)} * ${e.mFlat(ins.in1, k)}`)}` +
        `const mean = sum / ${size}; ${e.s(ins.out)} = Math.sqrt(squares / ${size} - mean * mean); }\n`
      );
    },
    format: (ins) => `s${ins.out} = std(m${ins.in1})`,
  }),
];
