/**
 * The batch-1 MLP forward in WebAssembly SIMD, for float32 policies whose activations are
 * identity, relu or tanh: one generated function per architecture, every offset a constant,
 * the dot products four outputs to an f32x4 register and up to eight registers at once, the
 * activation applied to the registers before they are stored. Each call copies the input and
 * the current weights into the kernels' memory (the weights are the layers' own arrays, which
 * optimizers update in place, so nothing can be kept between calls); for a 4-32-32-1 policy
 * the copies are ~1,200 floats, less than the scalar multiply-adds they replace.
 */
import { kernelMemory } from './kernel-memory.ts';
import { FunctionBody, ModuleBuilder, ValueType } from './wasm-assembler.ts';

const { I32, V128 } = ValueType;

/** The activations the SIMD predictor applies. */
export type SimdActivation = 'identity' | 'relu' | 'tanh';

/** True for an activation the SIMD predictor applies. */
export function isSimdActivation(name: string): name is SimdActivation {
  return name === 'identity' || name === 'relu' || name === 'tanh';
}

/** One dense layer's shape, as the SIMD predictor needs it. */
export interface SimdLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly bias: boolean;
  readonly activation: SimdActivation;
}

/** f32x4 registers of sums kept at once: with the splat and a weight vector, 10 of V8's 16. */
const GROUP = 8;
/** Bytes past each region that a vector load at its end may read. */
const SLACK = 16;
/** tanh's clamp and its rational approximation (Eigen's float32 coefficients, as tanh32 in tensor/elementwise-ops.ts). */
const TANH_CLAMP = 7.90531110763549805;
const TANH_P = [4.89352455891786e-03, 6.37261928875436e-04, 1.48572235717979e-05, 5.12229709037114e-08, -8.60467152213735e-11, 2.00018790482477e-13, -2.76076847742355e-16];
const TANH_Q = [4.89352518554385e-03, 2.26843463243900e-03, 1.18534705686654e-04, 1.19825839466702e-06];

/** Byte offsets of the regions one call uses, from the start of the scratch region. */
interface Layout {
  readonly input: number;
  readonly weights: number[];
  readonly biases: number[];
  readonly outputs: number[];
  readonly bytes: number;
}

function layoutOf(layers: readonly SimdLayer[]): Layout {
  let at = 0;
  const take = (floats: number): number => {
    const start = at;
    at += (4 * floats + SLACK + 15) & ~15;
    return start;
  };
  const input = take(layers[0]!.inputs);
  const weights: number[] = [], biases: number[] = [], outputs: number[] = [];
  for (const layer of layers) {
    weights.push(take(layer.inputs * layer.outputs));
    biases.push(take(layer.outputs));
    outputs.push(take(layer.outputs));
  }
  return { input, weights, biases, outputs, bytes: at };
}

interface Temporaries { readonly c: number; readonly x2: number; readonly x4: number; readonly x8: number; readonly p: number; readonly q: number }

/** a + b·x² onto the stack. */
function linearTerm(f: FunctionBody, t: Temporaries, a: number, b: number): void {
  f.f32x4Const(a).f32x4Const(b).get(t.x2).f32x4Mul().f32x4Add();
}

/** Replaces local `v` by tanh(v): the rational approximation by Estrin's scheme, ±1 from |v| = 9. */
function emitTanh(f: FunctionBody, v: number, t: Temporaries): void {
  f.get(v).f32x4Const(-TANH_CLAMP).f32x4Max().f32x4Const(TANH_CLAMP).f32x4Min().set(t.c);
  f.get(t.c).get(t.c).f32x4Mul().set(t.x2);
  f.get(t.x2).get(t.x2).f32x4Mul().set(t.x4);
  f.get(t.x4).get(t.x4).f32x4Mul().set(t.x8);
  const [a1, a3, a5, a7, a9, a11, a13] = TANH_P as [number, number, number, number, number, number, number];
  linearTerm(f, t, a1, a3);
  f.get(t.x4);
  linearTerm(f, t, a5, a7);
  f.f32x4Mul().f32x4Add();
  f.get(t.x8);
  linearTerm(f, t, a9, a11);
  f.get(t.x4).f32x4Const(a13).f32x4Mul().f32x4Add();
  f.f32x4Mul().f32x4Add().set(t.p);
  const [b0, b2, b4, b6] = TANH_Q as [number, number, number, number];
  linearTerm(f, t, b0, b2);
  f.get(t.x4);
  linearTerm(f, t, b4, b6);
  f.f32x4Mul().f32x4Add().set(t.q);
  f.get(t.c).get(t.p).f32x4Mul().get(t.q).f32x4Div().set(t.p);
  // bitselect(copysign(1, v), c·p/q, |v| ≥ 9); −0 is the sign bit alone.
  f.get(v).f32x4Const(1).f32x4Const(-0).v128Bitselect();
  f.get(t.p);
  f.get(v).f32x4Abs().f32x4Const(9).f32x4Ge();
  f.v128Bitselect().set(v);
}

/** Stores local `v` at base + offset: all four lanes, or the first `lanes`. */
function store(f: FunctionBody, base: number, v: number, offset: number, lanes: number): void {
  const at = { offset, alignLog2: 0 };
  if (lanes === 4) f.get(base).get(v).v128Store(at);
  else if (lanes === 1) f.get(base).get(v).v128Store32Lane(0, at);
  else if (lanes === 2) f.get(base).get(v).v128Store64Lane(0, at);
  else {
    f.get(base).get(v).v128Store64Lane(0, at);
    f.get(base).get(v).v128Store32Lane(2, { offset: offset + 8, alignLog2: 0 });
  }
}

function forward(layers: readonly SimdLayer[], layout: Layout): FunctionBody {
  const f = new FunctionBody([I32], []);
  const base = 0;
  const sums = Array.from({ length: GROUP }, () => f.local(V128));
  const splat = f.local(V128);
  const t: Temporaries = { c: f.local(V128), x2: f.local(V128), x4: f.local(V128), x8: f.local(V128), p: f.local(V128), q: f.local(V128) };
  layers.forEach((layer, l) => {
    const { inputs: n, outputs: m } = layer;
    const input = l === 0 ? layout.input : layout.outputs[l - 1]!;
    const vectors = Math.ceil(m / 4);
    for (let g = 0; g < vectors; g += GROUP) {
      const count = Math.min(GROUP, vectors - g);
      for (let v = 0; v < count; v++) {
        if (layer.bias) f.get(base).v128Load({ offset: layout.biases[l]! + 16 * (g + v), alignLog2: 0 }).set(sums[v]!);
        else f.v128Zero().set(sums[v]!);
      }
      for (let i = 0; i < n; i++) {
        f.get(base).v128Load32Splat({ offset: input + 4 * i, alignLog2: 0 }).set(splat);
        for (let v = 0; v < count; v++) {
          f.get(sums[v]!).get(splat).get(base).v128Load({ offset: layout.weights[l]! + 4 * (i * m + 4 * (g + v)), alignLog2: 0 });
          f.f32x4Mul().f32x4Add().set(sums[v]!);
        }
      }
      for (let v = 0; v < count; v++) {
        const sum = sums[v]!;
        if (layer.activation === 'relu') f.get(sum).v128Zero().f32x4Max().set(sum);
        else if (layer.activation === 'tanh') emitTanh(f, sum, t);
        const last = g + v === vectors - 1;
        store(f, base, sum, layout.outputs[l]! + 16 * (g + v), last && m % 4 !== 0 ? m % 4 : 4);
      }
    }
  });
  return f;
}

/** A batch-1 forward over given weight arrays; the returned array is reused by the next call. */
export type SimdPredictor = (input: ArrayLike<number>) => Float32Array;

type Bind = (weights: readonly Float32Array[], biases: readonly (Float32Array | null)[], fail: (length: number) => never) => SimdPredictor;

// Compiled once per architecture; every predictor of that architecture shares the instance.
const compiled = new Map<string, Bind>();

function compile(layers: readonly SimdLayer[]): Bind {
  const layout = layoutOf(layers);
  const memory = kernelMemory();
  const module = new ModuleBuilder();
  module.addFunction('forward', forward(layers, layout));
  const run = new WebAssembly.Instance(new WebAssembly.Module(module.encode()), { env: { memory: memory.memory } }).exports.forward as (base: number) => void;
  const inputs = layers[0]!.inputs;
  const last = layers.length - 1;
  const outputs = layers[last]!.outputs;
  return (weights, biases, fail) => {
    const result = new Float32Array(outputs);
    return (input) => {
      if (input.length !== inputs) fail(input.length);
      const base = memory.scratch(layout.bytes);
      // Taken after scratch(), which may grow the memory and so detach older views.
      const heap = memory.heap();
      const at = base >> 2;
      heap.set(input, at + (layout.input >> 2));
      for (let l = 0; l <= last; l++) {
        heap.set(weights[l]!, at + (layout.weights[l]! >> 2));
        const bias = biases[l];
        if (bias !== null && bias !== undefined) heap.set(bias, at + (layout.biases[l]! >> 2));
      }
      run(base);
      const from = at + (layout.outputs[last]! >> 2);
      for (let j = 0; j < outputs; j++) result[j] = heap[from + j]!;
      return result;
    };
  };
}

/** A SIMD forward through layers of these shapes, reading the given arrays at every call. */
export function simdPredictor(layers: readonly SimdLayer[], weights: readonly Float32Array[], biases: readonly (Float32Array | null)[], fail: (length: number) => never): SimdPredictor {
  const key = layers.map((l) => `${l.inputs}x${l.outputs}:${l.activation}:${l.bias ? 1 : 0}`).join('|');
  let bind = compiled.get(key);
  if (bind === undefined) {
    bind = compile(layers);
    compiled.set(key, bind);
  }
  return bind(weights, biases, fail);
}
