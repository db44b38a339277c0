/**
 * Trials per second of the symbolic sample loop, and its memory over 10^6 trials.
 *
 * The space is nested and conditional, with 30 active decisions in every DNA; the reward is
 * trivial, so the loop itself is what is measured. Three loops run on the same space:
 *   - sample + regularized evolution built from the operator algebra (what is measured),
 *   - a plain synchronous propose/decode/feedback loop over the same algorithm (the floor),
 *   - sample + the core regularizedEvolution (another algorithm behind the same loop).
 * Then the first runs for 10^6 trials with the heap (after a forced GC) printed every 10^5.
 * Rates are given per second of wall time and per second of this process's CPU time: on a
 * shared machine the second is the steadier figure. Ratios use CPU time.
 *
 *   node --expose-gc --import tsx bench/symbolic-sample.ts      (or: npx tsx bench/symbolic-sample.ts)
 */
import os from 'node:os';
import { regularizedEvolution } from '../src/algorithms/index.ts';
import { Rng } from '../src/core/rng.ts';
import type { Algorithm } from '../src/core/types.ts';
import { SampleTrial } from '../src/spaces/symbolic/sample/sample-trial.ts';
import { dnaRegularizedEvolution, field, floatValue, intValue, manyOf, oneOf, sample, symbolicClass, template } from '../src/spaces/symbolic/index.ts';
import type { DNA } from '../src/spaces/symbolic/index.ts';

const Block = symbolicClass('bench.Block', { op: field.string(), width: field.int({ min: 1 }), activation: field.string() });
const space = {
  optimizer: oneOf([
    { name: 'adam', lr: floatValue(1e-5, 1e-1, { scale: 'log' }), beta2: oneOf([0.99, 0.999]) },
    { name: 'sgd', lr: floatValue(1e-4, 1, { scale: 'log' }), momentum: floatValue(0, 0.99) },
  ]),
  blocks: Array.from({ length: 8 }, () =>
    Block.space({ op: oneOf(['conv3', 'conv5', 'sep3', 'pool']), width: intValue(16, 256), activation: oneOf(['relu', 'gelu', 'swish']) }),
  ),
  head: manyOf(2, ['dense', 'dropout', 'norm', 'pool']),
  batch: oneOf([32, 64, 128]),
};
const compiled = template(space);
type Value = ReturnType<typeof compiled.decode>;
const reward = (v: Value): number => v.blocks[0]!.width + v.batch;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMiB = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const regularized = (): Algorithm<DNA> => dnaRegularizedEvolution(compiled, { populationSize: 100, tournamentSize: 10 });

/** Trials per second of wall time, and per second of this process's CPU time (what a shared machine distorts least). */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

function timer(): (trials: number) => Rate {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return (trials) => {
    const used = process.cpuUsage(cpu);
    return { wall: (trials * 1000) / (performance.now() - wall), cpu: (trials * 1e6) / (used.user + used.system) };
  };
}

async function sampleLoop(algorithm: Algorithm<DNA>, trials: number, onStep?: (i: number) => void): Promise<Rate> {
  const stop = timer();
  let i = 0;
  for await (const [value, feedback] of sample(compiled, algorithm, { numExamples: trials, seed: 1 })) {
    feedback(reward(value));
    if (onStep !== undefined && ++i % 100_000 === 0) onStep(i);
  }
  return stop(trials);
}

function plainLoop(algorithm: Algorithm<DNA>, trials: number): Rate {
  const rng = new Rng(1);
  const keyOf = (dna: DNA) => compiled.key(dna);
  const stop = timer();
  for (let id = 0; id < trials; id++) {
    const dna = algorithm.propose(rng);
    const r = reward(compiled.decode(dna));
    algorithm.feedback(new SampleTrial(id, dna, keyOf, 'done', [r], [-r], undefined, 0));
  }
  return stop(trials);
}

const active = compiled.spec.activeDecisions(compiled.random(new Rng(0))).length;
console.log(`space: ${compiled.spec.size} decision slots, ${active} active in every DNA; population 100, tournament 10`);
const warm = 20_000;
await sampleLoop(regularized(), warm);
plainLoop(regularized(), warm);
const measured = 200_000;
const viaSample = await sampleLoop(regularized(), measured);
const floor = plainLoop(regularized(), measured);
const coreViaSample = await sampleLoop(regularizedEvolution({ space: compiled, populationSize: 100, tournamentSize: 10 }), measured);
const whole = (x: number) => Math.round(x).toLocaleString('en-US');
const rate = (r: Rate) => `${whole(r.wall)} trials/s (${whole(r.cpu)} per CPU-second)`;
console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`);
console.log(`sample loop + algebra regularized evolution: ${rate(viaSample)}  (aim >= 50,000)`);
console.log(`plain ask/tell loop, same algorithm (floor): ${rate(floor)}  ratio sample/floor = ${(viaSample.cpu / floor.cpu).toFixed(2)}`);
console.log(`sample loop + core regularizedEvolution:     ${rate(coreViaSample)}  ratio algebra/core = ${(viaSample.cpu / coreViaSample.cpu).toFixed(2)}`);

if (gc === undefined) console.log('note: run with node --expose-gc for heap figures after a forced GC');
const million = 1_000_000;
const startHeap = heapMiB();
const heaps: string[] = [];
const longRate = await sampleLoop(regularized(), million, (i) => heaps.push(`${i / 1000}k: ${heapMiB().toFixed(1)}`));
const endHeap = heapMiB();
console.log(`10^6 trials at ${rate(longRate)}; heap used (MiB) start ${startHeap.toFixed(1)}, ${heaps.join(', ')}`);
console.log(`heap end/start ratio = ${(endHeap / startHeap).toFixed(2)}`);
