import { SpaceError } from '../../../core/errors.ts';
import type { ChoiceGroup } from './choice-group.ts';
import { gateOpen } from './decision-point.ts';
import type { DecisionPoint } from './decision-point.ts';
import { DNA } from './dna.ts';
import type { SpecNode } from './spec-node.ts';

/**
 * The decisions of a template, flat and in slot order (parents before the decisions they
 * gate), plus its manyOf groups and the spec tree. A controller walks `decisions`: each has
 * an id, a path, and a size (choices, ints) or a range (floats).
 */
export class DNASpec {
  /** Number of slots in every DNA of this spec. */
  readonly size: number;
  /** Distinct DNAs; Infinity when a float decision is reachable. */
  readonly cardinality: number;
  private readonly byIdMap: ReadonlyMap<string, DecisionPoint>;

  constructor(
    readonly decisions: readonly DecisionPoint[],
    readonly groups: readonly ChoiceGroup[],
    readonly root: SpecNode,
  ) {
    this.size = decisions.length;
    this.cardinality = root.cardinality;
    this.byIdMap = new Map(decisions.map((d) => [d.id, d]));
  }

  /** The decision with this id (`optimizer[=1].lr`), or undefined. */
  byId(id: string): DecisionPoint | undefined {
    return this.byIdMap.get(id);
  }

  /** The decisions taking part in `dna`, in slot order. */
  activeDecisions(dna: DNA): DecisionPoint[] {
    return this.decisions.filter((d) => d.isActive(dna.values));
  }

  /** Why `values` is not a valid DNA of this spec, or undefined when it is. */
  problem(values: Float64Array): string | undefined {
    if (!(values instanceof Float64Array) || values.length !== this.size) {
      return `a DNA of this space has ${this.size} slots, got ${values instanceof Float64Array ? values.length : typeof values}`;
    }
    for (const d of this.decisions) {
      const v = values[d.index] as number;
      if (!gateOpen(d, values)) {
        if (v === v) return `decision '${d.id}' is inactive but holds ${v}`;
      } else if (!d.isValidValue(v)) {
        return `decision '${d.id}' must be ${expected(d)}, got ${v}`;
      }
    }
    for (const g of this.groups) {
      if ((values[g.start] as number) === (values[g.start] as number)) {
        const violation = g.violation(values);
        if (violation !== undefined) return violation;
      }
    }
    return undefined;
  }

  /** Throws a SpaceError when `dna` does not belong to this spec. */
  check(dna: DNA): DNA {
    const problem = this.problem(dna?.values);
    if (problem !== undefined) throw new SpaceError(`invalid DNA: ${problem}`);
    return dna;
  }

  /**
   * True when `value` may stand at `decision`, given the slots before it in `values`: in its
   * range, and within its manyOf's constraints. What a controller checks (or masks with) as
   * it fills a DNA in slot order.
   */
  allows(decision: DecisionPoint, values: Float64Array, value: number): boolean {
    if (!decision.isValidValue(value)) return false;
    const group = decision.group;
    return group === undefined || group.allows(values, decision.slotInGroup, value);
  }

  /**
   * Builds a DNA by asking `choose` for each active decision in slot order, so a controller
   * (a policy with a softmax per decision, say) can walk the spec: inactive decisions are
   * skipped, and a value `allows` refuses is a SpaceError naming the decision.
   */
  assemble(choose: (decision: DecisionPoint, values: Float64Array) => number): DNA {
    const values = new Float64Array(this.size).fill(NaN);
    for (const d of this.decisions) {
      if (!gateOpen(d, values)) continue;
      const value = choose(d, values);
      if (!this.allows(d, values, value)) throw new SpaceError(`decision '${d.id}' cannot take ${value}: it must be ${expected(d)}${d.group ? ' within its manyOf constraints' : ''}`);
      values[d.index] = value;
    }
    return new DNA(values);
  }

  /** Rebuilds a DNA from its active values in slot order (`dna.toJSON()`); throws a SpaceError naming the first bad value. */
  fromNumbers(numbers: readonly unknown[]): DNA {
    if (!Array.isArray(numbers)) throw new SpaceError(`DNA JSON must be an array of numbers, got ${numbers === null ? 'null' : typeof numbers}`);
    const values = new Float64Array(this.size).fill(NaN);
    let next = 0;
    for (const d of this.decisions) {
      if (!gateOpen(d, values)) continue;
      if (next >= numbers.length) throw new SpaceError(`DNA JSON has ${numbers.length} values but decision '${d.id}' needs one more`);
      const v = numbers[next++];
      if (typeof v !== 'number' || !d.isValidValue(v)) {
        throw new SpaceError(`DNA JSON value ${next - 1} (decision '${d.id}') must be ${expected(d)}, got ${JSON.stringify(v)}`);
      }
      values[d.index] = v;
    }
    if (next < numbers.length) throw new SpaceError(`DNA JSON has ${numbers.length} values but the decisions it makes use only ${next}`);
    for (const g of this.groups) {
      if ((values[g.start] as number) !== (values[g.start] as number)) continue;
      const violation = g.violation(values);
      if (violation !== undefined) throw new SpaceError(`DNA JSON: ${violation}`);
    }
    return new DNA(values);
  }

  /** One line per active decision, `id = label`, for reading a DNA. */
  describe(dna: DNA): string {
    return this.activeDecisions(dna)
      .map((d) => `${d.id || '<root>'} = ${d.describe(dna.values[d.index] as number)}`)
      .join('\n');
  }
}

function expected(d: DecisionPoint): string {
  if (d.kind === 'choice') return `a candidate index in [0, ${d.size - 1}]`;
  return `${d.kind === 'int' ? 'an integer' : 'a number'} in [${d.min}, ${d.max}]`;
}
