/**
 * Guided evolution against plain regularized evolution, as issue 15 defines the speed-up:
 * the evaluations plain RE needs to reach its median final fitness at budget B over those the
 * guided run needs to reach it (medians over seeds), with a bootstrap 95% interval, in
 * evaluations and in wall time (the discriminator's training and predictions included). Tasks:
 * Nguyen symbolic-regression problems (fitness: best validation NMSE), NAS-Bench-201
 * CIFAR-100 (fitness: the incumbent's test regret) and the optimizer search on its quadratic
 * proxy (`optimizers-quadratic`; fitness: the best validation loss). Also the discriminator's cost per training
 * step and per prediction, its held-out pair accuracy, and figures of both.
 *
 *   npx tsx bench/guided.ts [--tasks nguyen-4,nguyen-12,nb201-cifar100] [--sr-seeds 20] [--nb201-seeds 20]
 *                           [--sr-budget 1000] [--nb201-budget 400] [--opt-seeds 20] [--opt-budget 400] [--jobs 2] [--figures docs] [--json out.json]
 *                           [--runs runs.jsonl] [--report-only] [--quick]
 *
 * Each finished run is appended to --runs (JSON lines); --report-only reads them back and
 * reports without running anything, so a long measurement can be stopped and reported.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { encoderFromRecipe } from '../src/learn/guide/encodings.ts';
import { OnlineDiscriminator } from '../src/learn/guide/online-discriminator.ts';
import { graphSpace } from '../src/spaces/graph/space.ts';
import { NB201_GUIDE_ENCODING } from '../src/tasks/nas/guide-encodings.ts';
import { nasBench201Space } from '../src/tasks/nas/nb201/space.ts';
import { DEFAULT_SR_OPS } from '../src/tasks/symbolic-regression/search.ts';
import { optimizerSpace } from '../src/tasks/optimizers/space.ts';
import { timeStep } from './nn/measure.ts';
import { accuracyPlot, fitnessPlot } from './guided/plots.ts';
import { runOne, type Run, type RunSpec } from './guided/runs.ts';
import { answerAsChild, runInChildren } from './child-jobs.ts';
import { bootstrapSpeedUp, median } from './guided/speedup.ts';

// Each run is a child process of this script, so that runs use every core given.
await answerAsChild('AMOEBA_GUIDED_RUN', (spec: RunSpec) => runOne(spec));

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: 'nguyen-4,nguyen-12,nb201-cifar100' },
    'sr-seeds': { type: 'string', default: '20' },
    'nb201-seeds': { type: 'string', default: '20' },
    runs: { type: 'string' },
    'report-only': { type: 'boolean', default: false },
    'sr-budget': { type: 'string', default: '1000' },
    'nb201-budget': { type: 'string', default: '400' },
    'opt-seeds': { type: 'string', default: '20' },
    'opt-budget': { type: 'string', default: '400' },
    jobs: { type: 'string', default: '2' },
    figures: { type: 'string' },
    json: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const quick = values.quick === true;
const tasks = values.tasks!.split(',');
/** The flag prefix of a task's seeds and budget: sr, nb201 or opt. */
const family = (task: string) => (task.startsWith('nguyen') ? 'sr' : task.startsWith('optimizers') ? 'opt' : 'nb201');
const seedsOf = (task: string) => (quick ? 3 : Number(values[`${family(task)}-seeds`]));
const budgetOf = (task: string) => Number(values[`${family(task)}-budget`]) / (quick ? 4 : 1);

type Job = RunSpec & { arm: 'plain' | 'guided' };
// Seed by seed across the tasks, so that a run stopped early has every task at about the same number of seeds.
const queue: Job[] = [];
for (let seed = 0; seed < Math.max(...tasks.map(seedsOf)); seed++) {
  for (const task of tasks) {
    if (seed >= seedsOf(task)) continue;
    queue.push({ task, seed, budget: budgetOf(task), arm: 'plain' }, { task, seed, budget: budgetOf(task), guide: {}, arm: 'guided' });
  }
}
const results = new Map<string, { plain: Run[]; guided: Run[] }>(tasks.map((t) => [t, { plain: [], guided: [] }]));
const started = performance.now();
if (values['report-only'] === true) {
  if (values.runs === undefined || !existsSync(values.runs)) throw new Error('--report-only needs --runs naming a file of finished runs');
  for (const line of readFileSync(values.runs, 'utf8').split('\n').filter(Boolean)) {
    const { job, run } = JSON.parse(line) as { job: Job; run: Run };
    results.get(job.task)?.[job.arm].push(run);
  }
} else {
  await runInChildren<Job, Run>(import.meta.url, 'AMOEBA_GUIDED_RUN', queue, Number(values.jobs), (run, job) => {
    const { arm, task, seed } = job;
    results.get(task)![arm].push(run);
    if (values.runs !== undefined) appendFileSync(values.runs, `${JSON.stringify({ job, run })}\n`);
    process.stderr.write(`${task} seed ${seed} ${arm}: final ${run.best[run.best.length - 1]!.toPrecision(4)} in ${(run.ms[run.ms.length - 1]! / 1000).toFixed(1)} s\n`);
  });
}
// Seeds with both arms finished, paired by count (a stopped run may leave one arm a seed ahead).
for (const r of results.values()) {
  const n = Math.min(r.plain.length, r.guided.length);
  r.plain.length = n;
  r.guided.length = n;
}
const computeSeconds = (performance.now() - started) / 1000;

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? v.toPrecision(digits) : String(v));
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(`\nGuided evolution vs regularized evolution: ${tasks.map((t) => `${t} ${results.get(t)!.plain.length} seeds`).join(', ')} per arm; ${computeSeconds.toFixed(0)} s on ${values.jobs} jobs`);
const report: { [task: string]: unknown } = {};
for (const task of tasks) {
  const { plain, guided } = results.get(task)!;
  const evals = bootstrapSpeedUp(plain, guided, 'evaluations');
  const wall = bootstrapSpeedUp(plain, guided, 'ms');
  const d = guided.map((r) => r.diagnostics!);
  const share = mean(d.map((x) => x['discriminator share of run time']));
  const finalHeldOut = mean(d.map((x) => x['held-out pair accuracy']).filter(Number.isFinite));
  if (plain.length === 0) continue;
  const row = {
    seeds: plain.length,
    budget: budgetOf(task),
    target: evals.target,
    finalMedian: { plain: median(plain.map((r) => r.best[r.best.length - 1]!)), guided: median(guided.map((r) => r.best[r.best.length - 1]!)) },
    evaluations: { plain: evals.plainCost, guided: evals.guidedCost, speedUp: evals.ratio, ci95: evals.ci95 },
    wallMs: { plain: wall.plainCost, guided: wall.guidedCost, speedUp: wall.ratio, ci95: wall.ci95 },
    runSeconds: { plain: median(plain.map((r) => r.ms[r.ms.length - 1]! / 1000)), guided: median(guided.map((r) => r.ms[r.ms.length - 1]! / 1000)) },
    acceptanceRate: mean(d.map((x) => x['acceptance rate'])),
    triesPerAccepted: mean(d.map((x) => x['tries per accepted child'])),
    heldOutAccuracyLast: finalHeldOut,
    heldOutAccuracyAll: mean(d.flatMap((x) => x['held-out pair accuracy by trials'].map(([, a]) => a))),
    childVsParentAccuracy: mean(d.map((x) => x['child-vs-parent accuracy']).filter(Number.isFinite)),
    discriminatorShare: share,
    msPerTrainStep: mean(d.map((x) => x['discriminator training ms'] / x['discriminator training steps'])),
  };
  report[task] = row;
  console.log(`\n${task}: budget B ${row.budget}, target = plain's median final fitness ${fmt(row.target, 4)} (guided median final ${fmt(row.finalMedian.guided, 4)})`);
  console.log(`  evaluations to target: plain ${fmt(row.evaluations.plain)}, guided ${fmt(row.evaluations.guided)}; speed-up ${fmt(evals.ratio)} [95% ${fmt(evals.ci95[0])}, ${fmt(evals.ci95[1])}]`);
  console.log(`  wall time to target:   plain ${fmt(wall.plainCost / 1000)} s, guided ${fmt(wall.guidedCost / 1000)} s; speed-up ${fmt(wall.ratio)} [95% ${fmt(wall.ci95[0])}, ${fmt(wall.ci95[1])}]`);
  console.log(`  guided: acceptance ${fmt(row.acceptanceRate)}, ${fmt(row.triesPerAccepted)} tries per accepted child, held-out pair accuracy ${fmt(row.heldOutAccuracyAll)} (mean over retrainings), ${fmt(row.heldOutAccuracyLast)} (last), child-vs-parent ${fmt(row.childVsParentAccuracy)}, discriminator ${fmt(100 * share)}% of run time`);
}

// The discriminator's own cost at the default size, on programs of each space.
const srSpace = graphSpace({ inputs: 1, ops: DEFAULT_SR_OPS, maxVertices: 16 });
const costs: { [space: string]: { trainStepMs: number; predictMs: number } } = {};
for (const [name, space, recipe] of [['nguyen formulas', srSpace, { kind: 'graph' }], ['NAS-Bench-201 cells', nasBench201Space(), NB201_GUIDE_ENCODING], ['optimizer programs', optimizerSpace(), { kind: 'graph' }]] as const) {
  const rng = new Rng(1);
  const online = new OnlineDiscriminator(encoderFromRecipe(space as never, recipe), { seed: 1 });
  for (let i = 0; i < 500; i++) online.add((space as { random(r: Rng): unknown }).random(rng) as never, rng.float(), null);
  const parent = (space as { random(r: Rng): unknown }).random(rng) as never;
  const children = Array.from({ length: 8 }, () => (space as { mutate(g: unknown, r: Rng): unknown }).mutate(parent, rng) as never);
  const budget = { ms: quick ? 200 : 1500, minRepetitions: 5 };
  const trainStepMs = (await timeStep(() => void online.train(1), budget)).msPerStep;
  const predictMs = (await timeStep(() => void online.probabilities(parent, children), budget)).msPerStep;
  costs[name] = { trainStepMs, predictMs };
  console.log(`\ndiscriminator cost on ${name}: ${fmt(trainStepMs)} ms per training step (32 programs, 496 pairs), ${fmt(predictMs)} ms per prediction (a parent and 8 children)`);
}

if (values.figures !== undefined) {
  const sr = tasks.filter((t) => t.startsWith('nguyen')).map((t) => ({ title: t, ...results.get(t)! }));
  const nas = tasks.filter((t) => t.startsWith('nb201')).map((t) => ({ title: t, ...results.get(t)! }));
  const opt = tasks.filter((t) => t.startsWith('optimizers')).map((t) => ({ title: t, ...results.get(t)! }));
  if (sr.length > 0) writeFileSync(join(values.figures, 'guided-nguyen.svg'), await fitnessPlot(sr, 'best validation NMSE'));
  if (nas.length > 0) writeFileSync(join(values.figures, 'guided-nb201.svg'), await fitnessPlot(nas, 'test regret (CIFAR-100, %)'));
  if (opt.length > 0) writeFileSync(join(values.figures, 'guided-optimizers.svg'), await fitnessPlot(opt, 'best validation loss (f(w)/f(w₀))'));
  writeFileSync(join(values.figures, 'guided-accuracy.svg'), await accuracyPlot(tasks.map((t) => ({ title: t, guided: results.get(t)!.guided }))));
}
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ computeSeconds, tasks: report, costs }, null, 2)}\n`);
