/**
 * Generates the WebAssembly SIMD kernels that fused ops run between matrix products, over
 * float32 operands in the kernel memory: a dense layer's bias and activation and their
 * gradient, the row gathers and scatters of message passing, and scaled copies and sums. Every
 * kernel works in f32x4 vectors, so row widths and lengths are multiples of 4 floats (the
 * caller checks), and it adds in the order the JavaScript loops do, so that sums of float32
 * values round the same way.
 */
import { forLoop, FunctionBody, ModuleBuilder, ValueType } from './wasm-assembler.ts';

const { I32, F32, V128 } = ValueType;

/** The names under which the module exports its kernels. */
export const rowsExports = {
  biasIdentity: 'bias_identity',
  biasRelu: 'bias_relu',
  reluGradientBias: 'relu_gradient_bias',
  columnSums: 'column_sums',
  gatherAdd: 'gather_add',
  addRowsAt: 'add_rows_at',
  addRowsFrom: 'add_rows_from',
  scale: 'scale',
  axpy: 'axpy',
  dot: 'dot',
} as const;

/**
 * bias_{identity,relu}(c, bias, rows, columns): C[r][j] = act(C[r][j] + bias[j]) in place
 * (relu as f32x4.max with 0, which keeps NaN, as the JavaScript form does).
 */
function biasActivation(relu: boolean): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32], []);
  const [c, bias, rows, columns] = [0, 1, 2, 3];
  const r = f.local(I32), j = f.local(I32), rowBytes = f.local(I32);
  f.get(columns).i32(2).i32Shl().set(rowBytes);
  forLoop(f, r, () => f.i32(0), () => f.get(rows), 1, () => {
    forLoop(f, j, () => f.i32(0), () => f.get(rowBytes), 16, () => {
      f.get(c).get(j).i32Add();
      f.get(c).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.get(bias).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.f32x4Add();
      if (relu) f.v128Zero().f32x4Max();
      f.v128Store({ alignLog2: 0 });
    });
    f.get(c).get(rowBytes).i32Add().set(c);
  });
  return f;
}

/**
 * relu_gradient_bias(y, g, gz, gb, rows, columns): gz = (y > 0 ? g : 0) from the layer's
 * output y, and gb[j] += gz[r][j] over the rows in order.
 */
function reluGradientBias(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32], []);
  const [y, g, gz, gb, rows, columns] = [0, 1, 2, 3, 4, 5];
  const r = f.local(I32), j = f.local(I32), rowBytes = f.local(I32), value = f.local(V128);
  f.get(columns).i32(2).i32Shl().set(rowBytes);
  forLoop(f, r, () => f.i32(0), () => f.get(rows), 1, () => {
    forLoop(f, j, () => f.i32(0), () => f.get(rowBytes), 16, () => {
      f.get(g).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.get(y).get(j).i32Add().v128Load({ alignLog2: 0 }).v128Zero().f32x4Gt();
      f.v128And().set(value);
      f.get(gz).get(j).i32Add().get(value).v128Store({ alignLog2: 0 });
      f.get(gb).get(j).i32Add();
      f.get(gb).get(j).i32Add().v128Load({ alignLog2: 0 }).get(value).f32x4Add();
      f.v128Store({ alignLog2: 0 });
    });
    for (const pointer of [y, g, gz]) f.get(pointer).get(rowBytes).i32Add().set(pointer);
  });
  return f;
}

/** column_sums(g, gb, rows, columns): gb[j] += g[r][j] over the rows in order. */
function columnSums(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32], []);
  const [g, gb, rows, columns] = [0, 1, 2, 3];
  const r = f.local(I32), j = f.local(I32), rowBytes = f.local(I32);
  f.get(columns).i32(2).i32Shl().set(rowBytes);
  forLoop(f, r, () => f.i32(0), () => f.get(rows), 1, () => {
    forLoop(f, j, () => f.i32(0), () => f.get(rowBytes), 16, () => {
      f.get(gb).get(j).i32Add();
      f.get(gb).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.get(g).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.f32x4Add().v128Store({ alignLog2: 0 });
    });
    f.get(g).get(rowBytes).i32Add().set(g);
  });
  return f;
}

/** Which side of `gather_add` is indexed: both, or only the target (rows of x in order), or only the source (rows of y in order). */
type Indexed = 'both' | 'target' | 'source';

/**
 * gather_add(x, y, from, to, count, width): for e = 0..count−1 in order, row to[e] of y +=
 * row from[e] of x (rows of `width` floats; from and to are int32 row indices). The
 * `target`-indexed form reads row e of x (from is ignored); the `source`-indexed one adds
 * into row e of y (to is ignored).
 */
function gatherAdd(indexed: Indexed): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32], []);
  const [x, y, from, to, count, width] = [0, 1, 2, 3, 4, 5];
  const e = f.local(I32), j = f.local(I32), rowBytes = f.local(I32), source = f.local(I32), target = f.local(I32);
  f.get(width).i32(2).i32Shl().set(rowBytes);
  const rowAt = (base: number, indices: number | null): void => {
    f.get(base);
    if (indices === null) f.get(e);
    else f.get(indices).get(e).i32(2).i32Shl().i32Add().i32Load();
    f.get(rowBytes).i32Mul().i32Add();
  };
  forLoop(f, e, () => f.i32(0), () => f.get(count), 1, () => {
    rowAt(x, indexed === 'target' ? null : from);
    f.set(source);
    rowAt(y, indexed === 'source' ? null : to);
    f.set(target);
    forLoop(f, j, () => f.i32(0), () => f.get(rowBytes), 16, () => {
      f.get(target).get(j).i32Add();
      f.get(target).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.get(source).get(j).i32Add().v128Load({ alignLog2: 0 });
      f.f32x4Add().v128Store({ alignLog2: 0 });
    });
  });
  return f;
}

/** scale(x, y, n, a): y = a·x; axpy(x, y, n, a): y += a·x (n floats). */
function scaled(accumulate: boolean): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, F32], []);
  const [x, y, n, a] = [0, 1, 2, 3];
  const i = f.local(I32), end = f.local(I32), factor = f.local(V128);
  f.get(a).f32x4Splat().set(factor);
  f.get(n).i32(2).i32Shl().set(end);
  forLoop(f, i, () => f.i32(0), () => f.get(end), 16, () => {
    f.get(y).get(i).i32Add();
    f.get(x).get(i).i32Add().v128Load({ alignLog2: 0 }).get(factor).f32x4Mul();
    if (accumulate) f.get(y).get(i).i32Add().v128Load({ alignLog2: 0 }).f32x4Add();
    f.v128Store({ alignLog2: 0 });
  });
  return f;
}

/** dot(x, y, n) → Σ x[i]·y[i], summed in four lanes, then across them. */
function dot(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32], [F32]);
  const [x, y, n] = [0, 1, 2];
  const i = f.local(I32), end = f.local(I32), total = f.local(V128);
  f.v128Zero().set(total);
  f.get(n).i32(2).i32Shl().set(end);
  forLoop(f, i, () => f.i32(0), () => f.get(end), 16, () => {
    f.get(x).get(i).i32Add().v128Load({ alignLog2: 0 });
    f.get(y).get(i).i32Add().v128Load({ alignLog2: 0 });
    f.f32x4Mul().get(total).f32x4Add().set(total);
  });
  f.get(total).f32x4ExtractLane(0).get(total).f32x4ExtractLane(1).f32Add();
  f.get(total).f32x4ExtractLane(2).get(total).f32x4ExtractLane(3).f32Add().f32Add();
  return f;
}

/** The encoded module. */
export function buildRowsModule(): Uint8Array {
  const module = new ModuleBuilder();
  module.addFunction(rowsExports.biasIdentity, biasActivation(false));
  module.addFunction(rowsExports.biasRelu, biasActivation(true));
  module.addFunction(rowsExports.reluGradientBias, reluGradientBias());
  module.addFunction(rowsExports.columnSums, columnSums());
  module.addFunction(rowsExports.gatherAdd, gatherAdd('both'));
  module.addFunction(rowsExports.addRowsAt, gatherAdd('target'));
  module.addFunction(rowsExports.addRowsFrom, gatherAdd('source'));
  module.addFunction(rowsExports.scale, scaled(false));
  module.addFunction(rowsExports.axpy, scaled(true));
  module.addFunction(rowsExports.dot, dot());
  return module.encode();
}
