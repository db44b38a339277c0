/**
 * Shared by the executor benches: a space of integers, random proposals, and the steady-state
 * rate of a study, measured after a warm-up so that worker start-up is left out.
 */
import { Study } from '../src/core/study.ts';
import type { Algorithm, Executor, Space, Task } from '../src/core/index.ts';

/** Integers in [0, 1000); the benches only need something to send. */
export const numbers: Space<number> = { random: (rng) => rng.int(1000), mutate: (g) => g, key: String, toJSON: (g) => g, fromJSON: (j) => j as number };

/** Proposes at random and learns nothing: the cheapest algorithm, so the executor is what is measured. */
export const randomNumbers: Algorithm<number> = { propose: (rng) => numbers.random(rng), feedback: () => {}, snapshot: () => null };

/** Trials/s of a study of `trials` trials on `executor`, from the `warmup`-th finished trial to the last. */
export async function steadyRate(executor: Executor<number>, task: Task<number>, trials: number, warmup: number): Promise<number> {
  let finished = 0;
  let warmAt = 0;
  let lastAt = 0;
  const study = new Study({ space: numbers, task, algorithm: randomNumbers, seed: 1, budgetTrials: trials, executor });
  study.on('trial', () => {
    finished++;
    if (finished === warmup) warmAt = performance.now();
    lastAt = performance.now();
  });
  const summary = await study.run();
  if (summary.failed > 0) throw new Error(`${summary.failed} trials failed; the benchmark measures nothing`);
  return ((trials - warmup) * 1000) / (lastAt - warmAt);
}
