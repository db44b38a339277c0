/**
 * Exact recovery on the Nguyen benchmark (Nguyen-1…12): for each problem and seed, a search of
 * at most `--budget` trials (stopping early at an exact fit), then a check of the chosen formula
 * on 1,000 fresh points: recovered when its error relative to the target's spread (RMSE / std)
 * is below 1e-9. Prints the recovery rate and median wall time per problem.
 *
 *   npx tsx bench/nguyen.ts [--seeds 10] [--first-seed 0] [--budget 100000] [--jobs 2] [--problems 1,5,12]
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { answerAsChild, runInChildren } from './child-jobs.ts';
import { freshRowsError } from './fresh-rows.ts';
import { nguyen, sampleProblem } from '../src/tasks/symbolic-regression/nguyen.ts';
import { searchFormulas } from '../src/tasks/symbolic-regression/search.ts';

interface Job { problem: number; seed: number; budget: number }
interface Outcome extends Job { recovered: boolean; seconds: number; trials: number; relativeRmse: number; expression: string }

async function runJob({ problem, seed, budget }: Job): Promise<Outcome> {
  const p = nguyen[problem]!;
  const start = performance.now();
  const parsimony = process.env.AMOEBA_PARSIMONY === undefined ? {} : { parsimony: Number(process.env.AMOEBA_PARSIMONY) };
  const fitting = process.env.AMOEBA_FIT_ITERATIONS === undefined ? {} : { maxFitIterations: Number(process.env.AMOEBA_FIT_ITERATIONS) };
  const result = await searchFormulas({ data: sampleProblem(p, new Rng(seed)), seed, budgetTrials: budget, ...parsimony, ...fitting });
  const seconds = (performance.now() - start) / 1000;
  const best = result.front[result.best]!;
  const relativeRmse = Math.sqrt(freshRowsError(p, best.js, seed, 1000).nmse);
  return { problem, seed, budget, recovered: relativeRmse < 1e-9, seconds, trials: result.summary.trials, relativeRmse, expression: best.expression };
}

// Each job runs in a child process of this same script, so jobs use all cores.
await answerAsChild('AMOEBA_NGUYEN_JOB', runJob);
{
  const { values } = parseArgs({ options: { 'first-seed': { type: 'string', default: '0' }, seeds: { type: 'string', default: '10' }, budget: { type: 'string', default: '100000' }, jobs: { type: 'string' }, problems: { type: 'string' } } });
  const seeds = Number(values.seeds);
  const firstSeed = Number(values['first-seed']);
  const budget = Number(values.budget);
  const problems = values.problems ? values.problems.split(',').map((n) => Number(n) - 1) : nguyen.map((_, i) => i);
  const queue: Job[] = problems.flatMap((problem) => Array.from({ length: seeds }, (_, i) => ({ problem, seed: firstSeed + i, budget })));
  const jobs = Math.min(Number(values.jobs ?? availableParallelism()), queue.length);
  const started = performance.now();
  const outcomes = await runInChildren<Job, Outcome>(import.meta.url, 'AMOEBA_NGUYEN_JOB', queue, jobs, (o) =>
    process.stderr.write(`${nguyen[o.problem]!.name} seed ${o.seed}: ${o.recovered ? 'recovered' : 'missed   '} ${o.seconds.toFixed(1)}s ${o.trials} trials  ${o.expression}\n`),
  );
  console.log(`\nNguyen benchmark: ${seeds} seeds, budget ${budget} trials, ${jobs} parallel jobs, ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  console.log('problem     formula                           recovered  median s  median trials');
  let solvedProblems = 0;
  for (const problem of problems) {
    const mine = outcomes.filter((o) => o.problem === problem);
    const rate = mine.filter((o) => o.recovered).length;
    if (rate * 2 >= mine.length) solvedProblems++;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const p = nguyen[problem]!;
    console.log(`${p.name.padEnd(11)} ${p.formula.padEnd(33)} ${`${rate}/${mine.length}`.padStart(9)}  ${median(mine.map((o) => o.seconds)).toFixed(1).padStart(8)}  ${String(median(mine.map((o) => o.trials))).padStart(13)}`);
  }
  console.log(`problems recovered in at least half of the seeds: ${solvedProblems}/${problems.length}`);
}
