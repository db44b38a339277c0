import type { OpSpec } from './op-spec.ts';
import { defineOp } from './op-builders.ts';

/**
 * Products, norms, transposition and broadcasts between scalars, vectors and matrices
 * (AutoML-Zero OP18, OP19, OP21, OP27–OP29, OP31–OP37, OP43). Sums run left to right from
 * the first term; an output that aliases an input is computed into scratch first.
 */
export const LINEAR_ALGEBRA_OPS: readonly OpSpec[] = [
  defineOp({
    name: 'SCALAR_VECTOR_PRODUCT_OP',
    id: 18,
    in1: 'scalar',
    in2: 'vector',
    out: 'vector',
    doc: 'v[out] = s[in1] * v[in2]',
    run: (mem, ins) => {
      const n = mem.features;
      const scale = mem.s[ins.in1]!;
      for (let i = 0; i < n; i++) mem.v[ins.out * n + i] = mem.v[ins.in2 * n + i]! * scale;
    },
    emit: (e, ins) => e.each(e.features, (i) => `${e.v(ins.out, i)} = ${e.v(ins.in2, i)} * ${e.s(ins.in1)};\n`),
    format: (ins) => `v${ins.out} = s${ins.in1} * v${ins.in2}`,
  }),
  defineOp({
    name: 'SCALAR_BROADCAST_OP',
    id: 19,
    in1: 'scalar',
    out: 'vector',
    doc: 'v[out][i] = s[in1] for every i',
    run: (mem, ins) => {
      const n = mem.features;
      mem.v.fill(mem.s[ins.in1]!, ins.out * n, ins.out * n + n);
    },
    emit: (e, ins) => e.each(e.features, (i) => `${e.v(ins.out, i)} = ${e.s(ins.in1)};\n`),
    format: (ins) => `v${ins.out} = bcast(s${ins.in1})`,
  }),
  defineOp({
    name: 'VECTOR_NORM_OP',
    id: 21,
    in1: 'vector',
    out: 'scalar',
    doc: 's[out] = ||v[in1]|| (Euclidean)',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n;
      let acc = mem.v[a]! * mem.v[a]!;
      for (let i = 1; i < n; i++) acc += mem.v[a + i]! * mem.v[a + i]!;
      mem.s[ins.out] = Math.sqrt(acc);
    },
    emit: (e, ins) => `{ ${e.sum('acc', e.features, (i) => `${e.v(ins.in1, i)} * ${e.v(ins.in1, i)}`)}${e.s(ins.out)} = Math.sqrt(acc); }\n`,
    format: (ins) => `s${ins.out} = norm(v${ins.in1})`,
  }),
  defineOp({
    name: 'VECTOR_INNER_PRODUCT_OP',
    id: 27,
    in1: 'vector',
    in2: 'vector',
    out: 'scalar',
    doc: 's[out] = v[in1] · v[in2]',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n;
      const b = ins.in2 * n;
      let acc = mem.v[a]! * mem.v[b]!;
      for (let i = 1; i < n; i++) acc += mem.v[a + i]! * mem.v[b + i]!;
      mem.s[ins.out] = acc;
    },
    emit: (e, ins) => `{ ${e.sum('acc', e.features, (i) => `${e.v(ins.in1, i)} * ${e.v(ins.in2, i)}`)}${e.s(ins.out)} = acc; }\n`,
    format: (ins) => `s${ins.out} = dot(v${ins.in1}, v${ins.in2})`,
  }),
  defineOp({
    name: 'VECTOR_OUTER_PRODUCT_OP',
    id: 28,
    in1: 'vector',
    in2: 'vector',
    out: 'matrix',
    doc: 'm[out][r,c] = v[in1][r] * v[in2][c]',
    run: (mem, ins) => {
      const n = mem.features;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) mem.m[ins.out * n * n + r * n + c] = mem.v[ins.in1 * n + r]! * mem.v[ins.in2 * n + c]!;
      }
    },
    emit: (e, ins) => e.each(e.features, (r) => e.each(e.features, (c) => `${e.m(ins.out, r, c)} = ${e.v(ins.in1, r)} * ${e.v(ins.in2, c)};\n`)),
    format: (ins) => `m${ins.out} = outer(v${ins.in1}, v${ins.in2})`,
  }),
  defineOp({
    name: 'SCALAR_MATRIX_PRODUCT_OP',
    id: 29,
    in1: 'scalar',
    in2: 'matrix',
    out: 'matrix',
    doc: 'm[out] = s[in1] * m[in2]',
    run: (mem, ins) => {
      const size = mem.features * mem.features;
      const scale = mem.s[ins.in1]!;
      for (let k = 0; k < size; k++) mem.m[ins.out * size + k] = mem.m[ins.in2 * size + k]! * scale;
    },
    emit: (e, ins) => e.each(e.features * e.features, (k) => `${e.mFlat(ins.out, k)} = ${e.mFlat(ins.in2, k)} * ${e.s(ins.in1)};\n`),
    format: (ins) => `m${ins.out} = s${ins.in1} * m${ins.in2}`,
  }),
  defineOp({
    name: 'MATRIX_VECTOR_PRODUCT_OP',
    id: 31,
    in1: 'matrix',
    in2: 'vector',
    out: 'vector',
    doc: 'v[out] = m[in1] v[in2] (matrix times column vector)',
    run: (mem, ins) => {
      const n = mem.features;
      const t = mem.scratch;
      for (let r = 0; r < n; r++) {
        let acc = mem.m[ins.in1 * n * n + r * n]! * mem.v[ins.in2 * n]!;
        for (let c = 1; c < n; c++) acc += mem.m[ins.in1 * n * n + r * n + c]! * mem.v[ins.in2 * n + c]!;
        t[r] = acc;
      }
      for (let r = 0; r < n; r++) mem.v[ins.out * n + r] = t[r]!;
    },
    emit: (e, ins) => {
      const target = ins.out === ins.in2 ? (r: string | number) => e.tmp(r) : (r: string | number) => e.v(ins.out, r);
      let code = e.each(e.features, (r) => `{ ${e.sum('acc', e.features, (c) => `${e.m(ins.in1, r, c)} * ${e.v(ins.in2, c)}`)}${target(r)} = acc; }\n`);
      if (ins.out === ins.in2) code += e.each(e.features, (r) => `${e.v(ins.out, r)} = ${e.tmp(r)};\n`);
      return code;
    },
    format: (ins) => `v${ins.out} = dot(m${ins.in1}, v${ins.in2})`,
  }),
  defineOp({
    name: 'VECTOR_COLUMN_BROADCAST_OP',
    id: 32,
    in1: 'vector',
    out: 'matrix',
    doc: 'm[out][r,c] = v[in1][r] (every column is the vector)',
    run: (mem, ins) => {
      const n = mem.features;
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) mem.m[ins.out * n * n + r * n + c] = mem.v[ins.in1 * n + r]!;
    },
    emit: (e, ins) => e.each(e.features, (r) => e.each(e.features, (c) => `${e.m(ins.out, r, c)} = ${e.v(ins.in1, r)};\n`)),
    format: (ins) => `m${ins.out} = bcast(v${ins.in1}, axis=0)`,
  }),
  defineOp({
    name: 'VECTOR_ROW_BROADCAST_OP',
    id: 33,
    in1: 'vector',
    out: 'matrix',
    doc: 'm[out][r,c] = v[in1][c] (every row is the vector)',
    run: (mem, ins) => {
      const n = mem.features;
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) mem.m[ins.out * n * n + r * n + c] = mem.v[ins.in1 * n + c]!;
    },
    emit: (e, ins) => e.each(e.features, (r) => e.each(e.features, (c) => `${e.m(ins.out, r, c)} = ${e.v(ins.in1, c)};\n`)),
    format: (ins) => `m${ins.out} = bcast(v${ins.in1}, axis=1)`,
  }),
  defineOp({
    name: 'MATRIX_NORM_OP',
    id: 34,
    in1: 'matrix',
    out: 'scalar',
    doc: 's[out] = ||m[in1]|| (Frobenius)',
    run: (mem, ins) => {
      const size = mem.features * mem.features;
      const a = ins.in1 * size;
      let acc = mem.m[a]! * mem.m[a]!;
      for (let k = 1; k < size; k++) acc += mem.m[a + k]! * mem.m[a + k]!;
      mem.s[ins.out] = Math.sqrt(acc);
    },
    emit: (e, ins) => `{ ${e.sum('acc', e.features * e.features, (k) => `${e.mFlat(ins.in1, k)} * ${e.mFlat(ins.in1, k)}`)}${e.s(ins.out)} = Math.sqrt(acc); }\n`,
    format: (ins) => `s${ins.out} = norm(m${ins.in1})`,
  }),
  defineOp({
    name: 'MATRIX_COLUMN_NORM_OP',
    id: 35,
    in1: 'matrix',
    out: 'vector',
    doc: 'v[out][c] = ||column c of m[in1]||',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n * n;
      for (let c = 0; c < n; c++) {
        let acc = mem.m[a + c]! * mem.m[a + c]!;
        for (let r = 1; r < n; r++) acc += mem.m[a + r * n + c]! * mem.m[a + r * n + c]!;
        mem.v[ins.out * n + c] = Math.sqrt(acc);
      }
    },
    emit: (e, ins) => e.each(e.features, (c) => `{ ${e.sum('acc', e.features, (r) => `${e.m(ins.in1, r, c)} * ${e.m(ins.in1, r, c)}`)}${e.v(ins.out, c)} = Math.sqrt(acc); }\n`),
    format: (ins) => `v${ins.out} = norm(m${ins.in1}, axis=0)`,
  }),
  defineOp({
    name: 'MATRIX_ROW_NORM_OP',
    id: 36,
    in1: 'matrix',
    out: 'vector',
    doc: 'v[out][r] = ||row r of m[in1]||',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n * n;
      for (let r = 0; r < n; r++) {
        let acc = mem.m[a + r * n]! * mem.m[a + r * n]!;
        for (let c = 1; c < n; c++) acc += mem.m[a + r * n + c]! * mem.m[a + r * n + c]!;
        mem.v[ins.out * n + r] = Math.sqrt(acc);
      }
    },
    emit: (e, ins) => e.each(e.features, (r) => `{ ${e.sum('acc', e.features, (c) => `${e.m(ins.in1, r, c)} * ${e.m(ins.in1, r, c)}`)}${e.v(ins.out, r)} = Math.sqrt(acc); }\n`),
    format: (ins) => `v${ins.out} = norm(m${ins.in1}, axis=1)`,
  }),
  defineOp({
    name: 'MATRIX_TRANSPOSE_OP',
    id: 37,
    in1: 'matrix',
    out: 'matrix',
    doc: 'm[out] = transpose(m[in1])',
    run: (mem, ins) => {
      const n = mem.features;
      const t = mem.scratch;
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) t[r * n + c] = mem.m[ins.in1 * n * n + c * n + r]!;
      mem.m.set(t.subarray(0, n * n), ins.out * n * n);
    },
    emit: (e, ins) => {
      const f = e.features;
      if (ins.out !== ins.in1) return e.each(f, (r) => e.each(f, (c) => `${e.m(ins.out, r, c)} = ${e.m(ins.in1, c, r)};\n`));
      const flat = (r: string | number, c: string | number): string | number => (typeof r === 'number' && typeof c === 'number' ? r * f + c : `${r} * ${f} + ${c}`);
      return (
        e.each(f, (r) => e.each(f, (c) => `${e.tmp(flat(r, c))} = ${e.m(ins.in1, c, r)};\n`)) +
        e.each(f, (r) => e.each(f, (c) => `${e.m(ins.out, r, c)} = ${e.tmp(flat(r, c))};\n`))
      );
    },
    format: (ins) => `m${ins.out} = transpose(m${ins.in1})`,
  }),
  defineOp({
    name: 'MATRIX_MATRIX_PRODUCT_OP',
    id: 43,
    in1: 'matrix',
    in2: 'matrix',
    out: 'matrix',
    doc: 'm[out] = m[in1] m[in2] (matrix product)',
    run: (mem, ins) => {
      const n = mem.features;
      const a = ins.in1 * n * n;
      const b = ins.in2 * n * n;
      const t = mem.scratch;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          let acc = mem.m[a + r * n]! * mem.m[b + c]!;
          for (let k = 1; k < n; k++) acc += mem.m[a + r * n + k]! * mem.m[b + k * n + c]!;
          t[r * n + c] = acc;
        }
      }
      mem.m.set(t.subarray(0, n * n), ins.out * n * n);
    },
    emit: (e, ins) => {
      const f = e.features;
      const aliased = ins.out === ins.in1 || ins.out === ins.in2;
      const flat = (r: string | number, c: string | number): string | number => (typeof r === 'number' && typeof c === 'number' ? r * f + c : `${r} * ${f} + ${c}`);
      const target = (r: string | number, c: string | number): string => (aliased ? e.tmp(flat(r, c)) : e.m(ins.out, r, c));
      let code = e.each(f, (r) => e.each(f, (c) => `{ ${e.sum('acc', f, (k) => `${e.m(ins.in1, r, k)} * ${e.m(ins.in2, k, c)}`)}${target(r, c)} = acc; }\n`));
      if (aliased) code += e.each(f, (r) => e.each(f, (c) => `${e.m(ins.out, r, c)} = ${e.tmp(flat(r, c))};\n`));
      return code;
    },
    format: (ins) => `m${ins.out} = matmul(m${ins.in1}, m${ins.in2})`,
  }),
];
