import { UsageError } from '../../core/errors.ts';
import { outputBuffer } from './recycling.ts';
import { gradientOf, passGradient, result } from './autograd.ts';
import { accessFor, broadcastShape, type Access } from './broadcast.ts';
import { BINARY_OPS, compileKernel, UNARY_OPS, unaryForward, type BinaryOpName, type UnaryOpName } from './elementwise-ops.ts';
import { full, sizeOf, Tensor, type DType, type FloatArray } from './tensor.ts';

/** A tensor, or a number that acts as a constant scalar of the other operand's type. */
export type Operand = Tensor | number;

type UnaryForward = (x: FloatArray, y: FloatArray, n: number, p0: number, p1: number) => void;
type UnaryBackward = (x: FloatArray, y: FloatArray, g: FloatArray, gx: FloatArray, n: number, p0: number, p1: number) => void;
type BinaryKernel = (a: FloatArray, b: FloatArray, y: FloatArray, g: FloatArray | null, ga: FloatArray | null, gb: FloatArray | null, n: number, pa: number, pb: number, ma: Int32Array | null, mb: Int32Array | null) => void;

// Kernels are compiled per op, access pattern and element type, so each loop stays monomorphic.
const kernels = new Map<string, unknown>();

function compiled<T>(key: string, make: () => T): T {
  let kernel = kernels.get(key) as T | undefined;
  if (kernel === undefined) {
    kernel = make();
    kernels.set(key, kernel);
  }
  return kernel;
}

function unaryKernels(op: UnaryOpName, dtype: DType): { forward: UnaryForward; backward: UnaryBackward } {
  const spec = UNARY_OPS[op];
  return compiled(`${op}:${dtype}`, () => ({
    forward: compileKernel<UnaryForward>(['X', 'Y', 'n', 'p0', 'p1'], `for (let i = 0; i < n; i++) { const x = X[i]; Y[i] = ${unaryForward(op, dtype)}; }`),
    backward: compileKernel<UnaryBackward>(['X', 'Y', 'G', 'GX', 'n', 'p0', 'p1'], `for (let i = 0; i < n; i++) { const x = X[i], y = Y[i], g = G[i]; GX[i] += ${spec.gradient}; }`),
  }));
}

/** Applies a unary op from the table elementwise. */
export function unary(op: UnaryOpName, x: Tensor, p0 = 0, p1 = 0): Tensor {
  const { forward, backward } = unaryKernels(op, x.dtype);
  const y = outputBuffer(x.dtype, x.size);
  forward(x.data, y, x.size, p0, p1);
  return result(y, x.shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx !== null && UNARY_OPS[op].gradient !== '0') backward(x.data, y, g, gx, x.size, p0, p1);
  });
}

/** The index expression and per-element step for one operand's access pattern. */
function indexing(access: Access, name: 'a' | 'b'): { index: string; step: string } {
  const counter = `j${name}`;
  const period = `p${name}`;
  switch (access.kind) {
    case 'same': return { index: 'i', step: '' };
    case 'scalar': return { index: '0', step: '' };
    case 'tile': return { index: counter, step: `if (++${counter} === ${period}) ${counter} = 0;` };
    case 'map': return { index: `m${name}[i]`, step: '' };
  }
}

function binaryKernel(op: BinaryOpName, part: 'forward' | 'a' | 'b', accessA: Access, accessB: Access, dtype: DType): BinaryKernel {
  const spec = BINARY_OPS[op];
  return compiled(`${op}:${part}:${accessA.kind}:${accessB.kind}:${dtype}`, () => {
    const ia = indexing(accessA, 'a');
    const ib = indexing(accessB, 'b');
    // A gradient into a scalar operand is summed in a local, not through memory: one element
    // read and written back per iteration would chain every iteration on the one before.
    const intoScalar = (part === 'a' && accessA.kind === 'scalar') || (part === 'b' && accessB.kind === 'scalar');
    const gradient = part === 'a' ? spec.gradientA : spec.gradientB;
    const body =
      part === 'forward' ? `Y[i] = ${spec.forward};`
      : intoScalar ? `total += ${gradient};`
      : part === 'a' ? `ga[${ia.index}] += ${gradient};`
      : `gb[${ib.index}] += ${gradient};`;
    const source = `let ja = 0, jb = 0, total = 0;\nfor (let i = 0; i < n; i++) {\n  const a = A[${ia.index}], b = B[${ib.index}]${part === 'forward' ? '' : ', g = G[i]'};\n  ${body}\n  ${ia.step} ${ib.step}\n}\n${intoScalar ? `g${part}[0] += total;` : ''}`;
    return compileKernel<BinaryKernel>(['A', 'B', 'Y', 'G', 'ga', 'gb', 'n', 'pa', 'pb', 'ma', 'mb'], source);
  });
}

function period(access: Access): number {
  return access.kind === 'tile' ? access.period : 0;
}

function map(access: Access): Int32Array | null {
  return access.kind === 'map' ? access.map : null;
}

/** Turns numbers into scalars of the other operand's type; rejects mixed float32/float64. */
export function operands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') throw new UsageError(`${op}: at least one operand must be a tensor`);
  const dtype = typeof a === 'number' ? (b as Tensor).dtype : a.dtype;
  const ta = typeof a === 'number' ? full([], a, dtype) : a;
  const tb = typeof b === 'number' ? full([], b, dtype) : b;
  if (ta.dtype !== tb.dtype) throw new UsageError(`${op}: operands are ${ta.dtype} and ${tb.dtype}; convert one with cast()`);
  return [ta, tb];
}

/** Applies a binary op from the table elementwise, with broadcasting. */
export function binary(op: BinaryOpName, left: Operand, right: Operand): Tensor {
  const [a, b] = operands(op, left, right);
  const shape = a.shape.length === b.shape.length && a.size === b.size && a.shape.every((d, i) => d === b.shape[i])
    ? a.shape
    : broadcastShape(a.shape, b.shape, op);
  const n = sizeOf(shape);
  const accessA = accessFor(shape, a.shape);
  const accessB = accessFor(shape, b.shape);
  const y = outputBuffer(a.dtype, n);
  binaryKernel(op, 'forward', accessA, accessB, a.dtype)(a.data, b.data, y, null, null, null, n, period(accessA), period(accessB), map(accessA), map(accessB));
  // a + b and a − b pass their gradient to a unchanged: a same-shaped a takes it as it is.
  const passesToA = (op === 'add' || op === 'sub') && accessA.kind === 'same';
  const out: Tensor = result(y, shape, [a, b], (g) => {
    const ga = passesToA ? null : gradientOf(a);
    if (passesToA) passGradient(out, a, g);
    else if (ga !== null) binaryKernel(op, 'a', accessA, accessB, a.dtype)(a.data, b.data, y, g, ga, null, n, period(accessA), period(accessB), map(accessA), map(accessB));
    const gb = gradientOf(b);
    if (gb !== null) binaryKernel(op, 'b', accessA, accessB, a.dtype)(a.data, b.data, y, g, null, gb, n, period(accessA), period(accessB), map(accessA), map(accessB));
  });
  return out;
}

/** The same values in another element type (gradients convert back). */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const y = outputBuffer(dtype, x.size);
  y.set(x.data);
  return result(y, x.shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx !== null) for (let i = 0; i < g.length; i++) gx[i]! += g[i]!;
  });
}

export const add = (a: Operand, b: Operand): Tensor => binary('add', a, b);
export const sub = (a: Operand, b: Operand): Tensor => binary('sub', a, b);
export const mul = (a: Operand, b: Operand): Tensor => binary('mul', a, b);
export const div = (a: Operand, b: Operand): Tensor => binary('div', a, b);
/** Elementwise minimum; at ties the gradient goes to `a`. */
export const minimum = (a: Operand, b: Operand): Tensor => binary('minimum', a, b);
/** Elementwise maximum; at ties the gradient goes to `a`. */
export const maximum = (a: Operand, b: Operand): Tensor => binary('maximum', a, b);

export const neg = (x: Tensor): Tensor => unary('neg', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
/** −1, 0 or 1; its gradient is zero. */
export const sign = (x: Tensor): Tensor => unary('sign', x);
export const square = (x: Tensor): Tensor => unary('square', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const reciprocal = (x: Tensor): Tensor => unary('reciprocal', x);
export const sin = (x: Tensor): Tensor => unary('sin', x);
export const cos = (x: Tensor): Tensor => unary('cos', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
/** log(1 + eˣ), computed without overflow. */
export const softplus = (x: Tensor): Tensor => unary('softplus', x);
export const leakyRelu = (x: Tensor, slope = 0.01): Tensor => unary('leakyRelu', x, slope);
/** Each element limited to [min, max]; the gradient is zero outside. */
export const clip = (x: Tensor, min: number, max: number): Tensor => unary('clip', x, min, max);
/** xᵖ for a constant exponent p. */
export const pow = (x: Tensor, exponent: number): Tensor => unary('pow', x, exponent);
