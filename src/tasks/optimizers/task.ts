import { UsageError } from '../../core/errors.ts';
import { positiveMs } from '../../core/options.ts';
import { Rng } from '../../core/rng.ts';
import type { EvalContext, Json, Measurement, Objective, Task } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { programUpdateRule } from './program-rule.ts';
import { proxyConfig, proxyTask, type Proxy, type ProxyConfig, type ProxyRun } from './proxies.ts';
import { deadStatementCount, statementCount } from './space.ts';

/** Options of `optimizerTask`. */
export interface OptimizerTaskOptions {
  /** The proxy training each candidate runs (default: a 196-32-10 MLP on 2,000 MNIST digits, 150 steps). */
  readonly proxy?: ProxyConfig;
  /** Learning rates tried per candidate; the best one's validation loss is the fitness (default 1e-3, 3e-3, 1e-2, 3e-2). */
  readonly lrGrid?: readonly number[];
  /** Fail a candidate whose trainings take longer than this in all (default 60,000 ms). */
  readonly timeLimitMs?: number;
}

/** The optimizer-discovery task, with what its reports need beyond `Task`. */
export interface OptimizerTask extends Task<Graph> {
  readonly proxy: Proxy;
  readonly lrGrid: readonly number[];
  evaluate(program: Graph, ctx: EvalContext): Measurement;
  /**
   * Trains with the program at every learning rate of the grid; the run with the lowest
   * validation loss first. With `curves`, each run also keeps its training loss per step.
   */
  runs(program: Graph, curves?: boolean): { readonly lr: number; readonly run: ProxyRun; readonly curve?: readonly number[] }[];
}

/** The task's one objective: validation loss after training, lower is better. */
export const OPTIMIZER_OBJECTIVES: readonly Objective[] = [{ name: 'validLoss', goal: 'min' }];

export const DEFAULT_LR_GRID: readonly number[] = [1e-3, 3e-3, 1e-2, 3e-2];

/** Coordinates, updates and learning rates of the behaviour probe behind the functional hash. */
const PROBE_SIZE = 4;
const PROBE_STEPS = 5;
const PROBE_LRS = [1e-3, 1e-2];

/**
 * The fingerprint of a program's behaviour: the updates it makes over a few steps on fixed
 * random gradients, from zero slots as in training, at two learning rates. Programs that
 * update alike (`interpolate(g, m, 0.9)` and `0.1·g + 0.9·m`) share it, so the FEC cache
 * answers the second from the first. A program whose probe update is not finite fails here,
 * before any training.
 */
export function updateFingerprint(program: Graph): Float64Array {
  const rule = programUpdateRule(program);
  const out = new Float64Array(PROBE_LRS.length * PROBE_STEPS * PROBE_SIZE);
  let k = 0;
  for (const lr of PROBE_LRS) {
    const rng = new Rng(0x0b5e);
    const w = Float64Array.from({ length: PROBE_SIZE }, () => rng.normal());
    const slots = rule.slots.map(() => new Float64Array(PROBE_SIZE));
    for (let step = 1; step <= PROBE_STEPS; step++) {
      const g = Float64Array.from(w, (x) => 0.5 * x + rng.normal());
      const before = Float64Array.from(w);
      rule.update(w, g, slots, step, lr);
      for (let i = 0; i < PROBE_SIZE; i++) {
        const u = before[i]! - w[i]!;
        if (!Number.isFinite(u)) throw new Error('diverged: the update is not finite on the probe inputs');
        out[k++] = u;
      }
    }
  }
  return out;
}

function checkGrid(raw: readonly number[] | undefined): number[] {
  const grid = raw ?? DEFAULT_LR_GRID;
  if (!Array.isArray(grid) || grid.length === 0 || grid.some((lr) => typeof lr !== 'number' || !(lr > 0 && lr < Infinity))) {
    throw new UsageError(`optimizer task: lrGrid must list learning rates > 0, got ${JSON.stringify(grid)}`);
  }
  return [...grid];
}

/**
 * Optimizer discovery's fitness: a candidate trains the proxy at each learning rate of the
 * grid from the same start, and scores the lowest validation loss. Divergence at every rate,
 * a non-finite update or a run past the time limit fails the trial.
 *
 * @example
 * const task = optimizerTask({ proxy: { kind: 'quadratic' } });
 * task.evaluate(lionProgram(), { trialId: 0, seed: 0 }).values; // [f(w_T)/f(w_0)]
 */
export function optimizerTask(options: OptimizerTaskOptions = {}): OptimizerTask {
  const proxy = proxyTask(proxyConfig(options.proxy ?? { kind: 'mnist-mlp' }));
  const lrGrid = checkGrid(options.lrGrid);
  const timeLimitMs = positiveMs('optimizer task', 'timeLimitMs', options.timeLimitMs ?? 60_000);
  const config: Json = { proxy: { ...proxy.config }, lrGrid: [...lrGrid], timeLimitMs };
  const runs = (program: Graph, curves = false) => {
    const rule = programUpdateRule(program);
    const deadline = performance.now() + timeLimitMs;
    return lrGrid
      .map((lr) => {
        const curve: number[] | undefined = curves ? [] : undefined;
        return { lr, run: proxy.train(rule, lr, deadline, curve), ...(curve === undefined ? {} : { curve }) };
      })
      .sort((a, b) => a.run.validLoss - b.run.validLoss);
  };
  return {
    id: 'optimizers',
    config,
    objectives: OPTIMIZER_OBJECTIVES,
    proxy,
    lrGrid,
    runs,
    evaluate(program: Graph): Measurement {
      const best = runs(program)[0]!;
      if (best.run.diverged) throw new Error(`diverged at every learning rate of the grid (${lrGrid.join(', ')})`);
      const info: { [key: string]: Json } = { lr: best.lr, statements: statementCount(program), deadStatements: deadStatementCount(program) };
      if (best.run.accuracy !== undefined) info['accuracy'] = best.run.accuracy;
      return { values: [best.run.validLoss], info };
    },
    fingerprint: updateFingerprint,
  };
}
