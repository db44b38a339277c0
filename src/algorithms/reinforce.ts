import { UsageError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../core/types.ts';
import { DNA } from '../spaces/symbolic/dna/dna.ts';
import type { DecisionPoint } from '../spaces/symbolic/dna/decision-point.ts';
import type { DNASpec } from '../spaces/symbolic/dna/dna-spec.ts';
import { fitnessFunction } from './objective.ts';
import type { SingleObjective } from './objective.ts';
import { SnapshotReader } from './snapshot-json.ts';
import { requireSpace } from './validate.ts';

const OWNER = 'reinforce';
const NAME = 'reinforce';
// Categorical int decisions larger than this would need a policy the size of their range.
const MAX_INT_CHOICES = 10_000;

/** Options of `reinforce`. */
export interface ReinforceOptions {
  /** A DNA space with its spec, such as a `template(...)`. */
  readonly space: Space<DNA> & { readonly spec: DNASpec };
  /** Step size of each policy-gradient update, in logits per unit of reward. Default 0.05. */
  readonly learningRate?: number;
  /** Weight of the old baseline in its moving average, in [0, 1). Default 0.9. */
  readonly baselineDecay?: number;
  /** Which loss to minimise (the reward is its negative): an index (default 0) or a function. */
  readonly objective?: SingleObjective;
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
}

/** REINFORCE whose policy can be inspected. */
export interface Reinforce extends Algorithm<DNA> {
  /** The current probability of each candidate, per decision slot (empty for inactive kinds). */
  probabilities(): Float64Array[];
}

/**
 * A REINFORCE controller over a DNA space (Williams 1992), as the NAS-Bench-101 paper
 * compares it with evolution: an independent softmax per decision (choices, and small int
 * ranges as categories), sampled in slot order so that a decision is drawn only when its gate
 * is open. Each finished trial moves the logits of the decisions it made along
 * `learningRate · (reward − baseline) · ∇ log p`, then the baseline follows the reward as a
 * moving average (it starts at the first reward). Failed trials teach nothing. Float
 * decisions and manyOf/permutate groups are rejected at construction.
 *
 * @example
 * const space = template([oneOf(['a', 'b', 'c']), oneOf([1, 2, 3])]);
 * await new Study({ space, task, algorithm: reinforce({ space, learningRate: 0.1 }), budgetTrials: 500 }).run();
 */
export function reinforce(options: ReinforceOptions): Reinforce {
  const space = requireSpace(OWNER, options.space) as ReinforceOptions['space'];
  const spec = space.spec;
  if (spec === undefined || !Array.isArray(spec.decisions)) throw new UsageError(`${OWNER}: space must be a DNA space with a spec (a template)`);
  if (spec.groups.length > 0) throw new UsageError(`${OWNER}: manyOf and permutate decisions are not supported; use oneOf per slot`);
  for (const d of spec.decisions) {
    if (d.kind === 'float') throw new UsageError(`${OWNER}: decision '${d.id}' is a float; discretise it with oneOf or intValue`);
    if (d.size > MAX_INT_CHOICES) throw new UsageError(`${OWNER}: decision '${d.id}' has ${d.size} values; at most ${MAX_INT_CHOICES} are supported`);
  }
  const learningRate = options.learningRate ?? 0.05;
  if (!(learningRate > 0 && Number.isFinite(learningRate))) throw new UsageError(`${OWNER}: learningRate must be a number > 0, got ${learningRate}`);
  const baselineDecay = options.baselineDecay ?? 0.9;
  if (!(baselineDecay >= 0 && baselineDecay < 1)) throw new UsageError(`${OWNER}: baselineDecay must be in [0, 1), got ${baselineDecay}`);
  const controller = new Controller(spec, learningRate, baselineDecay, fitnessFunction(OWNER, options.objective));
  if (options.snapshot !== undefined) controller.restore(options.snapshot);
  return controller;
}

class Controller implements Reinforce {
  /** Logits per decision slot, one per candidate value. */
  private readonly logits: Float64Array[];
  private readonly probabilityScratch: Float64Array[];
  private baseline = NaN;
  private updates = 0;

  constructor(
    private readonly spec: DNASpec,
    private readonly learningRate: number,
    private readonly baselineDecay: number,
    private readonly fitness: (loss: readonly number[]) => number,
  ) {
    this.logits = spec.decisions.map((d) => new Float64Array(d.size));
    this.probabilityScratch = spec.decisions.map((d) => new Float64Array(d.size));
  }

  propose(rng: Rng): DNA {
    const values = new Float64Array(this.spec.size).fill(NaN);
    for (const d of this.spec.decisions) {
      if (!d.isActive(values)) continue;
      const p = this.softmax(d);
      let u = rng.float();
      let k = 0;
      while (k < p.length - 1 && u >= p[k]!) u -= p[k++]!;
      values[d.index] = d.min + k;
    }
    return new DNA(values);
  }

  feedback(trial: Trial<DNA>): void {
    const fitness = this.fitness(trial.loss);
    if (trial.status !== 'done' || !Number.isFinite(fitness)) return;
    const reward = -fitness;
    if (this.updates === 0) this.baseline = reward;
    const step = this.learningRate * (reward - this.baseline);
    const values = trial.genotype.values;
    for (const d of this.spec.decisions) {
      const chosen = values[d.index]!;
      if (chosen !== chosen) continue; // inactive in this DNA
      const p = this.softmax(d);
      const logits = this.logits[d.index]!;
      const taken = chosen - d.min;
      // ∂ log p(taken) / ∂ logit j = [j = taken] − p_j
      for (let j = 0; j < logits.length; j++) logits[j]! += step * ((j === taken ? 1 : 0) - p[j]!);
    }
    this.baseline = this.baselineDecay * this.baseline + (1 - this.baselineDecay) * reward;
    this.updates++;
  }

  probabilities(): Float64Array[] {
    return this.spec.decisions.map((d) => this.softmax(d).slice());
  }

  snapshot(): Json {
    return {
      algorithm: NAME,
      version: 1,
      updates: this.updates,
      baseline: this.updates === 0 ? null : this.baseline,
      logits: this.logits.map((l) => Array.from(l)),
    };
  }

  restore(json: Json): void {
    const reader = new SnapshotReader(OWNER, json, NAME);
    const updates = reader.count('updates');
    const fields = json as { baseline?: unknown; logits?: unknown };
    const logits = fields.logits;
    if (!Array.isArray(logits) || logits.length !== this.logits.length) {
      throw new UsageError(`${OWNER}: snapshot.logits must hold one array per decision (${this.logits.length}); was it saved for this space?`);
    }
    logits.forEach((row: unknown, i) => {
      const target = this.logits[i]!;
      if (!Array.isArray(row) || row.length !== target.length || row.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        throw new UsageError(`${OWNER}: snapshot.logits[${i}] must be ${target.length} finite numbers`);
      }
      target.set(row as number[]);
    });
    if (updates > 0 && (typeof fields.baseline !== 'number' || !Number.isFinite(fields.baseline))) {
      throw new UsageError(`${OWNER}: snapshot.baseline must be a finite number once updates > 0`);
    }
    this.updates = updates;
    this.baseline = updates === 0 ? NaN : (fields.baseline as number);
  }

  /** The decision's current probabilities, in a scratch array reused per decision. */
  private softmax(d: DecisionPoint): Float64Array {
    const logits = this.logits[d.index]!;
    const p = this.probabilityScratch[d.index]!;
    let max = -Infinity;
    for (let j = 0; j < logits.length; j++) if (logits[j]! > max) max = logits[j]!;
    let sum = 0;
    for (let j = 0; j < logits.length; j++) sum += p[j] = Math.exp(logits[j]! - max);
    for (let j = 0; j < logits.length; j++) p[j]! /= sum;
    return p;
  }
}
