import type { Json } from '../core/types.ts';
import { openStoreFile, type StoredGroup, type StudyStore } from '../store/index.ts';
import { PRESETS, experimentReport, presetNamed, runExperiments } from '../tasks/automl-zero/index.ts';
import type { ExperimentConfig, ExperimentProgress, ExperimentResult, RunExperimentsOptions } from '../tasks/automl-zero/index.ts';
import { checkExperimentConfig, continueExperimentGroup, experimentGroupJson, experimentGroupResult, readExperimentGroup, type ExperimentGroupConfig } from '../tasks/automl-zero/experiment-group.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { addGuideFlag, guideSettings, type GuideFlag } from './guide-flag.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { etaSeconds, etaText, progressDisplay } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, chooseExecutor, executorFactory, queueNamespace, type StudyFlags } from './study-flags.ts';
import { freshGroupName, registerGroupOutput, registerGroupRunner, type MemberExecutors } from './study-group.ts';
import type { StudyOutput } from './study-result.ts';

interface AutomlZeroFlags extends StudyFlags {
  readonly preset: string;
  readonly guide?: GuideFlag;
  readonly seed: number;
  readonly timeLimit?: number;
  readonly maxExperiments?: number;
  readonly budget?: number;
  readonly fec: boolean;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly population?: number;
  readonly tournament?: number;
  readonly trainSteps?: number;
  readonly tasks?: number;
}

/**
 * `amoeba automl-zero --preset demo`: evolves learning algorithms from scratch (AutoML-Zero,
 * Real et al. 2020), printing progress to stderr and the algorithm found to stdout. The run is
 * a stored study group (one member study per experiment) that `amoeba resume` continues; its
 * evaluations run inline, on worker threads or on `amoeba worker` machines. A signal (Ctrl-C,
 * SIGTERM, SIGHUP) ends the search early with the best algorithm found so far.
 *
 * @example
 * amoeba automl-zero --preset demo --seed 1 --time-limit 600 --json out.json
 */
export const automlZeroCommand: CliCommand = (program, io = processIo) => {
  const command = program
    .command('automl-zero')
    .description('AutoML-Zero: evolve whole learning algorithms (setup, predict, learn) from random register-machine programs')
    .option('--preset <name>', `experiment preset: ${Object.keys(PRESETS).join(', ')}`, 'demo')
    .option('--seed <n>', 'random seed; the same seed replays the same search (inline, or with --sync)', intFlag('seed', 0, 2 ** 32 - 1), 0)
    .option('--time-limit <seconds>', 'stop searching after this many seconds', numberFlag('time-limit', 0))
    .option('--budget <individuals>', 'stop after this many individuals in all', intFlag('budget', 1))
    .option('--max-experiments <n>', 'stop after this many experiments', intFlag('max-experiments', 1))
    .option('--no-fec', 'evaluate every program in full (no functional-equivalence cache)')
    .option('--population <n>', "population size P (the preset's otherwise)", intFlag('population', 2))
    .option('--tournament <n>', "tournament size T (the preset's otherwise, at most P)", intFlag('tournament', 1))
    .option('--train-steps <n>', "training steps that end an experiment after its initial population (the preset's otherwise)", intFlag('train-steps', 1))
    .option('--tasks <n>', "search tasks per experiment (the preset's otherwise)", intFlag('tasks', 1))
    .option('--json <file>', 'write { solved, fitness, individuals, individualsPerSecond, seconds, trainSteps, algorithm, ... } as JSON')
    .option('--quiet', 'no progress output');
  addGuideFlag(command);
  addStudyFlags(command, 1)
    .addHelpText(
      'after',
      '\nCtrl-C, SIGTERM or SIGHUP stop the search and report the best algorithm found so far; amoeba resume continues it.\n\nExamples:\n  amoeba automl-zero --preset demo --seed 1 --time-limit 600 --json out.json\n  amoeba automl-zero --preset demo --db runs.db --workers 4 --sync',
    )
    .action(async (flags: AutomlZeroFlags) => {
      checkWritable(flags.json, 'json');
      const group: ExperimentGroupConfig = {
        preset: flags.preset,
        experiment: experimentConfig(flags),
        seed: flags.seed,
        ...(flags.timeLimit === undefined ? {} : { timeLimitSeconds: flags.timeLimit }),
        ...(flags.maxExperiments === undefined ? {} : { maxExperiments: flags.maxExperiments }),
        ...(flags.budget === undefined ? {} : { maxIndividuals: flags.budget }),
      };
      checkExperimentConfig(group.experiment);
      const kind = chooseExecutor(flags);
      // A Redis server that does not answer is one clear error before anything runs.
      await executorFactory(kind, flags, 'automl-zero');
      const store = flags.db === false ? undefined : openStoreFile(flags.db);
      try {
        const name = store === undefined ? undefined : freshGroupName(store, 'automl-zero');
        const where = name === undefined ? '' : `, group '${name}' in ${flags.db as string}`;
        io.err(`amoeba: automl-zero preset ${flags.preset}, seed ${flags.seed}${flags.fec ? '' : ', no FEC'} (rerun with --seed ${flags.seed} to replay)${where}\n`);
        const stored = name === undefined ? undefined : store!.createGroup({ name, command: 'automl-zero', config: experimentGroupJson(group) });
        const executors: MemberExecutors = async (recipes, study) => (await executorFactory(kind, flags, queueNamespace(flags.db, study)))?.(recipes);
        const interrupt = stopOnSignals(io);
        const display = progressDisplay({ unit: 'individuals', label: '[automl-zero]', quiet: flags.quiet === true });
        let result: ExperimentResult;
        try {
          const run = {
            executor: executors as RunExperimentsOptions['executor'] & {},
            signal: interrupt.signal,
            ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
            onProgress: (p: ExperimentProgress) => display.update(p.individuals, () => progressStatus(p, group)),
          };
          result = stored === undefined ? await runExperiments(group.experiment, { ...run, seed: group.seed, ...budgets(group) }) : await continueExperimentGroup(store!, stored, run);
        } finally {
          display.stop();
          interrupt.dispose();
        }
        const output = resultOutput(result, group);
        io.out(output.text);
        if (interrupt.signal.aborted && name !== undefined) io.err(`amoeba: interrupted; continue with: amoeba resume ${name} --db ${flags.db as string}\n`);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
      } finally {
        store?.close();
      }
    });
};

/** The preset with the command's changes: FEC off, a smaller population or fewer tasks. */
function experimentConfig(flags: AutomlZeroFlags): ExperimentConfig {
  const preset = presetNamed(flags.preset);
  return {
    ...preset,
    ...(flags.fec ? {} : { fec: false as const }),
    ...(flags.population === undefined ? {} : { populationSize: flags.population }),
    ...(flags.tournament === undefined ? {} : { tournamentSize: flags.tournament }),
    ...(flags.trainSteps === undefined ? {} : { experimentTrainSteps: flags.trainSteps }),
    ...(flags.tasks === undefined ? {} : { searchTasks: { ...preset.searchTasks, numTasks: flags.tasks } }),
    ...(guideSettings(flags.guide) === undefined ? {} : { guide: guideSettings(flags.guide)! }),
  };
}

function budgets(group: ExperimentGroupConfig) {
  return {
    ...(group.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: group.timeLimitSeconds }),
    ...(group.maxExperiments === undefined ? {} : { maxExperiments: group.maxExperiments }),
    ...(group.maxIndividuals === undefined ? {} : { maxIndividuals: group.maxIndividuals }),
  };
}

/** The result as the command prints it and writes it with `--json`. */
function resultOutput(result: ExperimentResult, group: ExperimentGroupConfig): StudyOutput {
  const { experiment } = group;
  const finalTasks = `${experiment.finalTasks.numTasks} unseen ${experiment.finalTasks.kind} tasks${experiment.finalOnTest === true ? ' (test split)' : ''}`;
  const report = experimentReport(result, experiment.memory, { preset: group.preset, seed: group.seed, finalTasks });
  return { text: `${report.text}\n`, json: report.json as Json };
}

/** The progress line after the count of individuals; the ETA honours --time-limit and --budget. */
function progressStatus(p: ExperimentProgress, group: ExperimentGroupConfig): string {
  const select = p.bestSelectFitness < 0 ? '—' : p.bestSelectFitness.toFixed(6);
  const eta = etaText(etaSeconds(p.individuals, group.maxIndividuals, p.seconds, group.timeLimitSeconds));
  return (
    `${p.seconds.toFixed(0)}s | experiment ${p.experiment} | ${Math.round(p.individualsPerSecond).toLocaleString('en-US')}/s | ` +
    `best fitness ${p.bestFitness.toFixed(6)} | best select ${select} | FEC hits ${(100 * p.fecHitRate).toFixed(0)}%${eta}`
  );
}

/** `amoeba resume` of a run: the same result, from its stored experiments. */
function groupOutput(store: StudyStore, group: StoredGroup): StudyOutput {
  return resultOutput(experimentGroupResult(store, group), readExperimentGroup(group));
}

/** `amoeba resume` continues a run as the command would have: more experiments while budgets allow. */
async function continueGroup(store: StudyStore, group: StoredGroup, context: { readonly signal: AbortSignal; readonly executors: MemberExecutors; readonly quiet: boolean }): Promise<boolean> {
  const config = readExperimentGroup(group);
  const display = progressDisplay({ unit: 'individuals', label: '[automl-zero]', quiet: context.quiet });
  try {
    await continueExperimentGroup(store, group, {
      executor: context.executors as RunExperimentsOptions['executor'] & {},
      signal: context.signal,
      onProgress: (p) => display.update(p.individuals, () => progressStatus(p, config)),
    });
  } finally {
    display.stop();
  }
  return context.signal.aborted;
}

registerGroupOutput('automl-zero', groupOutput);
registerGroupRunner('automl-zero', continueGroup);
