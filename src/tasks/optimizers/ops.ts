import { CONSTANT_TYPE } from '../../spaces/graph/graph.ts';
import { opSet, type OpSet } from '../../spaces/graph/op-set.ts';
import { defineOp, type Algebra, type OpSpec } from '../../spaces/graph/ops.ts';
import { PRECEDENCE, atom, infixAbs, infixBinary, infixCall, infixFixedPower, infixNegate, infixPower, type InfixPrinter } from '../../spaces/graph/print-forms.ts';

/*
 * The function set of the optimizer search (Chen et al. 2023, after google/automl `hero/`),
 * as typed ops of the graph space. Two value types: `tensor` (one parameter's values, or a
 * gradient or slot of its shape) and `real` (a scalar: lr, the step, constants, reductions).
 *
 * The paper's functions take any mix of scalars and tensors (numpy broadcasting); a typed op
 * has fixed argument types, so each function comes in variants: `mul` (tensor · tensor),
 * `mul_st` (scalar · tensor), `mul_ts`, `mul_ss`. A commutative function has no `_ts`
 * variant, so `c·x` has one spelling and one key. Every variant prints like its function.
 *
 * Each op's `emit` computes one element: a tensor op applies to each coordinate, a scalar
 * op once. The reductions (`norm`, `dot`, `cosine`, `clip_by_norm`) are the exception: their
 * `emit` is the one-element case, and `compileUpdate` runs them over the whole tensor.
 */

/** The type of a tensor value (a parameter, its gradient, a slot or anything elementwise of them). */
export const TENSOR = 'tensor';
/** The type of a scalar value: the same as the graph space's constants. */
export const SCALAR = CONSTANT_TYPE;

/** What `÷` adds to its denominator (the paper's 1e-8), so that a zero never divides. */
export const DIVISION_EPSILON = 1e-8;

type Variant = 'tt' | 'st' | 'ts' | 'ss';
const VARIANT_TYPES: Record<Variant, [string, string, string]> = {
  tt: [TENSOR, TENSOR, TENSOR],
  st: [SCALAR, TENSOR, TENSOR],
  ts: [TENSOR, SCALAR, TENSOR],
  ss: [SCALAR, SCALAR, SCALAR],
};

interface BinaryFunction {
  readonly name: string;
  readonly commutative: boolean;
  readonly cost: number;
  readonly emit: (a: string, b: string) => string;
  readonly evaluate: (a: number, b: number) => number;
  readonly infix: InfixPrinter;
  readonly description: string;
  /** What `simplify` may use (identities hold for finite operands). */
  readonly algebra?: Algebra;
}

const BINARY: readonly BinaryFunction[] = [
  { name: 'add', commutative: true, cost: 1, emit: (a, b) => `(${a} + ${b})`, evaluate: (a, b) => a + b, infix: infixBinary(' + ', ' + ', PRECEDENCE.sum, true), description: 'x + y', algebra: { identity: 0 } },
  { name: 'sub', commutative: false, cost: 1, emit: (a, b) => `(${a} - ${b})`, evaluate: (a, b) => a - b, infix: infixBinary(' - ', ' − ', PRECEDENCE.sum, false), description: 'x − y', algebra: { identity: 0, selfValue: 0 } },
  { name: 'mul', commutative: true, cost: 1, emit: (a, b) => `(${a} * ${b})`, evaluate: (a, b) => a * b, infix: infixBinary(' * ', '·', PRECEDENCE.product, true), description: 'x · y', algebra: { identity: 1, absorbing: 0 } },
  {
    name: 'div', commutative: false, cost: 4,
    emit: (a, b) => `(${a} / (${b} + ${DIVISION_EPSILON}))`, evaluate: (a, b) => a / (b + DIVISION_EPSILON),
    infix: infixBinary(' / ', ' / ', PRECEDENCE.product, false), description: 'x / (y + 1e-8)',
  },
  { name: 'max', commutative: true, cost: 1, emit: (a, b) => `Math.max(${a}, ${b})`, evaluate: Math.max, infix: infixCall('max'), description: 'larger of x and y', algebra: { idempotent: true } },
  { name: 'min', commutative: true, cost: 1, emit: (a, b) => `Math.min(${a}, ${b})`, evaluate: Math.min, infix: infixCall('min'), description: 'smaller of x and y', algebra: { idempotent: true } },
  { name: 'pow', commutative: false, cost: 16, emit: (a, b) => `Math.pow(${a}, ${b})`, evaluate: Math.pow, infix: infixPower, description: 'x^y (NaN for x < 0 and fractional y)' },
];

interface UnaryFunction {
  readonly name: string;
  readonly emit: (a: string) => string;
  readonly evaluate: (a: number) => number;
  readonly infix?: InfixPrinter;
  readonly cost?: number;
  readonly algebra?: Algebra;
}

const mathCall = (name: string, fn: keyof Math): UnaryFunction => ({
  name,
  emit: (a) => `Math.${String(fn)}(${a})`,
  evaluate: Math[fn] as (a: number) => number,
  cost: 10,
});

// Logarithms and the square root read |x| where x would be out of their domain, as in hero/.
const UNARY: readonly UnaryFunction[] = [
  { name: 'abs', emit: (a) => `Math.abs(${a})`, evaluate: Math.abs, infix: infixAbs },
  mathCall('cos', 'cos'),
  mathCall('sin', 'sin'),
  mathCall('tan', 'tan'),
  mathCall('arcsin', 'asin'),
  mathCall('arccos', 'acos'),
  mathCall('arctan', 'atan'),
  mathCall('sinh', 'sinh'),
  mathCall('cosh', 'cosh'),
  mathCall('tanh', 'tanh'),
  mathCall('arcsinh', 'asinh'),
  mathCall('arccosh', 'acosh'),
  mathCall('arctanh', 'atanh'),
  mathCall('exp', 'exp'),
  { name: 'exp2', emit: (a) => `Math.pow(2, ${a})`, evaluate: (a) => Math.pow(2, a), cost: 10 },
  { name: 'exp10', emit: (a) => `Math.pow(10, ${a})`, evaluate: (a) => Math.pow(10, a), cost: 10 },
  mathCall('expm1', 'expm1'),
  { name: 'log', emit: (a) => `Math.log(Math.abs(${a}))`, evaluate: (a) => Math.log(Math.abs(a)), cost: 10 },
  { name: 'log10', emit: (a) => `Math.log10(Math.abs(${a}))`, evaluate: (a) => Math.log10(Math.abs(a)), cost: 10 },
  { name: 'log2', emit: (a) => `Math.log2(Math.abs(${a}))`, evaluate: (a) => Math.log2(Math.abs(a)), cost: 10 },
  { name: 'log1p', emit: (a) => `Math.log(Math.abs(1 + ${a}))`, evaluate: (a) => Math.log(Math.abs(1 + a)), cost: 10 },
  { name: 'square', emit: (a) => `(${a} * ${a})`, evaluate: (a) => a * a, infix: infixFixedPower('2', '²') },
  { name: 'sqrt', emit: (a) => `Math.sqrt(Math.abs(${a}))`, evaluate: (a) => Math.sqrt(Math.abs(a)), cost: 4 },
  { name: 'cube', emit: (a) => `(${a} * ${a} * ${a})`, evaluate: (a) => a * a * a, infix: infixFixedPower('3', '³'), cost: 2 },
  { name: 'cbrt', emit: (a) => `Math.cbrt(${a})`, evaluate: Math.cbrt, cost: 10 },
  { name: 'sign', emit: (a) => `Math.sign(${a})`, evaluate: Math.sign },
  { name: 'reciprocal', emit: (a) => `(1 / ${a})`, evaluate: (a) => 1 / a, infix: ([a], style) => infixBinary(' / ', ' / ', PRECEDENCE.product, false)([atom('1'), a!], style), cost: 4 },
  { name: 'negative', emit: (a) => `(-${a})`, evaluate: (a) => -a, infix: infixNegate, algebra: { involution: true } },
];

function binaryVariant(f: BinaryFunction, variant: Variant): OpSpec {
  const [x, y, type] = VARIANT_TYPES[variant];
  return defineOp({
    name: variant === 'tt' ? f.name : `${f.name}_${variant}`,
    arity: 2,
    argTypes: [x, y],
    type,
    commutative: f.commutative && (variant === 'tt' || variant === 'ss'),
    cost: f.cost,
    emit: ([a, b]) => f.emit(a!, b!),
    evaluate: f.evaluate,
    infix: f.infix,
    ...(f.algebra === undefined ? {} : { algebra: f.algebra }),
    description: `${f.description} (${x}, ${y} → ${type})`,
  });
}

function unaryVariant(f: UnaryFunction, type: string): OpSpec {
  return defineOp({
    name: type === TENSOR ? f.name : `${f.name}_s`,
    arity: 1,
    argTypes: [type],
    type,
    cost: f.cost ?? 1,
    emit: ([a]) => f.emit(a!),
    evaluate: f.evaluate,
    infix: f.infix ?? infixCall(f.name),
    ...(f.algebra === undefined ? {} : { algebra: f.algebra }),
    description: `${f.name} of each ${type === TENSOR ? 'coordinate' : 'scalar'}`,
  });
}

const interpolateEmit = ([x, y, w]: readonly string[]) => `((1 - ${w}) * ${x} + ${w} * ${y})`;
const interpolateValue = (x: number, y: number, w: number) => (1 - w) * x + w * y;

/** The reductions: a tensor's L2 norm, two tensors' dot product and cosine similarity, and clipping by norm. */
const REDUCTIONS: readonly OpSpec[] = [
  defineOp({ name: 'norm', arity: 1, argTypes: [TENSOR], type: SCALAR, cost: 2, emit: ([a]) => `Math.abs(${a})`, evaluate: Math.abs, description: '‖x‖₂ over the tensor' }),
  defineOp({ name: 'dot', arity: 2, argTypes: [TENSOR, TENSOR], type: SCALAR, commutative: true, cost: 2, emit: ([a, b]) => `(${a} * ${b})`, evaluate: (a, b) => a * b, description: 'Σ xᵢyᵢ over the tensor' }),
  defineOp({
    name: 'cosine', arity: 2, argTypes: [TENSOR, TENSOR], type: SCALAR, commutative: true, cost: 4,
    emit: ([a, b]) => `(${a} * ${b} / (Math.abs(${a}) * Math.abs(${b}) + ${DIVISION_EPSILON}))`,
    evaluate: (a, b) => (a * b) / (Math.abs(a) * Math.abs(b) + DIVISION_EPSILON),
    description: 'cosine similarity x·y / (‖x‖‖y‖ + 1e-8)',
  }),
  defineOp({
    name: 'clip_by_norm', arity: 2, argTypes: [TENSOR, SCALAR], type: TENSOR, cost: 3,
    emit: ([a, c]) => `(${a} * Math.min(1, ${c} / Math.abs(${a})))`,
    evaluate: (a, c) => a * Math.min(1, c / Math.abs(a)),
    description: 'x · min(1, c / ‖x‖₂)',
  }),
];

/** Names of the ops `compileUpdate` runs over a whole tensor rather than one coordinate. */
export const REDUCTION_NAMES: ReadonlySet<string> = new Set(REDUCTIONS.map((op) => op.name));

const CONSTANT_OPS: readonly OpSpec[] = [
  defineOp({ name: 'pi', arity: 0, argTypes: [], type: SCALAR, cost: 0, emit: () => '(Math.PI)', evaluate: () => Math.PI, infix: () => atom('π'), description: 'π' }),
  defineOp({ name: 'e', arity: 0, argTypes: [], type: SCALAR, cost: 0, emit: () => '(Math.E)', evaluate: () => Math.E, infix: () => atom('e'), description: 'e' }),
  defineOp({ name: 'eps', arity: 0, argTypes: [], type: SCALAR, cost: 0, emit: () => `(${DIVISION_EPSILON})`, evaluate: () => DIVISION_EPSILON, infix: () => atom('ε'), description: 'ε = 1e-8' }),
];

function buildFamilies(): Map<string, OpSpec[]> {
  const families = new Map<string, OpSpec[]>();
  const add = (family: string, op: OpSpec) => families.set(family, [...(families.get(family) ?? []), op]);
  for (const f of BINARY) {
    const variants: Variant[] = f.commutative ? ['tt', 'st', 'ss'] : ['tt', 'st', 'ts', 'ss'];
    for (const v of variants) add(f.name, binaryVariant(f, v));
  }
  for (const f of UNARY) for (const type of [TENSOR, SCALAR]) add(f.name, unaryVariant(f, type));
  add('interpolate', defineOp({
    name: 'interpolate', arity: 3, argTypes: [TENSOR, TENSOR, SCALAR], type: TENSOR, cost: 3,
    emit: interpolateEmit, evaluate: interpolateValue, infix: infixCall('interpolate'), description: '(1 − w)·x + w·y',
  }));
  add('interpolate', defineOp({
    name: 'interpolate_s', arity: 3, argTypes: [SCALAR, SCALAR, SCALAR], type: SCALAR, cost: 3,
    emit: interpolateEmit, evaluate: interpolateValue, infix: infixCall('interpolate'), description: '(1 − w)·x + w·y of scalars',
  }));
  for (const op of [...REDUCTIONS, ...CONSTANT_OPS]) add(op.name, op);
  return families;
}

/**
 * The optimizer ops grouped by the function they spell: insertion picks a function first and
 * then one of its variants, so that a function with four variants is not four times as likely.
 */
export const OPTIMIZER_FAMILIES: ReadonlyMap<string, readonly OpSpec[]> = buildFamilies();

/** Every op of the optimizer search space. */
export const optimizerOps: OpSet = opSet([...OPTIMIZER_FAMILIES.values()].flat());

/** The function (family) name an op spells, e.g. `mul` for `mul_st`. */
export const familyOf: ReadonlyMap<string, string> = new Map([...OPTIMIZER_FAMILIES].flatMap(([family, ops]) => ops.map((op) => [op.name, family] as const)));
