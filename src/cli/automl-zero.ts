import { PRESETS, experimentReport, presetNamed, runExperiments, runParallelExperiments } from '../tasks/automl-zero/index.ts';
import type { ExperimentProgress, ParallelExperimentsOptions } from '../tasks/automl-zero/index.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { etaSeconds, etaText, progressDisplay } from './progress.ts';
import { stopOnSignals } from './signals.ts';

interface AutomlZeroFlags {
  readonly preset: string;
  readonly seed: number;
  readonly timeLimit?: number;
  readonly maxExperiments?: number;
  readonly budget?: number;
  readonly fec: boolean;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly workers: number;
}

/**
 * `amoeba automl-zero --preset demo`: evolves learning algorithms from scratch (AutoML-Zero,
 * Real et al. 2020), printing progress to stderr and the algorithm found to stdout. A signal
 * (Ctrl-C, SIGTERM, SIGHUP) ends the search early with the best algorithm found so far.
 *
 * @example
 * amoeba automl-zero --preset demo --seed 1 --time-limit 600 --json out.json
 */
export const automlZeroCommand: CliCommand = (program, io = processIo) => {
  program
    .command('automl-zero')
    .description('AutoML-Zero: evolve whole learning algorithms (setup, predict, learn) from random register-machine programs')
    .option('--preset <name>', `experiment preset: ${Object.keys(PRESETS).join(', ')}`, 'demo')
    .option('--seed <n>', 'random seed; the same seed replays the same search', intFlag('seed', 0, 2 ** 32 - 1), 0)
    .option('--time-limit <seconds>', 'stop searching after this many seconds', numberFlag('time-limit', 0))
    .option('--budget <individuals>', 'stop after this many individuals (per search with --workers)', intFlag('budget', 1))
    .option('--max-experiments <n>', 'stop after this many experiments', intFlag('max-experiments', 1))
    .option('--no-fec', 'evaluate every program in full (no functional-equivalence cache)')
    .option('--json <file>', 'write { solved, fitness, individuals, individualsPerSecond, seconds, algorithm, ... } as JSON')
    .option('--quiet', 'no progress output')
    .option('--workers <n>', 'independent searches on worker threads, seeds seed, seed+1, …; the first to pass selection wins', intFlag('workers', 1), 1)
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop the search and report the best algorithm found so far.\n\nExamples:\n  amoeba automl-zero --preset demo --seed 1 --time-limit 600 --json out.json\n  amoeba automl-zero --preset demo --workers 4')
    .action(async (flags: AutomlZeroFlags) => {
      const preset = presetNamed(flags.preset);
      const config = flags.fec ? preset : { ...preset, fec: false as const };
      checkWritable(flags.json, 'json');
      const seeds = flags.workers === 1 ? `seed ${flags.seed}` : `${flags.workers} searches, seeds ${flags.seed}..${flags.seed + flags.workers - 1}`;
      io.err(`amoeba: automl-zero preset ${flags.preset}, ${seeds}${flags.fec ? '' : ', no FEC'} (rerun with --seed ${flags.seed} to replay)\n`);
      const display = progressDisplay({ unit: 'individuals', label: '[automl-zero]', quiet: flags.quiet === true });
      const interrupt = stopOnSignals(io);
      const common = {
        ...(flags.timeLimit === undefined ? {} : { timeLimitSeconds: flags.timeLimit }),
        ...(flags.maxExperiments === undefined ? {} : { maxExperiments: flags.maxExperiments }),
        ...(flags.budget === undefined ? {} : { maxIndividuals: flags.budget }),
        signal: interrupt.signal,
        onProgress: (p: ExperimentProgress) => display.update(p.individuals, () => progressStatus(p, flags)),
      };
      let run;
      try {
        run = flags.workers === 1 ? { result: await runExperiments(config, { seed: flags.seed, ...common }), seed: flags.seed, parallel: {} } : await parallel(flags, common);
      } finally {
        display.stop();
        interrupt.dispose();
      }
      const finalTasks = `${config.finalTasks.numTasks} unseen ${config.finalTasks.kind} tasks${config.finalOnTest === true ? ' (test split)' : ''}`;
      const report = experimentReport(run.result, config.memory, { preset: flags.preset, seed: run.seed, finalTasks });
      if (flags.workers > 1) io.err(`amoeba: the search with seed ${run.seed} won; replay it alone with --seed ${run.seed} --workers 1\n`);
      io.out(`${report.text}\n`);
      if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify({ ...(report.json as object), ...run.parallel }, null, 2)}\n`, 'json');
    });
};

/** Independent searches on threads; the JSON report also gets every worker's individuals. */
async function parallel(flags: AutomlZeroFlags, common: Omit<ParallelExperimentsOptions, 'preset' | 'seed' | 'workers'>) {
  const found = await runParallelExperiments({ preset: flags.preset, fec: flags.fec, seed: flags.seed, workers: flags.workers, ...common });
  return { result: found.result, seed: found.seed, parallel: { workers: flags.workers, allIndividuals: found.individuals, allIndividualsPerSecond: found.individualsPerSecond } };
}

/** The progress line after the count of individuals; the ETA honours --time-limit and --budget. */
function progressStatus(p: ExperimentProgress, flags: AutomlZeroFlags): string {
  const select = p.bestSelectFitness < 0 ? '—' : p.bestSelectFitness.toFixed(6);
  const budget = flags.budget === undefined ? undefined : flags.budget * flags.workers;
  const eta = etaText(etaSeconds(p.individuals, budget, p.seconds, flags.timeLimit));
  return (
    `${p.seconds.toFixed(0)}s | experiment ${p.experiment} | ${Math.round(p.individualsPerSecond).toLocaleString('en-US')}/s | ` +
    `best fitness ${p.bestFitness.toFixed(6)} | best select ${select} | FEC hits ${(100 * p.fecHitRate).toFixed(0)}%${eta}`
  );
}
