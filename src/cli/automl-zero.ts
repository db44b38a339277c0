import { writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { PRESETS, experimentReport, presetNamed, runExperiments } from '../tasks/automl-zero/index.ts';
import type { ExperimentProgress } from '../tasks/automl-zero/index.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';

interface AutomlZeroFlags {
  readonly preset: string;
  readonly seed: number;
  readonly timeLimit?: number;
  readonly maxExperiments?: number;
  readonly fec: boolean;
  readonly json?: string;
  readonly quiet?: boolean;
}

/**
 * `amoeba automl-zero --preset demo`: evolves learning algorithms from scratch (AutoML-Zero,
 * Real et al. 2020), printing progress to stderr and the algorithm found to stdout.
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
    .option('--max-experiments <n>', 'stop after this many experiments', intFlag('max-experiments', 1))
    .option('--no-fec', 'evaluate every program in full (no functional-equivalence cache)')
    .option('--json <file>', 'write { solved, fitness, individuals, individualsPerSecond, seconds, algorithm, ... } as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText('after', '\nExample:\n  amoeba automl-zero --preset demo --seed 1 --time-limit 600 --json out.json')
    .action(async (flags: AutomlZeroFlags) => {
      const preset = presetNamed(flags.preset);
      const config = flags.fec ? preset : { ...preset, fec: false as const };
      if (flags.json !== undefined && flags.json.trim() === '') throw new UsageError('--json needs a file name');
      io.err(`amoeba: automl-zero preset ${flags.preset}, seed ${flags.seed}${flags.fec ? '' : ', no FEC'} (rerun with --seed ${flags.seed} to replay)\n`);
      const result = await runExperiments(config, {
        seed: flags.seed,
        ...(flags.timeLimit === undefined ? {} : { timeLimitSeconds: flags.timeLimit }),
        ...(flags.maxExperiments === undefined ? {} : { maxExperiments: flags.maxExperiments }),
        ...(flags.quiet === true ? {} : { onProgress: (p: ExperimentProgress) => io.err(progressLine(p)) }),
      });
      const finalTasks = `${config.finalTasks.numTasks} unseen ${config.finalTasks.kind} tasks${config.finalOnTest === true ? ' (test split)' : ''}`;
      const report = experimentReport(result, config.memory, { preset: flags.preset, seed: flags.seed, finalTasks });
      io.out(`${report.text}\n`);
      if (flags.json !== undefined) {
        try {
          writeFileSync(flags.json, `${JSON.stringify(report.json, null, 2)}\n`);
        } catch (error) {
          throw new UsageError(`cannot write '${flags.json}': ${(error as Error).message}`);
        }
      }
    });
};

function progressLine(p: ExperimentProgress): string {
  const select = p.bestSelectFitness < 0 ? '—' : p.bestSelectFitness.toFixed(6);
  return (
    `[automl-zero] ${p.seconds.toFixed(0)}s | experiment ${p.experiment} | ${p.individuals.toLocaleString('en-US')} individuals | ` +
    `${Math.round(p.individualsPerSecond).toLocaleString('en-US')}/s | best fitness ${p.bestFitness.toFixed(6)} | best select ${select} | FEC hits ${(100 * p.fecHitRate).toFixed(0)}%\n`
  );
}
