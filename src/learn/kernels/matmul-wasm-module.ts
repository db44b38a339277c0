/**
 * Generates the WebAssembly SIMD matmul module: a B-packing routine, register-blocked
 * micro-kernels (up to `rows` × 4·`vectors` outputs held in f32x4 registers), and a driver
 * that tiles C with them. The design follows the usual GEMM structure (Goto & van de Geijn,
 * "Anatomy of high-performance matrix multiplication", 2008): B is packed into column panels
 * so that each k step of a micro-kernel reads one contiguous run of B, while A is read in place
 * (one broadcast per row and k) in either storage order.
 */
import { forLoop, FunctionBody, ModuleBuilder, ValueType } from './wasm-assembler.ts';

const { I32, V128 } = ValueType;

/** Shape choices of the generated kernels. */
export interface MatmulModuleOptions {
  /** Rows of C per micro-kernel (register block height). */
  readonly rows: number;
  /** f32x4 vectors of C per row (register block width is 4× this). */
  readonly vectors: number;
  /** k steps per iteration of the unrolled inner loop. */
  readonly unroll: number;
  /** Use f32x4.relaxed_madd (fused multiply-add) instead of a multiply then an add. */
  readonly relaxed: boolean;
}

/**
 * The shape the kernels ship with: of blocks 2×4 to 6×2 vectors and unrolling by 1, 2 or 4,
 * 4 rows × 2 vectors without unrolling was fastest on an AVX-512 machine (V8 keeps 8 sums,
 * 2 panel vectors and a broadcast in its 16 xmm registers; unrolling only lengthened the loop).
 */
export const defaultMatmulModuleOptions: MatmulModuleOptions = { rows: 4, vectors: 2, unroll: 1, relaxed: false };

/**
 * pack_b(b, rowStride, columnStride, k, n, dst): copies op(B) (k×n, element (p, j) at byte
 * b + p·rowStride + j·columnStride) into panels of `panelWidth` columns, panel after panel,
 * each k rows of contiguous floats; columns past n are zero. Full panels of a row-major B are
 * vector copies; of a transposed B (columnStride ≠ 4, rowStride = 4), 4×4 vector transposes.
 */
function packB(panelWidth: number): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32], []);
  const [b, rowStride, columnStride, k, n, dst] = [0, 1, 2, 3, 4, 5];
  const j0 = f.local(I32), p = f.local(I32), c = f.local(I32), source = f.local(I32), value = f.local(ValueType.F32);
  const columns = Array.from({ length: 4 }, () => f.local(V128));
  const pairs = Array.from({ length: 4 }, () => f.local(V128));
  const sourceAt = (): void => {
    f.get(b).get(p).get(rowStride).i32Mul().i32Add().get(j0).get(columnStride).i32Mul().i32Add().set(source);
  };
  /** Scalar copy of rows p.. of the current panel, zero past column n. */
  const scalarRows = (): void => {
    forLoop(f, p, () => f.get(p), () => f.get(k), 1, () => {
      sourceAt();
      forLoop(f, c, () => f.i32(0), () => f.i32(panelWidth), 1, () => {
        f.f32(0).set(value);
        f.get(j0).get(c).i32Add().get(n).i32LtS().if();
        f.get(source).get(c).get(columnStride).i32Mul().i32Add().f32Load({ alignLog2: 0 }).set(value);
        f.end();
        f.get(dst).get(c).i32(2).i32Shl().i32Add().get(value).f32Store({ alignLog2: 0 });
      });
      f.get(dst).i32(panelWidth * 4).i32Add().set(dst);
    });
  };
  forLoop(f, j0, () => f.i32(0), () => f.get(n), panelWidth, () => {
    f.i32(0).set(p);
    f.get(j0).i32(panelWidth).i32Add().get(n).i32LeS().if();
    f.get(columnStride).i32(4).i32Eq().if();
    forLoop(f, p, () => f.i32(0), () => f.get(k), 1, () => {
      sourceAt();
      for (let v = 0; v < panelWidth / 4; v++) f.get(dst).get(source).v128Load({ offset: 16 * v, alignLog2: 0 }).v128Store({ offset: 16 * v, alignLog2: 0 });
      f.get(dst).i32(panelWidth * 4).i32Add().set(dst);
    });
    f.else();
    // Four k rows at a time: each column's four values are contiguous in a transposed B.
    f.block().loop();
    f.get(k).get(p).i32Sub().i32(4).i32LtS().brIf(1);
    sourceAt();
    for (let group = 0; group < panelWidth / 4; group++) {
      for (let col = 0; col < 4; col++) {
        f.get(source).get(columnStride).i32(4 * group + col).i32Mul().i32Add().v128Load({ alignLog2: 0 }).set(columns[col]!);
      }
      const [c0, c1, c2, c3] = columns as [number, number, number, number];
      f.get(c0).get(c1).shuffle32([0, 4, 1, 5]).set(pairs[0]!);
      f.get(c2).get(c3).shuffle32([0, 4, 1, 5]).set(pairs[1]!);
      f.get(c0).get(c1).shuffle32([2, 6, 3, 7]).set(pairs[2]!);
      f.get(c2).get(c3).shuffle32([2, 6, 3, 7]).set(pairs[3]!);
      for (let row = 0; row < 4; row++) {
        const low = pairs[row < 2 ? 0 : 2]!, high = pairs[row < 2 ? 1 : 3]!;
        f.get(dst).get(low).get(high).shuffle32(row % 2 === 0 ? [0, 1, 4, 5] : [2, 3, 6, 7]);
        f.v128Store({ offset: 4 * (row * panelWidth + 4 * group), alignLog2: 0 });
      }
    }
    f.get(dst).i32(16 * panelWidth).i32Add().set(dst);
    f.get(p).i32(4).i32Add().set(p);
    f.br(0);
    f.end().end();
    f.end();
    f.end();
    scalarRows();
  });
  return f;
}

/** How a micro-kernel finds A: row-major m×k (`rows`) or stored k×m (`columns`, transposeA). */
type AOrder = 'rows' | 'columns';

/**
 * tile(a, lda, b, c, ldc, k, flags): C[r][0..4·vectors) (+)= Σ_p A(r, p)·Bpanel[p], for
 * r < rows. `a` points at A(0, 0) of the block and lda is the byte stride between A's stored
 * rows; `b` points at a packed panel; flags bit 0 accumulates into C, bits 1–2 give how many
 * lanes of the last vector are stored (0 = all four), so C needs no padding.
 */
function tile(order: AOrder, rows: number, vectors: number, options: MatmulModuleOptions, panelWidth: number): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32], []);
  const [a, lda, b, c, ldc, k, flags] = [0, 1, 2, 3, 4, 5, 6];
  const rowPointers = Array.from({ length: rows }, (_, r) => (r === 0 ? a : f.local(I32)));
  const sums = Array.from({ length: rows }, () => Array.from({ length: vectors }, () => f.local(V128)));
  const panel = Array.from({ length: vectors }, () => f.local(V128));
  const broadcast = f.local(V128), tail = f.local(I32), cRow = f.local(I32);
  for (const row of sums) for (const sum of row) f.v128Zero().set(sum);
  if (order === 'rows') for (let r = 1; r < rows; r++) f.get(a).get(lda).i32(r).i32Mul().i32Add().set(rowPointers[r]!);

  /** One k step: `step` is its index within the unrolled group (for immediate offsets). */
  const kStep = (step: number): void => {
    for (let v = 0; v < vectors; v++) f.get(b).v128Load({ offset: (step * panelWidth + 4 * v) * 4, alignLog2: 0 }).set(panel[v]!);
    for (let r = 0; r < rows; r++) {
      if (order === 'rows') f.get(rowPointers[r]!).v128Load32Splat({ offset: 4 * step, alignLog2: 0 });
      else f.get(a).v128Load32Splat({ offset: 4 * r, alignLog2: 0 });
      f.set(broadcast);
      for (let v = 0; v < vectors; v++) {
        const sum = sums[r]![v]!;
        if (options.relaxed) f.get(broadcast).get(panel[v]!).get(sum).f32x4RelaxedMadd().set(sum);
        else f.get(sum).get(broadcast).get(panel[v]!).f32x4Mul().f32x4Add().set(sum);
      }
    }
    if (order === 'columns') f.get(a).get(lda).i32Add().set(a);
  };
  /** Runs `steps` k steps per iteration while at least that many remain. */
  const kLoop = (steps: number): void => {
    f.block().loop();
    f.get(k).i32(steps).i32LtS().brIf(1);
    for (let step = 0; step < steps; step++) kStep(step);
    if (order === 'rows') for (const pointer of rowPointers) f.get(pointer).i32(4 * steps).i32Add().set(pointer);
    f.get(b).i32(4 * panelWidth * steps).i32Add().set(b);
    f.get(k).i32(steps).i32Sub().set(k);
    f.br(0);
    f.end().end();
  };
  if (options.unroll > 1) kLoop(options.unroll);
  kLoop(1);

  f.get(flags).i32(1).i32And().if();
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < vectors; v++) {
      const sum = sums[r]![v]!;
      f.get(sum).get(c).get(ldc).i32(r).i32Mul().i32Add().v128Load({ offset: 16 * v, alignLog2: 0 }).f32x4Add().set(sum);
    }
  }
  f.end();
  f.get(flags).i32(1).i32ShrU().set(tail);
  const last = vectors - 1;
  const storeRows = (storeLast: (sum: number) => void): void => {
    for (let r = 0; r < rows; r++) {
      f.get(c).get(ldc).i32(r).i32Mul().i32Add().set(cRow);
      for (let v = 0; v < last; v++) f.get(cRow).get(sums[r]![v]!).v128Store({ offset: 16 * v, alignLog2: 0 });
      storeLast(sums[r]![last]!);
    }
  };
  const lastOffset = 16 * last;
  f.get(tail).i32Eqz().if();
  storeRows((sum) => f.get(cRow).get(sum).v128Store({ offset: lastOffset, alignLog2: 0 }));
  f.else().get(tail).i32(1).i32Eq().if();
  storeRows((sum) => f.get(cRow).get(sum).v128Store32Lane(0, { offset: lastOffset, alignLog2: 0 }));
  f.else().get(tail).i32(2).i32Eq().if();
  storeRows((sum) => f.get(cRow).get(sum).v128Store64Lane(0, { offset: lastOffset, alignLog2: 0 }));
  f.else();
  storeRows((sum) => {
    f.get(cRow).get(sum).v128Store64Lane(0, { offset: lastOffset, alignLog2: 0 });
    f.get(cRow).get(sum).v128Store32Lane(2, { offset: lastOffset + 8, alignLog2: 0 });
  });
  f.end().end().end();
  return f;
}

/**
 * gemm(a, lda, b, c, m, k, n, accumulate): C (m×n, row-major at byte c) (+)= op(A)·B with B
 * packed by pack_b; tiles C with the largest micro-kernel and finishes the edges with smaller
 * ones. `tiles[r - 1][v - 1]` is the index of the r-row, v-vector micro-kernel.
 */
function gemm(order: AOrder, tiles: number[][], options: MatmulModuleOptions, panelWidth: number): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32, I32], []);
  const [a, lda, b, c, m, k, n, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7];
  const i = f.local(I32), j = f.local(I32), aBlock = f.local(I32), cBlock = f.local(I32), panel = f.local(I32), ldc = f.local(I32), left = f.local(I32);
  f.get(n).i32(4).i32Mul().set(ldc);

  const rowBlock = (rows: number): void => {
    f.get(a);
    if (order === 'rows') f.get(i).get(lda).i32Mul();
    else f.get(i).i32(4).i32Mul();
    f.i32Add().set(aBlock);
    f.get(c).get(i).get(ldc).i32Mul().i32Add().set(cBlock);
    f.get(b).set(panel);
    f.i32(0).set(j);
    f.block().loop();
    f.get(n).get(j).i32Sub().i32(panelWidth).i32LtS().brIf(1);
    f.get(aBlock).get(lda).get(panel).get(cBlock).get(j).i32(4).i32Mul().i32Add().get(ldc).get(k).get(accumulate);
    f.call(tiles[rows - 1]![options.vectors - 1]!);
    f.get(j).i32(panelWidth).i32Add().set(j);
    f.get(panel).get(k).i32(4 * panelWidth).i32Mul().i32Add().set(panel);
    f.br(0);
    f.end().end();
    f.get(n).get(j).i32Sub().set(left);
    for (let v = 1; v <= options.vectors; v++) {
      // The last, partial panel: `left` columns in ceil(left / 4) vectors.
      f.get(left).i32(3).i32Add().i32(2).i32ShrU().i32(v).i32Eq().if();
      f.get(aBlock).get(lda).get(panel).get(cBlock).get(j).i32(4).i32Mul().i32Add().get(ldc).get(k);
      f.get(accumulate).get(left).i32(3).i32And().i32(1).i32Shl().i32Add();
      f.call(tiles[rows - 1]![v - 1]!);
      f.end();
    }
  };

  f.i32(0).set(i);
  f.block().loop();
  f.get(m).get(i).i32Sub().i32(options.rows).i32LtS().brIf(1);
  rowBlock(options.rows);
  f.get(i).i32(options.rows).i32Add().set(i);
  f.br(0);
  f.end().end();
  for (let rows = 1; rows < options.rows; rows++) {
    f.get(m).get(i).i32Sub().i32(rows).i32Eq().if();
    rowBlock(rows);
    f.end();
  }
  return f;
}

/** The names under which the module exports its entry points. */
export const matmulExports = { packB: 'pack_b', gemmRows: 'gemm_rows', gemmColumns: 'gemm_columns' } as const;

/** The encoded module for the given kernel shape. */
export function buildMatmulModule(options: MatmulModuleOptions = defaultMatmulModuleOptions): Uint8Array {
  const module = new ModuleBuilder();
  const panelWidth = 4 * options.vectors;
  module.addFunction(matmulExports.packB, packB(panelWidth));
  for (const order of ['rows', 'columns'] as const) {
    const tiles = Array.from({ length: options.rows }, (_, r) =>
      Array.from({ length: options.vectors }, (_, v) => module.addFunction(`tile_${order}_${r + 1}x${v + 1}`, tile(order, r + 1, v + 1, options, panelWidth))),
    );
    module.addFunction(order === 'rows' ? matmulExports.gemmRows : matmulExports.gemmColumns, gemm(order, tiles, options, panelWidth));
  }
  return module.encode();
}

/** A one-instruction module that validates only where relaxed SIMD is enabled. */
export function relaxedSimdProbe(): Uint8Array {
  const module = new ModuleBuilder();
  const f = new FunctionBody([], []);
  f.v128Zero().v128Zero().v128Zero().f32x4RelaxedMadd().set(f.local(V128));
  module.addFunction('probe', f);
  return module.encode();
}
