/**
 * AutoML-Zero demo search speed, on one thread: individuals per second of regularized
 * evolution on the demo configuration (run_demo.sh), measured over the same number of
 * individuals for each way of running it, and printed with the configuration so it can be
 * set beside the C++ reference (`./run_demo.sh`, which prints indivs= and elapsed_secs=).
 *
 *   npx tsx bench/automl-zero.ts [individuals]   (default 12000: the first 12 generations)
 *
 * Ways, each a fresh search from the same seed (same tasks, same proposals), after a warm-up
 * search, in two rounds (the faster of the two counts, to damp other load on the machine):
 *   engine + FEC      the product path: Study, FEC cache, threaded steps, compiled hot loops
 *   engine, no FEC    every individual trained and validated in full
 *   steps only        the engine without its compiled tier
 *   bare loop + FEC   the same work without the Study (propose, key, fingerprint, cache, evaluate, feedback)
 *   interpreter + FEC the baseline: the reference interpreter, one dispatch per instruction
 * and the ratios of the first to the others.
 */
import { regularizedEvolution } from '../src/algorithms/index.ts';
import { Rng, mixSeed } from '../src/core/rng.ts';
import { Study } from '../src/core/study.ts';
import type { Trial } from '../src/core/types.ts';
import { fecCache } from '../src/hashing/index.ts';
import type { RegisterProgram } from '../src/spaces/register/index.ts';
import { registerSpace } from '../src/spaces/register/index.ts';
import { DEMO_PRESET, automlZeroTask, programEngine, type ProgramEngineOptions } from '../src/tasks/automl-zero/index.ts';

const INDIVIDUALS = Number(process.argv[2] ?? 12_000);
const ROUNDS = 2;
const SEED = 1;
const config = DEMO_PRESET;
const space = registerSpace({ ...config.space, memory: config.memory });

interface Outcome {
  readonly perSecond: number;
  readonly trainStepsPerSecond: number;
  readonly hitRate: number;
  readonly best: number;
}

function setup(engineOptions: ProgramEngineOptions, fec: boolean) {
  const engine = programEngine(config.memory, 'rms', engineOptions);
  const task = automlZeroTask({ tasks: { ...config.searchTasks, seed: SEED }, memory: config.memory, fec: fec ? config.fec : false, engine });
  const algorithm = regularizedEvolution({ space, populationSize: config.populationSize, tournamentSize: config.tournamentSize, withReplacement: true });
  const cache = fec ? fecCache({ capacity: 100_000, mantissaBits: 52 }) : undefined;
  return { task, algorithm, cache };
}

async function viaStudy(engineOptions: ProgramEngineOptions, fec: boolean, individuals = INDIVIDUALS): Promise<Outcome> {
  const { task, algorithm, cache } = setup(engineOptions, fec);
  let best = 0;
  const study = new Study<RegisterProgram>({ space, task, algorithm, seed: SEED, budgetTrials: individuals, ...(cache === undefined ? {} : { cache }) });
  study.on('trial', (t) => void (best = Math.max(best, t.values[0]!)));
  const start = performance.now();
  await study.run();
  const seconds = (performance.now() - start) / 1000;
  const stats = cache?.stats();
  return { perSecond: individuals / seconds, trainStepsPerSecond: task.trainSteps / seconds, hitRate: stats === undefined ? 0 : stats.hits / (stats.hits + stats.misses), best };
}

/** The Study's work, minus the Study: what a dedicated loop would cost. */
function bareLoop(): Outcome {
  const { task, algorithm, cache } = setup({}, true);
  const rng = new Rng(SEED);
  let best = 0;
  const start = performance.now();
  for (let id = 0; id < INDIVIDUALS; id++) {
    const genotype = algorithm.propose(rng);
    const key = space.key(genotype);
    const lookup = cache!.lookup(task.fingerprint!(genotype));
    const cached = lookup.measurement !== undefined;
    const fitness = lookup.measurement?.values[0] ?? task.fitness(genotype, mixSeed(SEED, id));
    if (!cached) cache!.record(lookup.hash, { values: [fitness] });
    best = Math.max(best, fitness);
    const trial: Trial<RegisterProgram> = { id, genotype, key, hash: lookup.hash, status: 'done', values: [fitness], loss: [-fitness], error: undefined, cached, finishedMs: 0, info: undefined };
    algorithm.feedback(trial);
  }
  const seconds = (performance.now() - start) / 1000;
  const stats = cache!.stats();
  return { perSecond: INDIVIDUALS / seconds, trainStepsPerSecond: task.trainSteps / seconds, hitRate: stats.hits / (stats.hits + stats.misses), best };
}

const components = Object.entries(config.space.components)
  .map(([name, c]) => `${name} ${c.initialSize}`)
  .join(', ');
console.log('AutoML-Zero demo configuration (run_demo.sh):');
console.log(`  memory: ${config.memory.scalars} scalars, ${config.memory.vectors} vectors, ${config.memory.matrices} matrix; F = ${config.memory.features}`);
console.log(`  ops (all components): ${config.space.components['setup']!.ops.join(', ')}`);
console.log(`  initial sizes: ${components}; mutations: ${config.space.mutations!.join(', ')}; mutate probability ${config.space.mutateProbability}`);
console.log(`  population ${config.populationSize}, tournament ${config.tournamentSize}; ${config.searchTasks.numTasks} linear tasks of ${config.searchTasks.numTrain} train + ${config.searchTasks.numValid} valid examples; FEC on 10 + 10`);
console.log(`  ${INDIVIDUALS} individuals per way, seed ${SEED}, one thread, Node ${process.versions.node}\n`);

const ways: [string, () => Outcome | Promise<Outcome>][] = [
  ['engine + FEC', () => viaStudy({}, true)],
  ['engine, no FEC', () => viaStudy({}, false)],
  ['steps only + FEC', () => viaStudy({ compileAfter: Infinity }, true)],
  ['bare loop + FEC', () => bareLoop()],
  ['interpreter + FEC', () => viaStudy({ interpret: true }, true)],
];
await viaStudy({}, true, 3000); // warm-up: shared code gets optimised before anything is timed
const fastest = new Map<string, Outcome>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of round % 2 === 0 ? ways : [...ways].reverse()) {
    const outcome = await run();
    const previous = fastest.get(name);
    if (previous === undefined || outcome.perSecond > previous.perSecond) fastest.set(name, outcome);
  }
}
const results: [string, Outcome][] = ways.map(([name]) => [name, fastest.get(name)!]);
for (const [name, outcome] of results) {
  const hits = outcome.hitRate > 0 ? `, FEC hits ${(100 * outcome.hitRate).toFixed(1)}%` : '';
  console.log(`${name.padEnd(18)} ${Math.round(outcome.perSecond).toLocaleString('en-US').padStart(7)} individuals/s  ${(outcome.trainStepsPerSecond / 1e6).toFixed(2)} M train steps/s${hits}  (best fitness ${outcome.best.toFixed(4)})`);
}
const product = results[0]![1].perSecond;
console.log('');
for (const [name, outcome] of results.slice(1)) console.log(`ratio engine + FEC / ${name}: ${(product / outcome.perSecond).toFixed(2)}`);
