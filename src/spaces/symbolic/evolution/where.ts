import { UsageError } from '../../../core/errors.ts';
import type { DecisionPoint } from '../dna/decision-point.ts';
import type { DNASpec } from '../dna/dna-spec.ts';

/** Which decisions an operator may touch: a RegExp tested on each decision's path, or a predicate. */
export type DecisionFilter = RegExp | ((decision: DecisionPoint) => boolean);

/**
 * Returns a function giving, per spec, a mask indexed by slot (1 where the filter allows the
 * decision), computed once per spec; undefined when there is no filter.
 */
export function decisionMask(owner: string, where: DecisionFilter | undefined): (spec: DNASpec) => Uint8Array | undefined {
  if (where === undefined) return () => undefined;
  if (!(where instanceof RegExp) && typeof where !== 'function') throw new UsageError(`${owner}: where must be a RegExp or a function of a decision`);
  const test = where instanceof RegExp ? (d: DecisionPoint) => new RegExp(where.source, where.flags.replace('g', '')).test(d.path) : where;
  const masks = new WeakMap<DNASpec, Uint8Array>();
  return (spec) => {
    let mask = masks.get(spec);
    if (mask === undefined) {
      mask = Uint8Array.from(spec.decisions, (d) => (test(d) ? 1 : 0));
      masks.set(spec, mask);
    }
    return mask;
  };
}
