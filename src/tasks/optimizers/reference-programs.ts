import { UsageError } from '../../core/errors.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { programFromStatements } from './program.ts';

/*
 * The optimizers that ship as programs of the space. Each is written with `interpolate(x, y,
 * w) = (1 − w)·x + w·y`, so `interpolate(g, m, β)` is the moving average β·m + (1 − β)·g.
 * Their hyperparameters default to learn/optim's rules', so that each program updates a
 * parameter as that rule does.
 */

/** Hyperparameters of `adamwProgram` (learn/optim's adamw defaults). */
export interface AdamWProgramOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly weightDecay?: number;
}

/**
 * AdamW with bias correction: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², update =
 * lr·(m̂ / (√v̂ + ε) + λ·w). The ε is the 1e-8 that `÷` adds to its denominator.
 */
export function adamwProgram(options: AdamWProgramOptions = {}): Graph {
  const { beta1 = 0.9, beta2 = 0.999, weightDecay = 0.01 } = options;
  return programFromStatements([
    ['m', 'interpolate', 'g', 'm', beta1],
    ['g2', 'square', 'g'],
    ['v', 'interpolate', 'g2', 'v', beta2],
    ['c1', 'pow_ss', beta1, 'step'],
    ['c1', 'sub_ss', 1, 'c1'],
    ['c1', 'reciprocal_s', 'c1'],
    ['m_hat', 'mul_st', 'c1', 'm'],
    ['c2', 'pow_ss', beta2, 'step'],
    ['c2', 'sub_ss', 1, 'c2'],
    ['c2', 'sqrt_s', 'c2'],
    ['c2', 'reciprocal_s', 'c2'],
    ['sqrt_v', 'sqrt', 'v'],
    ['sqrt_v', 'mul_st', 'c2', 'sqrt_v'],
    ['update', 'div', 'm_hat', 'sqrt_v'],
    ['wd', 'mul_st', weightDecay, 'w'],
    ['update', 'add', 'update', 'wd'],
    ['update', 'mul_st', 'lr', 'update'],
  ]);
}

/** Hyperparameters of `lionProgram` (learn/optim's lion defaults). */
export interface LionProgramOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly weightDecay?: number;
}

/** Lion: update = lr·(sign(β1·m + (1−β1)·g) + λ·w); m ← β2·m + (1−β2)·g. One slot. */
export function lionProgram(options: LionProgramOptions = {}): Graph {
  const { beta1 = 0.9, beta2 = 0.99, weightDecay = 0 } = options;
  return programFromStatements([
    ['c', 'interpolate', 'g', 'm', beta1],
    ['update', 'sign', 'c'],
    ['wd', 'mul_st', weightDecay, 'w'],
    ['update', 'add', 'update', 'wd'],
    ['update', 'mul_st', 'lr', 'update'],
    ['m', 'interpolate', 'g', 'm', beta2],
  ]);
}

/** SGD with (heavy-ball) momentum, as learn/optim's sgd: m ← μ·m + g; update = lr·m. */
export function sgdMomentumProgram(options: { readonly momentum?: number } = {}): Graph {
  const { momentum = 0.9 } = options;
  return programFromStatements([
    ['m', 'mul_st', momentum, 'm'],
    ['m', 'add', 'm', 'g'],
    ['update', 'mul_st', 'lr', 'm'],
  ]);
}

/** Hyperparameters of `adafactorProgram`. */
export interface AdafactorProgramOptions {
  /** Exponent of the second-moment decay 1 − t^(−decay) (Adafactor's 0.8). */
  readonly decay?: number;
  readonly weightDecay?: number;
}

/**
 * Adafactor-style (Shazeer & Stern 2018), unfactored: no momentum; v ← β̂·v + (1 − β̂)·g²
 * with β̂ = 1 − t^(−0.8), so the first step sees g² alone; u = g / √v, scaled down to an RMS
 * of at most 1 (Adafactor's update clipping, d = 1); update = lr·(u + λ·w). One slot.
 *
 * Ours, not the paper's: Adafactor keeps row and column means of v for a matrix (its memory
 * saving), which an elementwise program over one parameter cannot express, so v is kept
 * whole; the RMS divides ‖u‖ by ‖sign(g)‖ = √n (n the coordinates with a non-zero gradient),
 * since a program has no op for a tensor's size; and the step size is `lr`, not Adafactor's
 * relative step.
 */
export function adafactorProgram(options: AdafactorProgramOptions = {}): Graph {
  const { decay = 0.8, weightDecay = 0 } = options;
  return programFromStatements([
    ['b2', 'pow_ss', 'step', -decay],
    ['b2', 'sub_ss', 1, 'b2'],
    ['g2', 'square', 'g'],
    ['v', 'interpolate', 'g2', 'v', 'b2'],
    ['u', 'sqrt', 'v'],
    ['u', 'div', 'g', 'u'],
    ['ones', 'sign', 'g'],
    ['root_n', 'norm', 'ones'],
    ['rms', 'norm', 'u'],
    ['rms', 'div_ss', 'rms', 'root_n'],
    ['rms', 'max_ss', 1, 'rms'],
    ['update', 'div_ts', 'u', 'rms'],
    ['wd', 'mul_st', weightDecay, 'w'],
    ['update', 'add', 'update', 'wd'],
    ['update', 'mul_st', 'lr', 'update'],
  ]);
}

/** The reference programs by name, with their default hyperparameters. */
export const REFERENCE_PROGRAMS: { readonly [name: string]: () => Graph } = {
  adamw: () => adamwProgram(),
  lion: () => lionProgram(),
  sgd: () => sgdMomentumProgram(),
  adafactor: () => adafactorProgram(),
};

/** The reference program `name`, or a UsageError listing the known ones. */
export function referenceProgram(name: string): Graph {
  const make = REFERENCE_PROGRAMS[name];
  if (make === undefined) throw new UsageError(`unknown optimizer program '${name}'; known: ${Object.keys(REFERENCE_PROGRAMS).join(', ')}`);
  return make();
}
