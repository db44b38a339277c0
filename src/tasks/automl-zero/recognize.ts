import { Rng } from '../../core/rng.ts';
import type { Memory, MemoryShape, RegisterProgram } from '../../spaces/register/index.ts';
import { copyMemory, createMemory, interpret } from '../../spaces/register/index.ts';
import { resolveProgram, type ResolvedProgram } from './program-liveness.ts';

/** What `recognizeLinearGradientDescent` found. */
export interface GradientDescentMatch {
  /** The median step size η of the updates w ← w + η (y − ŷ) x. */
  readonly learningRate: number;
  /** True when every step used the same η (to 1 part in 10^6); otherwise η varied by under 25%. */
  readonly constantRate: boolean;
  /** 0 when each learn step follows the current example's gradient, 1 when the previous one's. */
  readonly delay: 0 | 1;
}

const STEPS = 12;
// Evolved learners often start differently (another first rate, a bias), so the first steps are not judged.
const WARM_UP = 2;
// On these steps the label equals the prediction: gradient descent must then not move at all.
const EXACT_STEPS = new Set([4, 7, 10]);
const TOLERANCE = 1e-6;
// How far a step may stray from η (y − ŷ) x, relative to its size (momentum-like extra terms).
const DIRECTION_TOLERANCE = 0.1;
// Evolved learners may scale their steps slightly from example to example.
const MAX_RATE_SPREAD = 1.25;

/**
 * Recognises linear regression trained by gradient descent from what a program does, not how
 * it is written (evolved code orders and names things freely). After setup, predict must be
 * linear in the features without bias, ŷ = w·x; and, after two warm-up examples, every learn
 * step must move the weights that predict reads by η (y − ŷ) x (to within 10% of the step),
 * for the current example or, in every step, for the previous one (evolution often finds
 * that delayed form), with η > 0 the same in every step to within 25%. Probe labels come from
 * a random linear teacher, and some are the model's own prediction, which must leave the
 * weights where they are (unlike, say, a Hebbian update y x). Weights are read back by
 * probing predict with basis vectors on copies of the memory. Returns the learning rate, or
 * undefined when the program does something else.
 */
export function recognizeLinearGradientDescent(program: RegisterProgram, shape: MemoryShape): GradientDescentMatch | undefined {
  const resolved = resolveProgram(program);
  const f = shape.features;
  const rng = new Rng(12345);
  const memory = createMemory(shape);
  interpret(resolved.setup, memory, rng);
  const teacher = Float64Array.from({ length: f }, () => rng.normal());
  const changes: Float64Array[] = [];
  const gradients: Float64Array[] = [];
  for (let step = 0; step < STEPS; step++) {
    const before = linearWeights(resolved, memory, rng);
    if (before === undefined) return undefined;
    const x = Float64Array.from({ length: f }, () => rng.normal());
    const y = EXACT_STEPS.has(step) ? predictOn(resolved, copyMemory(memory), x, rng) : x.reduce((sum, xi, i) => sum + xi * teacher[i]!, 0);
    // The predict-then-learn sequence of the training loop, on the real memory.
    const predicted = predictOn(resolved, memory, x, rng);
    memory.v.set(x, 0);
    memory.s[0] = y;
    interpret(resolved.learn, memory, rng);
    const after = linearWeights(resolved, memory, rng);
    if (after === undefined) return undefined;
    changes.push(after.map((w, i) => w - before[i]!));
    gradients.push(x.map((xi) => (y - predicted) * xi));
  }
  const still = (change: Float64Array): boolean => change.every((d) => Math.abs(d) <= TOLERANCE);
  for (const delay of [0, 1] as const) {
    const rates: number[] = [];
    let fits = true;
    for (let step = WARM_UP + delay; step < STEPS && fits; step++) {
      if (EXACT_STEPS.has(step - delay)) {
        fits = still(changes[step]!);
        continue;
      }
      const rate = stepRate(changes[step]!, gradients[step - delay]!);
      if (rate === undefined) fits = false;
      else rates.push(rate);
    }
    if (!fits) continue;
    const sorted = [...rates].sort((a, b) => a - b);
    if (sorted[sorted.length - 1]! > MAX_RATE_SPREAD * sorted[0]!) continue;
    return { learningRate: sorted[sorted.length >> 1]!, constantRate: rates.every((r) => close(r, rates[0]!)), delay };
  }
  return undefined;
}

/** η > 0 with change ≈ η · gradient, or undefined when the change is not such a step. */
function stepRate(change: Float64Array, gradient: Float64Array): number | undefined {
  let dot = 0;
  let norm = 0;
  let size = 0;
  for (let i = 0; i < gradient.length; i++) {
    dot += change[i]! * gradient[i]!;
    norm += gradient[i]! * gradient[i]!;
    size += change[i]! * change[i]!;
  }
  const rate = dot / norm;
  if (!(rate > 0) || !Number.isFinite(rate)) return undefined;
  let stray = 0;
  for (let i = 0; i < gradient.length; i++) stray += (change[i]! - rate * gradient[i]!) ** 2;
  return Math.sqrt(stray) <= DIRECTION_TOLERANCE * Math.sqrt(size) ? rate : undefined;
}

/** Runs predict on `memory` (which it changes, as the loop does) and returns s1. */
function predictOn(program: ResolvedProgram, memory: Memory, x: Float64Array, rng: Rng): number {
  memory.v.set(x, 0);
  memory.s[0] = 0;
  interpret(program.predict, memory, rng);
  return memory.s[1]!;
}

/** w with ŷ(x) = w·x, read on copies of `memory`; undefined if ŷ is not linear without bias. */
function linearWeights(program: ResolvedProgram, memory: Memory, rng: Rng): Float64Array | undefined {
  const f = memory.features;
  const probe = (x: Float64Array): number => predictOn(program, copyMemory(memory), x, rng);
  if (!close(probe(new Float64Array(f)), 0)) return undefined;
  const weights = new Float64Array(f);
  for (let i = 0; i < f; i++) {
    const basis = new Float64Array(f);
    basis[i] = 1;
    weights[i] = probe(basis);
  }
  for (let trial = 0; trial < 2; trial++) {
    const x = Float64Array.from({ length: f }, () => rng.normal());
    let expected = 0;
    for (let i = 0; i < f; i++) expected += weights[i]! * x[i]!;
    if (!close(probe(x), expected)) return undefined;
  }
  return weights;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}
