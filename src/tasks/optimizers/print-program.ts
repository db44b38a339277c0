import { prune } from '../../spaces/graph/draft.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { PRECEDENCE, atom, type Printed } from '../../spaces/graph/print-forms.ts';
import { parseGraph, reachable } from '../../spaces/graph/validate.ts';
import { optimizerOps } from './ops.ts';
import { withoutUnusedSlots } from './program-rule.ts';
import { INPUT_NAMES, OUTPUT_NAMES } from './program.ts';

/** Options of `printProgram`. */
export interface PrintProgramOptions {
  /**
   * Keep dead statements, each marked `# dead`, and slot updates the update never reads
   * (default false: the live program only).
   */
  readonly dead?: boolean;
  /** Significant digits of constants (default 4). */
  readonly digits?: number;
  /** Print `·`, `−` and `x²` (default false: ASCII). */
  readonly unicode?: boolean;
  readonly ops?: OpSet;
}

/**
 * An optimizer program as readable code in the paper's style, one assignment per statement:
 *
 *     def train(w, g, m, v, lr, step):
 *       c = interpolate(g, m, 0.9)
 *       update = sign(c)
 *       ...
 *       return update, m, v
 *
 * A statement whose value becomes an output is named after it (`update`, `m`, `v`) when that
 * does not hide a value read later; the others are `t1`, `t2`, .... Constants and π, e, ε are
 * written in place.
 */
export function printProgram(program: Graph, options: PrintProgramOptions = {}): string {
  const ops = options.ops ?? optimizerOps;
  const g = options.dead === true ? parseGraph(program, ops) : prune(withoutUnusedSlots(parseGraph(program, ops)));
  const live = reachable(g);
  const style = { unicode: options.unicode === true };
  const digits = options.digits ?? 4;
  const printed: Printed[] = INPUT_NAMES.map((name) => atom(name));
  const lastRead = new Int32Array(g.inputs + g.vertices.length).fill(-1);
  g.vertices.forEach((v, k) => {
    if (!isConst(v)) for (const a of v.args) lastRead[a] = Math.max(lastRead[a]!, g.inputs + k);
  });
  const end = g.inputs + g.vertices.length;
  for (const id of g.outputs) lastRead[id] = end;
  // Which id each name holds now, so a name is reused only when its old value is read no more.
  const holder = new Map<string, number>(INPUT_NAMES.map((name, i) => [name, i]));
  const taken = new Set<string>(INPUT_NAMES);
  let temporaries = 0;
  const lines = [`def train(${INPUT_NAMES.join(', ')}):`];
  const nameFor = (id: number): string => {
    const k = g.outputs.indexOf(id);
    if (k >= 0) {
      const wanted = OUTPUT_NAMES[k]!;
      const old = holder.get(wanted);
      if (old === undefined || lastRead[old]! <= id) return wanted;
    }
    let name: string;
    do name = `t${++temporaries}`;
    while (taken.has(name));
    return name;
  };
  g.vertices.forEach((v, k) => {
    const id = g.inputs + k;
    if (isConst(v)) {
      const text = String(Number(v.const.toPrecision(digits)));
      printed.push(text.startsWith('-') ? { text: (style.unicode ? '−' : '-') + text.slice(1), precedence: PRECEDENCE.unary } : atom(text));
      return;
    }
    const spec = ops.find(v.op)!;
    const expression = spec.infix(v.args.map((a) => printed[a]!), style);
    if (spec.arity === 0) {
      printed.push(style.unicode ? expression : atom(v.op));
      return;
    }
    const name = nameFor(id);
    holder.set(name, id);
    taken.add(name);
    printed.push(atom(name));
    lines.push(`  ${name} = ${expression.text}${live[id] === 0 ? '  # dead' : ''}`);
  });
  lines.push(`  return ${g.outputs.map((id) => printed[id]!.text).join(', ')}`);
  return lines.join('\n');
}
