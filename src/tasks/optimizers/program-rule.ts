import type { UpdateRule } from '../../learn/optim/rule.ts';
import { allocate, type FloatArray } from '../../learn/tensor/tensor.ts';
import { prune } from '../../spaces/graph/draft.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { compileUpdate } from './compile-update.ts';
import { optimizerOps } from './ops.ts';
import { SLOTS } from './program.ts';

/** The inputs each output of `g` depends on, as a bit set per output. */
function inputsRead(g: Graph): number[] {
  const reads: number[] = Array.from({ length: g.inputs }, (_, i) => 1 << i);
  for (const v of g.vertices) reads.push(isConst(v) ? 0 : v.args.reduce((bits, a) => bits | reads[a]!, 0));
  return g.outputs.map((id) => reads[id]!);
}

/**
 * The program with every slot the update never depends on, now or in a later step, passed
 * through unchanged (so it stays zero and its statements die). The updates are the same.
 */
export function withoutUnusedSlots(program: Graph): Graph {
  const reads = inputsRead(program);
  const needed = new Set<number>();
  let frontier = reads[0]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const slot of SLOTS) {
      if (needed.has(slot.input) || (frontier & (1 << slot.input)) === 0) continue;
      needed.add(slot.input);
      frontier |= reads[slot.output]!;
      changed = true;
    }
  }
  const outputs = program.outputs.map((id, k) => {
    const slot = SLOTS.find((s) => s.output === k);
    return slot !== undefined && !needed.has(slot.input) ? slot.input : id;
  });
  return outputs.every((id, k) => id === program.outputs[k]) ? program : { ...program, outputs };
}

/**
 * The slots a program keeps: those the update depends on whose new value is not just the old
 * one. Any other slot stays zero, or is never read, so it costs no memory (Lion keeps only
 * m; AdamW both).
 */
export function keptSlots(program: Graph): string[] {
  const g = prune(withoutUnusedSlots(program));
  return SLOTS.filter((slot) => g.outputs[slot.output] !== slot.input).map((slot) => slot.name);
}

/**
 * An optimizer program as a learn/optim `UpdateRule`, so that it drives the same training
 * loops as the hand-written rules: `optimizer(net.parameters(), programUpdateRule(p), lr)`.
 * Its slots are the ones the program keeps; a slot it does not keep reads as zeros.
 */
export function programUpdateRule(program: Graph, options: { readonly name?: string; readonly ops?: OpSet } = {}): UpdateRule {
  const { kernel } = compileUpdate(withoutUnusedSlots(program), options.ops ?? optimizerOps);
  const slots = keptSlots(program);
  const mIndex = slots.indexOf('m');
  const vIndex = slots.indexOf('v');
  const zeros = new Map<string, FloatArray>();
  // Written back with zeros (the slot's unchanged value), so one array per length serves both.
  const zerosLike = (w: FloatArray): FloatArray => {
    const key = `${w instanceof Float64Array ? 'f64' : 'f32'}:${w.length}`;
    let z = zeros.get(key);
    if (z === undefined) {
      z = allocate(w instanceof Float64Array ? 'float64' : 'float32', w.length);
      zeros.set(key, z);
    }
    return z;
  };
  return {
    name: options.name ?? 'program',
    config: {},
    slots,
    update(w: FloatArray, g: FloatArray, state: readonly FloatArray[], step: number, lr: number): void {
      const m = mIndex >= 0 ? state[mIndex]! : zerosLike(w);
      const v = vIndex >= 0 ? state[vIndex]! : zerosLike(w);
      kernel(w, g, m, v, lr, step);
    },
  };
}
