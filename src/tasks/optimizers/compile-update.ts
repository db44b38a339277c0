import { LruMap } from '../../core/lru-map.ts';
import type { FloatArray } from '../../learn/tensor/tensor.ts';
import { prune } from '../../spaces/graph/draft.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { vertexTypes } from '../../spaces/graph/validate.ts';
import { DIVISION_EPSILON, optimizerOps, REDUCTION_NAMES, TENSOR } from './ops.ts';
import { INPUT_NAMES, LR, OPTIMIZER_SIGNATURE, STEP } from './program.ts';

/*
 * Compiles an optimizer program to one JS function that updates a parameter in place. Most
 * programs are elementwise: one loop over the coordinates computes every statement as a local
 * and writes w, m and v at the end of each iteration (after every read of that coordinate).
 * A reduction (norm, dot, cosine, clip_by_norm) needs a whole tensor before its result can be
 * used, so statements are put in *stages*: a reduction over a stage-s tensor is a stage-(s+1)
 * scalar; each stage is one loop; tensors read by a later stage are kept in scratch buffers.
 * Everything is computed in double precision and stored in the arrays' own type.
 */

/** One compiled update: rewrites w, m and v in place (arrays of one length). */
export type UpdateKernel = (w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, lr: number, step: number) => void;

type Body = (w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, lr: number, step: number, C: Float64Array, B: Float64Array[]) => void;

interface Compiled {
  readonly body: Body;
  readonly buffers: number;
  readonly source: string;
}

const cache = new LruMap<string, Compiled>(4096);

/** The exact shape of a pruned program with its constant values left out: compiled code is shared by it. */
function shapeSignature(g: Graph): string {
  let s = '';
  for (const v of g.vertices) s += isConst(v) ? 'c;' : `${v.op}(${v.args.join(',')});`;
  return `${s}|${g.outputs.join(',')}`;
}

/**
 * The update kernel of a program: dead statements are dropped and the code is generated from
 * the ops' emitters (cached by the program's shape, so programs that differ only in their
 * constants share it). `source` is the generated code, for inspection.
 */
export function compileUpdate(program: Graph, ops: OpSet = optimizerOps): { readonly kernel: UpdateKernel; readonly source: string } {
  const g = prune(program);
  const signature = shapeSignature(g);
  let compiled = cache.get(signature);
  if (compiled === undefined) {
    compiled = generate(g, ops);
    cache.set(signature, compiled);
  }
  const constants = Float64Array.from(g.vertices.flatMap((v) => (isConst(v) ? [v.const] : [])));
  const { body, buffers } = compiled;
  const scratch = new Map<number, Float64Array[]>();
  const kernel: UpdateKernel = (w, g2, m, v, lr, step) => {
    let B = scratch.get(w.length);
    if (B === undefined) {
      B = Array.from({ length: buffers }, () => new Float64Array(w.length));
      scratch.set(w.length, B);
    }
    body(w, g2, m, v, lr, step, constants, B);
  };
  return { kernel, source: compiled.source };
}

/** The stage of every id: 0 for inputs and constants; a reduction is one past its operands. */
function stages(g: Graph): number[] {
  const stage = new Array<number>(g.inputs).fill(0);
  for (const v of g.vertices) {
    if (isConst(v)) stage.push(0);
    else {
      const operands = v.args.map((a) => stage[a]!);
      const deepest = operands.length === 0 ? 0 : Math.max(...operands);
      // clip_by_norm reads its tensor's norm (one stage on) and the tensor itself.
      stage.push(v.op === 'clip_by_norm' ? Math.max(operands[0]! + 1, operands[1]!) : REDUCTION_NAMES.has(v.op) ? deepest + 1 : deepest);
    }
  }
  return stage;
}

/** The loops in which `consumer` reads its tensor operand `operand`. */
function readLoops(op: string, consumerStage: number, operandStage: number, position: number): number[] {
  if (op === 'clip_by_norm') return position === 0 ? [operandStage, consumerStage] : [];
  if (REDUCTION_NAMES.has(op)) return [consumerStage - 1];
  return [consumerStage];
}

/** How `updateSource` writes its code: constants as `C[k]` reads or literals, and plain JS or TypeScript. */
export interface SourceStyle {
  /** Write each constant as its value (default false: read from the array `C`, so that code is shared across constants). */
  readonly literalConstants?: boolean;
  /** Mark array reads non-null (`g[i]!`), as TypeScript with noUncheckedIndexedAccess wants (default false). */
  readonly typescript?: boolean;
}

function generate(g: Graph, ops: OpSet): Compiled {
  const { source, buffers } = updateSource(g, ops);
  // The code is built only from the op registry's emitters and validated ids: no outside text.
  const body = new Function('w', 'g', 'm', 'v', 'lr', 'step', 'C', 'B', source) as Body;
  return { body, buffers, source };
}

/**
 * The body of a pruned program's update: statements over `w, g, m, v, lr, step` (and `C`,
 * the constants, unless literal; and `B`, `buffers` scratch arrays of w's length, when a
 * reduction needs them) that rewrite w, m and v in place.
 */
export function updateSource(g: Graph, ops: OpSet, style: SourceStyle = {}): { readonly source: string; readonly buffers: number } {
  const bang = style.typescript === true ? '!' : '';
  const types = vertexTypes(g, ops, OPTIMIZER_SIGNATURE.inputTypes);
  const stage = stages(g);
  const last = Math.max(0, ...g.outputs.map((id) => stage[id]!));
  const isTensor = (id: number) => types[id] === TENSOR;
  const vertex = (id: number) => g.vertices[id - g.inputs]!;
  // A tensor read in a later loop than its own is kept in a buffer.
  const buffered = new Map<number, number>();
  const keep = (id: number) => {
    if (id >= g.inputs && !buffered.has(id)) buffered.set(id, buffered.size);
  };
  g.vertices.forEach((v, k) => {
    if (isConst(v)) return;
    v.args.forEach((a, position) => {
      if (isTensor(a) && readLoops(v.op, stage[g.inputs + k]!, stage[a]!, position).some((loop) => loop > stage[a]!)) keep(a);
    });
  });
  for (const id of g.outputs) if (stage[id]! < last) keep(id);

  const name = (id: number) => (id < g.inputs ? `x${id}` : `t${id}`);
  /** A tensor operand read in `loop`: the input array's element, a buffer's, or the loop's local. */
  const element = (id: number, loop: number) => {
    if (!isTensor(id)) return name(id);
    if (id < g.inputs) return `${INPUT_NAMES[id]}[i]${bang}`;
    return stage[id]! < loop ? `B[${buffered.get(id)!}]${bang}[i]${bang}` : name(id);
  };
  const constantNames = new Map<number, string>();
  g.vertices.forEach((v, k) => {
    if (isConst(v)) constantNames.set(g.inputs + k, style.literalConstants === true ? `(${String(v.const)})` : `C[${constantNames.size}]${bang}`);
  });
  const scalarStatement = (id: number): string => {
    const v = vertex(id);
    if (isConst(v)) return `const ${name(id)} = ${constantNames.get(id)};`;
    if (v.op === 'norm') return `const ${name(id)} = Math.sqrt(q${id});`;
    if (v.op === 'dot') return `const ${name(id)} = q${id};`;
    if (v.op === 'cosine') return `const ${name(id)} = q${id} / (Math.sqrt(qa${id}) * Math.sqrt(qb${id}) + ${DIVISION_EPSILON});`;
    return `const ${name(id)} = ${ops.find(v.op)!.emit(v.args.map(name))};`;
  };

  const lines: string[] = ['const n = w.length;', `const x${LR} = lr, x${STEP} = step;`];
  for (let loop = 0; loop <= last; loop++) {
    const inner: string[] = [];
    for (let id = g.inputs; id < types.length; id++) {
      if (!isTensor(id) && stage[id] === loop) lines.push(scalarStatement(id));
      const v = vertex(id);
      if (isConst(v)) continue;
      const [a, b] = v.args;
      if (v.op === 'clip_by_norm' && stage[id] === loop) lines.push(`const f${id} = Math.min(1, ${name(b!)} / Math.sqrt(q${id}));`);
      if (v.op === 'clip_by_norm' && stage[a!] === loop) {
        lines.push(`let q${id} = 0;`);
        inner.push(`q${id} += ${element(a!, loop)} * ${element(a!, loop)};`);
      } else if (REDUCTION_NAMES.has(v.op) && v.op !== 'clip_by_norm' && stage[id] === loop + 1) {
        const x = element(a!, loop);
        if (v.op === 'norm') {
          lines.push(`let q${id} = 0;`);
          inner.push(`q${id} += ${x} * ${x};`);
        } else {
          const y = element(b!, loop);
          lines.push(v.op === 'dot' ? `let q${id} = 0;` : `let q${id} = 0, qa${id} = 0, qb${id} = 0;`);
          inner.push(v.op === 'dot' ? `q${id} += ${x} * ${y};` : `q${id} += ${x} * ${y}; qa${id} += ${x} * ${x}; qb${id} += ${y} * ${y};`);
        }
      }
      if (!isTensor(id) || stage[id] !== loop) continue;
      const expression = v.op === 'clip_by_norm' ? `(${element(a!, loop)} * f${id})` : ops.find(v.op)!.emit(v.args.map((x) => element(x, loop)));
      inner.push(`const ${name(id)} = ${expression};`);
      if (buffered.has(id)) inner.push(`B[${buffered.get(id)!}]${bang}[i] = ${name(id)};`);
    }
    if (loop === last) {
      const [update, mNew, vNew] = g.outputs.map((id) => element(id, loop));
      inner.push(`const u = ${update}, mo = ${mNew}, vo = ${vNew};`, `w[i] = w[i]${bang} - u; m[i] = mo; v[i] = vo;`);
    }
    if (inner.length > 0) lines.push('for (let i = 0; i < n; i++) {', ...inner.map((s) => `  ${s}`), '}');
  }
  return { source: lines.join('\n'), buffers: buffered.size };
}
