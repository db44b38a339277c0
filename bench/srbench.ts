/**
 * Exact recovery and R² on Nguyen-1…12 and the Feynman-style laws, as a user runs `amoeba sr`:
 * default flags (inline, one seed per law unless --seeds), a budget of --budget trials (the
 * search stops early once it has an exact fit and a little polishing found nothing simpler).
 * The chosen formula is checked on 1,000 fresh rows from the law's own ranges: exact when its
 * NMSE there is at most `exactThreshold` of the fresh target (an error per row of 1e-9 of the
 * target's magnitude), R² is 1 − that NMSE. CPU-seconds are the job process's own
 * (process.cpuUsage), so other users' load does not count. Prints beside the figures of
 * issue 19 for gplearn and Operon.
 *
 *   npx tsx bench/srbench.ts [--set nguyen,feynman] [--seeds 1] [--first-seed 0] [--budget 100000]
 *                            [--jobs 2] [--laws Nguyen-3,I.18.4] [--nguyen-rows 20] [--options '{"crossoverProbability":0.2}']
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { answerAsChild, runInChildren } from './child-jobs.ts';
import { freshRowsError } from './fresh-rows.ts';
import { feynman } from '../src/tasks/symbolic-regression/feynman.ts';
import { nguyen, sampleProblem, type BenchmarkProblem } from '../src/tasks/symbolic-regression/nguyen.ts';
import { searchFormulas, type SymbolicRegressionSearchOptions } from '../src/tasks/symbolic-regression/search.ts';
import { exactThreshold } from '../src/tasks/symbolic-regression/task.ts';

interface Job { set: 'nguyen' | 'feynman'; law: string; seed: number; budget: number; rows: number; options: SearchOverrides }

/** Search options other than the defaults, for experiments (`--options '{"crossoverProbability":0.2}'`). */
type SearchOverrides = Partial<Pick<SymbolicRegressionSearchOptions, 'ops' | 'populationSize' | 'tournamentSize' | 'parsimony' | 'restartPatience' | 'restartMinImprovement' | 'crossoverProbability' | 'polishTrials' | 'maxVertices' | 'maxFitIterations'>>;
interface Outcome extends Job { exact: boolean; r2: number; freshNmse: number; cpuSeconds: number; trials: number; stopReason: string; expression: string }

const SETS: { readonly [set in Job['set']]: readonly BenchmarkProblem[] } = { nguyen, feynman };
const FRESH_ROWS = 1000;

async function runJob(job: Job): Promise<Outcome> {
  const problem = SETS[job.set].find((p) => p.name === job.law)!;
  const data = sampleProblem(problem, new Rng(job.seed), job.rows);
  const cpu = process.cpuUsage();
  const result = await searchFormulas({ data, seed: job.seed, budgetTrials: job.budget, ...job.options });
  const used = process.cpuUsage(cpu);
  const best = result.front[result.best]!;
  const { nmse: freshNmse, target } = freshRowsError(problem, best.js, job.seed, FRESH_ROWS);
  return {
    ...job,
    exact: freshNmse <= exactThreshold(target),
    r2: 1 - freshNmse,
    freshNmse,
    cpuSeconds: (used.user + used.system) / 1e6,
    trials: result.summary.trials,
    stopReason: result.summary.stopReason ?? 'budget',
    expression: best.expression,
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Published and measured figures of other methods, as issue 19 quotes them (same 20 laws, 1,000 rows). */
const OTHERS = [
  'gplearn: 4 of 20 Feynman laws exact, 73–86 CPU-s per law',
  'Operon (pyoperon 0.6.1, one thread): 8 of 20 exact (11 counting its best-fitting model) at about 2.0 CPU-s per law; 9–12 of 20 at about 26 CPU-s',
  'Amoeba before this bench: Nguyen 9 of 12 (100 rows); Feynman 15 of 20 at 25 CPU-s per law that runs its whole budget',
];

// Each job runs in a child process of this same script, so jobs use all cores.
await answerAsChild('AMOEBA_SRBENCH_JOB', runJob);
{
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'nguyen,feynman' },
      seeds: { type: 'string', default: '1' },
      'first-seed': { type: 'string', default: '0' },
      budget: { type: 'string', default: '100000' },
      jobs: { type: 'string' },
      laws: { type: 'string' },
      'nguyen-rows': { type: 'string', default: '20' },
      options: { type: 'string', default: '{}' },
    },
  });
  const sets = values.set.split(',') as Job['set'][];
  const unknownSet = sets.find((s) => !(s in SETS));
  if (unknownSet !== undefined) throw new Error(`--set: unknown set '${unknownSet}'; known: ${Object.keys(SETS).join(', ')}`);
  const wanted = values.laws?.split(',');
  const seeds = Number(values.seeds);
  const firstSeed = Number(values['first-seed']);
  const budget = Number(values.budget);
  const options = JSON.parse(values.options) as SearchOverrides;
  const queue: Job[] = sets.flatMap((set) =>
    SETS[set]
      .filter((p) => wanted === undefined || wanted.includes(p.name))
      .flatMap((p) => Array.from({ length: seeds }, (_, i) => ({ set, law: p.name, seed: firstSeed + i, budget, rows: set === 'nguyen' ? Number(values['nguyen-rows']) : p.points, options }))),
  );
  const jobs = Math.min(Number(values.jobs ?? availableParallelism()), queue.length);
  const started = performance.now();
  const outcomes = await runInChildren<Job, Outcome>(import.meta.url, 'AMOEBA_SRBENCH_JOB', queue, jobs, (o) =>
    process.stderr.write(`${o.law} seed ${o.seed}: ${o.exact ? 'exact' : 'missed'} R² ${o.r2.toPrecision(8)} ${o.cpuSeconds.toFixed(1)} CPU-s ${o.trials} trials  ${o.expression}\n`),
  );
  console.log(`\nsrbench: ${seeds} seed(s) from ${firstSeed}, budget ${budget} trials, options ${JSON.stringify(options)}, ${jobs} parallel jobs, ${((performance.now() - started) / 1000).toFixed(0)} s wall in all`);
  for (const set of sets) {
    const mine = outcomes.filter((o) => o.set === set);
    if (mine.length === 0) continue;
    console.log(`\n${set} (${set === 'nguyen' ? `${values['nguyen-rows']} rows` : '1,000 rows'} per law; checked on ${FRESH_ROWS} fresh rows)`);
    console.log('law         exact   median R²      median CPU-s  median trials  formula (first seed)');
    const laws = [...new Set(mine.map((o) => o.law))];
    for (const law of laws) {
      const runs = mine.filter((o) => o.law === law).sort((a, b) => a.seed - b.seed);
      const exact = runs.filter((o) => o.exact).length;
      console.log(
        `${law.padEnd(11)} ${`${exact}/${runs.length}`.padStart(5)}   ${median(runs.map((o) => o.r2)).toPrecision(10).padEnd(13)}  ${median(runs.map((o) => o.cpuSeconds)).toFixed(1).padStart(12)}  ${String(median(runs.map((o) => o.trials))).padStart(13)}  ${runs[0]!.expression}`,
      );
    }
    const exactRuns = mine.filter((o) => o.exact).length;
    const lawsExact = laws.filter((law) => mine.filter((o) => o.law === law && o.exact).length * 2 > mine.filter((o) => o.law === law).length).length;
    console.log(`${set}: ${exactRuns}/${mine.length} runs exact; ${lawsExact}/${laws.length} laws exact in more than half their seeds; median ${median(mine.map((o) => o.cpuSeconds)).toFixed(1)} CPU-s per run, total ${mine.reduce((s, o) => s + o.cpuSeconds, 0).toFixed(0)} CPU-s`);
  }
  console.log(`\nOther methods, as issue 19 reports them:\n${OTHERS.map((line) => `  ${line}`).join('\n')}`);
}
