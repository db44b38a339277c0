import type { Tensor } from '../../learn/tensor/index.ts';
import { optimizer, type UpdateRule } from '../../learn/optim/index.ts';

/*
 * The training loop every network proxy runs, and the rules it judges a run by: one place,
 * so that the MNIST, regression and language-model proxies diverge, time out and record their
 * curves alike.
 */

/** What one training run measured. */
export interface ProxyRun {
  /** Validation loss after training (cross-entropy, MSE, or f(w)/f(w₀) for the quadratic); Infinity when it diverged. */
  readonly validLoss: number;
  /** Validation accuracy (classification only). */
  readonly accuracy?: number;
  readonly diverged: boolean;
}

/** What every proxy does: train from its fixed start with an update rule. */
export interface ProxyTraining {
  /**
   * Trains from the proxy's fixed start with `rule` at learning rate `lr`; throws past
   * `deadline` (performance.now() ms). Each step's training loss (for the quadratic f(w)/f(w₀))
   * goes to `curve` when one is given.
   */
  train(rule: UpdateRule, lr: number, deadline?: number, curve?: number[]): ProxyRun;
}

/** A run stops as diverged once its training loss exceeds this multiple of the first one. */
export const DIVERGENCE_FACTOR = 1e3;

/** A diverged run's result. */
export const DIVERGED: ProxyRun = { validLoss: Infinity, diverged: true };

/** Throws once `deadline` (performance.now() ms) has passed: the evaluation becomes a failed trial. */
export function checkDeadline(deadline: number | undefined): void {
  if (deadline !== undefined && performance.now() > deadline) throw new Error('timeout: the training ran past its time limit');
}

/** True when a training loss says the run has diverged (not finite, or far above the first loss). */
export function hasDiverged(loss: number, first: number): boolean {
  return !Number.isFinite(loss) || loss > DIVERGENCE_FACTOR * Math.max(first, 1e-3);
}

/**
 * Trains `parameters` with `rule` at rate `lr`, one step per loss of `stepLosses` (each a
 * closure building that step's loss), and returns false as soon as the run diverges. Each
 * step's training loss goes to `curve` when one is given.
 */
export function trainSteps(parameters: Tensor[], rule: UpdateRule, lr: number, stepLosses: readonly (() => Tensor)[], deadline: number | undefined, curve?: number[]): boolean {
  const opt = optimizer(parameters, rule, lr);
  let first = NaN;
  for (const loss of stepLosses) {
    const value = opt.minimize(loss);
    if (Number.isNaN(first)) first = value;
    curve?.push(value);
    if (hasDiverged(value, first)) return false;
    checkDeadline(deadline);
  }
  return true;
}

/**
 * Mean cross-entropy of logits [rows, classes] against labels as (x − max) − log Σ exp(x − max):
 * the validation score. Written out here because the form x − (max + log Σ), as the engine's
 * log-softmax computes it, loses log Σ next to logits of 1e17 and scores 0 for a network
 * whose weights an optimizer has blown up.
 */
export function meanCrossEntropy(logits: Tensor, labels: Int32Array): number {
  const classes = logits.shape[1]!;
  let total = 0;
  for (let r = 0; r < labels.length; r++) {
    let top = -Infinity;
    for (let c = 0; c < classes; c++) top = Math.max(top, logits.data[r * classes + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits.data[r * classes + c]! - top);
    total -= logits.data[r * classes + labels[r]!]! - top - Math.log(sum);
  }
  return total / labels.length;
}
