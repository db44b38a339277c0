/**
 * threadExecutor (2 workers) against inlineExecutor on the same study, for a ~5 ms CPU-bound
 * evaluation (one trial per message) and a ~50 µs one (batched). Throughput is measured in
 * steady state: from the trial that ends the warm-up to the last one, so worker start-up
 * (tsx, imports) is left out. Prints trials/s for both and the ratio.
 * Run: npx tsx bench/executors.ts
 */
import { isMainThread } from 'node:worker_threads';
import { tasks } from '../src/core/registries.ts';
import type { Json, Task } from '../src/core/index.ts';
import { spaces } from '../src/core/registries.ts';
import { inlineExecutor, threadExecutor } from '../src/executors/index.ts';
import { numbers, steadyRate } from './steady-rate.ts';


/** A fixed amount of arithmetic per evaluation, so the work does not shrink or grow with load. */
function workTask(config: Json): Task<number> {
  const iterations = (config as { iterations: number }).iterations;
  return {
    id: 'bench-work',
    objectives: [{ name: 'v', goal: 'min' }],
    evaluate(g) {
      let x = g + 1;
      for (let i = 0; i < iterations; i++) x = (x * 1.0000001 + 0.5) % 1e6;
      return { values: [x] };
    },
  };
}

if (!tasks.has('bench-work')) tasks.register('bench-work', workTask);
if (!spaces.has('bench-numbers')) spaces.register('bench-numbers', () => numbers);


/** Iterations of workTask's loop that take about `micros` µs on this thread. */
function calibrate(micros: number): number {
  const probe = workTask({ iterations: 1_000_000 });
  const start = performance.now();
  probe.evaluate(1, { trialId: 0, seed: 0 });
  const perIteration = (performance.now() - start) / 1_000_000;
  return Math.max(1, Math.round(micros / 1000 / perIteration));
}


const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function compare(label: string, micros: number, trials: number, batchSize: number): Promise<void> {
  const iterations = calibrate(micros);
  const threads = () =>
    threadExecutor<number>({
      task: { id: 'bench-work', config: { iterations } },
      space: { id: 'bench-numbers', config: null },
      modules: [import.meta.url],
      workers: 2,
      batchSize,
    });
  const inlineRates: number[] = [];
  const threadRates: number[] = [];
  // Interleaved rounds, median of each: the machine's other load then weighs on both alike.
  for (let round = 0; round < ROUNDS; round++) {
    inlineRates.push(await steadyRate(inlineExecutor<number>(), workTask({ iterations }), trials, Math.floor(trials / 10)));
    threadRates.push(await steadyRate(threads(), workTask({ iterations }), trials, Math.max(Math.floor(trials / 10), 4 * batchSize)));
  }
  const inline = median(inlineRates);
  const threaded = median(threadRates);
  console.log(`${label}: ${iterations.toLocaleString('en')} iterations per evaluation, ${trials} trials, median of ${ROUNDS} rounds`);
  console.log(`  inline:              ${inline.toFixed(0)} trials/s`);
  console.log(`  2 threads, batch ${String(batchSize).padEnd(3)}: ${threaded.toFixed(0)} trials/s`);
  console.log(`  ratio threads/inline: ${(threaded / inline).toFixed(2)}`);
}

async function main(): Promise<void> {
  await compare('~5 ms CPU-bound evaluation (aim >= 1.8)', 5000, 300, 1);
  await compare('~50 µs evaluation, batched (aim >= 1.3)', 50, 20_000, 64);
}

// Workers load this file too, to register the benchmark's task; only the main thread measures.
// (No top-level await: workers load it through tsx's CommonJS hook.)
if (isMainThread) void main();
