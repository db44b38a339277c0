/**
 * Adaptive timing of a step: warm up, estimate the cost of one step, then time repetitions of
 * enough steps each that the clock's resolution does not matter, as many as fit the budget,
 * and report the median.
 */

/** A step to time; it may return a promise, which is awaited only when present. */
export type Step = () => void | Promise<void>;

/** The timing of one step. */
export interface Timing {
  /** Median over repetitions of the time per step. */
  readonly msPerStep: number;
  /**
   * Median over repetitions of this process's CPU time (user + system) per step: on a shared
   * machine it counts the work done, not the time spent waiting for a core.
   */
  readonly cpuMsPerStep: number;
  /** Interquartile range over the median, as a fraction: how noisy the machine was. */
  readonly spread: number;
  readonly repetitions: number;
  readonly stepsPerRepetition: number;
  /** Steps run in all, warm-up included. */
  readonly steps: number;
  /** True when the time is of one first step only (it includes one-time costs). */
  readonly cold: boolean;
}

/**
 * How long to spend on one (workload, engine) pair. `minRepetitions` holds while that many
 * repetitions fit in three budgets; a step slower than that is timed once after its warm-up.
 */
export interface Budget {
  readonly ms: number;
  readonly minRepetitions: number;
}

async function run(step: Step, count: number): Promise<number> {
  return (await runTimed(step, count)).wallMs;
}

async function runTimed(step: Step, count: number): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const pending = step();
    if (pending !== undefined) await pending;
  }
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]!;
}

/**
 * Times `step`: about a fifth of the budget warms up (so lazy initialisation and JIT settle),
 * the rest is split into repetitions of at least ~2 ms each. `firstStepMs`, the time of a step
 * the caller already ran, counts as warm-up and as the first cost estimate, so a step that is
 * slow to begin with is not run again just to warm up.
 */
export async function timeStep(step: Step, budget: Budget, firstStepMs?: number): Promise<Timing> {
  let steps = 0;
  let estimate = firstStepMs ?? Number.POSITIVE_INFINITY;
  const warmupMs = budget.ms / 5 - (firstStepMs ?? 0);
  const warmupStart = performance.now();
  while (estimate === Number.POSITIVE_INFINITY || performance.now() - warmupStart < warmupMs) {
    const batch = Math.max(1, Math.min(1024, steps));
    estimate = Math.max((await run(step, batch)) / batch, 1e-4);
    steps += batch;
  }
  const stepsPerRepetition = Math.max(1, Math.ceil(Math.max(2, budget.ms / 50) / estimate));
  const fit = Math.min(41, Math.floor((budget.ms * 0.8) / (stepsPerRepetition * estimate)));
  const affordable = budget.minRepetitions * stepsPerRepetition * estimate <= 3 * budget.ms;
  const repetitions = Math.max(fit, affordable ? budget.minRepetitions : 1);
  const perStep: number[] = [];
  const cpuPerStep: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const { wallMs, cpuMs } = await runTimed(step, stepsPerRepetition);
    perStep.push(wallMs / stepsPerRepetition);
    cpuPerStep.push(cpuMs / stepsPerRepetition);
  }
  steps += repetitions * stepsPerRepetition;
  perStep.sort((a, b) => a - b);
  cpuPerStep.sort((a, b) => a - b);
  const median = quantile(perStep, 0.5);
  return {
    msPerStep: median, cpuMsPerStep: quantile(cpuPerStep, 0.5), spread: (quantile(perStep, 0.75) - quantile(perStep, 0.25)) / median,
    repetitions, stepsPerRepetition, steps, cold: false,
  };
}

/** The timing of a single cold step, for --quick rows too slow to repeat. */
export function coldTiming(ms: number, cpuMs = Number.NaN): Timing {
  return { msPerStep: ms, cpuMsPerStep: cpuMs, spread: 0, repetitions: 1, stepsPerRepetition: 1, steps: 0, cold: true };
}

/** A time per step for a table cell: µs below a millisecond, ms above. */
export function formatDuration(ms: number): string {
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}
