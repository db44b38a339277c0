import { normalizeGraph } from './draft.ts';
import { CONSTANT_TYPE, canonicalConstant, isConst, type Graph, type Vertex } from './graph.ts';
import type { OpSet } from './op-set.ts';
import type { OpSpec } from './ops.ts';
import { parseGraph } from './validate.ts';

/**
 * Builds the simplified graph bottom-up. Every vertex is hash-consed, so structurally equal
 * subexpressions become one id and `x − x` can be seen as an id compared with itself.
 */
class Simplifier {
  readonly vertices: Vertex[] = [];
  readonly types: string[];
  private readonly interned = new Map<string, number>();

  constructor(
    readonly inputs: number,
    inputTypes: readonly string[],
  ) {
    this.types = inputTypes.slice(0, inputs);
  }

  constantValue(id: number): number | undefined {
    const v = this.vertices[id - this.inputs];
    return v !== undefined && isConst(v) ? v.const : undefined;
  }

  private intern(key: string, vertex: Vertex, type: string): number {
    let id = this.interned.get(key);
    if (id === undefined) {
      id = this.inputs + this.vertices.length;
      this.vertices.push(vertex);
      this.types.push(type);
      this.interned.set(key, id);
    }
    return id;
  }

  constant(value: number): number {
    const v = canonicalConstant(value);
    return this.intern(`#${v}`, { const: v }, CONSTANT_TYPE);
  }

  /** The id of `spec(args)` after rewriting, folding and merging. */
  apply(spec: OpSpec, args: readonly number[]): number {
    const rewritten = this.rewrite(spec, args);
    if (rewritten !== undefined) return rewritten;
    const values = args.map((a) => this.constantValue(a));
    if (spec.type === CONSTANT_TYPE && values.every((x) => x !== undefined)) {
      const folded = spec.evaluate(...(values as number[]));
      if (Number.isFinite(folded)) return this.constant(folded);
    }
    // Commutative args are sorted only in the merge key, so the printed order stays as written.
    const keyArgs = spec.commutative ? [...args].sort((a, b) => a - b) : args;
    return this.intern(`${spec.name}(${keyArgs.join(',')})`, { op: spec.name, args: [...args] }, spec.type);
  }

  /** An equivalent id from the op's algebra, or undefined when no rule applies. */
  private rewrite(spec: OpSpec, args: readonly number[]): number | undefined {
    const { identity, absorbing, selfValue, idempotent, involution } = spec.algebra;
    const sameType = (id: number) => this.types[id] === spec.type;
    if (args.length === 2) {
      const [a, b] = args as [number, number];
      const ca = this.constantValue(a);
      const cb = this.constantValue(b);
      if (identity !== undefined && cb === identity && sameType(a)) return a;
      if (identity !== undefined && spec.commutative && ca === identity && sameType(b)) return b;
      if (spec.type === CONSTANT_TYPE && absorbing !== undefined && (cb === absorbing || (spec.commutative && ca === absorbing))) return this.constant(absorbing);
      if (a === b && selfValue !== undefined && spec.type === CONSTANT_TYPE) return this.constant(selfValue);
      if (a === b && idempotent === true && sameType(a)) return a;
    }
    if (args.length === 1 && involution === true) {
      const inner = this.vertices[args[0]! - this.inputs];
      if (inner !== undefined && !isConst(inner) && inner.op === spec.name && sameType(inner.args[0]!)) return inner.args[0];
    }
    return undefined;
  }
}

/** What simplify needs to know beyond the graph. */
export interface SimplifyOptions {
  /** Type of each input ('real' by default): rewrites only replace a value by one of its type. */
  readonly inputTypes?: readonly string[];
}

/**
 * An equivalent, smaller graph: constant folding (kept only when the result is finite),
 * x − x → 0, x + 0 → x, x·1 → x, x·0 → 0, x/1 → x, x/x → 1, −(−x) → x, max(x, x) → x,
 * merged duplicate subexpressions (equal constants included) and no dead vertices. Rules
 * come from each op's `algebra` and hold for finite values: where the original computes
 * Infinity·0 or 0/0 the result may differ. Constants may appear even in a constant-free
 * space (x − x → 0).
 */
export function simplify(g: Graph, ops: OpSet, options: SimplifyOptions = {}): Graph {
  const checked = parseGraph(g, ops);
  const inputTypes = options.inputTypes ?? new Array<string>(checked.inputs).fill('real');
  if (inputTypes.length !== checked.inputs) throw new RangeError(`simplify: the graph has ${checked.inputs} inputs, got ${inputTypes.length} input types`);
  const s = new Simplifier(checked.inputs, inputTypes);
  const ids: number[] = Array.from({ length: checked.inputs }, (_, i) => i);
  for (const v of checked.vertices) {
    ids.push(isConst(v) ? s.constant(v.const) : s.apply(ops.find(v.op)!, v.args.map((a) => ids[a]!)));
  }
  return normalizeGraph(checked.inputs, s.vertices, checked.outputs.map((id) => ids[id]!));
}
