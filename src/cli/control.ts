import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { readJsonFile } from './json-file.ts';
import type { Executor } from '../core/plugs.ts';
import { tasks } from '../core/registries.ts';
import type { Study, StudySummary } from '../core/study.ts';
import type { Json } from '../core/types.ts';
import type { RegisterProgram } from '../spaces/register/index.ts';
import type { Recipe, StoredStudy } from '../store/index.ts';
import { svgToPng } from '../report/render.ts';
import { registerSpaceFromConfig } from '../spaces/register/register.ts';
import {
  CATACLYSM_KINDS, CONTROL_ENVS, FAMILIES, episodeSpecs, registerPolicy, renderEpisodeSvg, TEST_SEED, controlTask, familyNamed, familyScores, formatPolicy, policySpaceOptions, searchPolicies,
  type Cataclysm, type CataclysmKind, type ControlEnv, type ControlTask, type FamilyScore,
} from '../tasks/control/index.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { addGuideFlag, guideSettings, type GuideFlag } from './guide-flag.ts';
import { checkWritable, imageFormat, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, studyPlumbing, type StudyFlags } from './study-flags.ts';

interface EnvFlags {
  readonly env: string;
  readonly action?: string;
  readonly episodes?: number;
  readonly testEpisodes: number;
}

interface SearchFlags extends StudyFlags, EnvFlags {
  readonly guide?: GuideFlag;
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly seed: number;
  readonly population: number;
  readonly json?: string;
  readonly quiet?: boolean;
}

function envFlag(raw: string): ControlEnv {
  if ((CONTROL_ENVS as readonly string[]).includes(raw)) return raw as ControlEnv;
  throw new UsageError(`--env must be one of ${CONTROL_ENVS.join(', ')}, got '${raw}' (the quadruped is not built yet)`);
}

function actionFlag(raw: string): 'discrete' | 'continuous' {
  if (raw === 'discrete' || raw === 'continuous') return raw;
  throw new UsageError(`--action must be discrete or continuous, got '${raw}'`);
}

function addEnvFlags(command: Command): Command {
  return command
    .option('--env <name>', `the environment: ${CONTROL_ENVS.join(' or ')}`, envFlag, 'cataclysmic-cartpole')
    .option('--action <mode>', 'discrete (push ±10 N, CartPole-v1) or continuous (10 N × clip(a, −1, 1)); default discrete on cartpole, continuous on cataclysmic-cartpole', actionFlag)
    .option('--test-episodes <n>', 'episodes per family in the report of held-out scores', intFlag('test-episodes', 1, 100_000), 50);
}

/**
 * `amoeba control search --env cartpole|cataclysmic-cartpole`: evolves register-machine
 * policies (AutoRobotics-Zero) as a stored study, then prints the best policy as code with
 * its scores on the training family and on every held-out family.
 * `amoeba control eval policy.json`: scores a saved policy the same way.
 */
export const controlCommand: CliCommand = (program, io = processIo) => {
  const control = program.command('control').description('adaptive control (AutoRobotics-Zero): evolve register-machine policies for Cart-pole and Cataclysmic Cart-pole');
  const search = addEnvFlags(control.command('search').description('evolve a policy, then report it on the training and held-out cataclysm families'))
    .option('--episodes <n>', 'episodes per evaluation (default 5 on cartpole, 11 on cataclysmic-cartpole: one per training rule)', intFlag('episodes', 1, 10_000))
    .option('--budget <trials>', 'policies to try (default 50000 without --time-limit)', intFlag('budget', 1))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed of the search; the same seed replays it with --workers 1 or --sync', intFlag('seed'), 0)
    .option('--population <n>', 'regularized evolution population (tournament min(10, population))', intFlag('population', 2, 100_000), 100)
    .option('--json <file>', 'also write the best policy, its code and its scores as JSON')
    .option('--quiet', 'no progress output');
  addGuideFlag(search);
  addStudyFlags(search, 1)
    .addHelpText('after', '\nA search on cartpole stops once a policy lasts all 500 steps of every episode.\n\nExamples:\n  amoeba control search --env cartpole --seed 1\n  amoeba control search --env cataclysmic-cartpole --time-limit 120 --json best.json\n  amoeba control eval best.json --env cataclysmic-cartpole')
    .action(async (flags: SearchFlags) => {
      checkWritable(flags.json, 'json');
      const interrupt = stopOnSignals(io);
      const plumbing = await studyPlumbing(flags, 'control');
      try {
        const where = plumbing.store === undefined ? '' : `, study '${plumbing.store.name}' in ${flags.db as string}`;
        io.err(`amoeba: control search on ${flags.env}, seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)${where}\n`);
        let stop = () => {};
        const budgetTrials = flags.budget ?? (flags.timeLimit === undefined ? 50_000 : undefined);
        const { study, task, summary } = await searchPolicies({
          task: taskConfig(flags),
          seed: flags.seed,
          populationSize: flags.population,
          signal: interrupt.signal,
          ...(guideSettings(flags.guide) === undefined ? {} : { guide: guideSettings(flags.guide)! }),
          ...(budgetTrials === undefined ? {} : { budgetTrials }),
          ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
          ...(plumbing.store === undefined ? {} : { store: plumbing.store }),
          ...(plumbing.executor === undefined ? {} : { executor: plumbing.executor as (recipes: { task: Recipe; space: Recipe }) => Executor<RegisterProgram> }),
          ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
          onStudy: (s) => {
            stop = showProgress(s, { quiet: flags.quiet === true, budgetTrials, budgetSeconds: flags.timeLimit, describeBest: (t) => `return ${t.values[0]!.toFixed(1)}` });
          },
        });
        stop();
        const result = policyResult(study, task, summary, flags.testEpisodes);
        io.out(result.text);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(result.json, null, 2)}\n`, 'json');
        if (summary.stopReason === 'aborted' && plumbing.store !== undefined) io.err(`amoeba: interrupted; continue with: amoeba resume ${plumbing.store.name} --db ${flags.db as string}\n`);
      } finally {
        plumbing.close();
        interrupt.dispose();
      }
    });

  addEnvFlags(control.command('eval').description('score a saved policy on the training and held-out cataclysm families'))
    .argument('<policy.json>', "a policy: the JSON 'control search --json' writes, or a program { start: [...], step: [...] }")
    .option('--family <names>', `comma-separated families to score (default all: ${[...FAMILIES.keys()].join(', ')})`)
    .action((path: string, flags: EnvFlags & { family?: string }) => {
      const program = readPolicy(path);
      const task = controlTask(taskConfig(flags));
      const families = flags.family === undefined ? undefined : flags.family.split(',').map((name) => familyNamed(name.trim()));
      io.out(`${formatPolicy(program, { onlyLive: true })}\n\n${formatScores(familyScores(program, task, flags.testEpisodes, families), task)}`);
    });


  addEnvFlags(control.command('render').description('draw one episode of a saved policy as a strip of snapshots and a plot of x and θ (PNG or SVG)'))
    .argument('<policy.json>', "a policy: the JSON 'control search --json' writes, or a program { start: [...], step: [...] }")
    .option('--family <name>', 'the family the episode comes from', 'train')
    .option('--episode <i>', 'which episode of the family (from the test seed)', intFlag('episode', 0, 1_000_000), 0)
    .option('--cataclysm <events>', 'events instead of the family\'s, e.g. actuator@150=-1,sensor-bias@200=0.05:2 (kind@step=value[:channel])')
    .option('--frames <n>', 'snapshots drawn', intFlag('frames', 1, 100), 12)
    .requiredOption('--out <file>', 'the picture to write: .png or .svg')
    .action((path: string, flags: EnvFlags & { family: string; episode: number; cataclysm?: string; frames: number; out: string }) => {
      const format = imageFormat(flags.out, 'out');
      const program = readPolicy(path);
      const task = controlTask(taskConfig(flags));
      const family = familyNamed(flags.family);
      const spec = episodeSpecs(family, TEST_SEED, flags.episode + 1)[flags.episode]!;
      const episode = flags.cataclysm === undefined ? spec : { seed: spec.seed, cataclysms: parseCataclysms(flags.cataclysm) };
      const { svg, result } = renderEpisodeSvg(registerPolicy(program), episode, task.episodeOptions, { frames: flags.frames, title: `${flags.cataclysm === undefined ? `${family.name} episode ${flags.episode}` : 'episode'}, ${task.options.action} actions` });
      writeOutputFile(flags.out, format === 'svg' ? svg : svgToPng(svg), 'out');
      io.out(`${flags.out}: return ${result.return}${result.survived ? ', survived' : ', fell'}; events: ${episode.cataclysms.map((e) => `${e.kind}@${e.at}=${Number(e.value.toPrecision(4))}`).join(', ') || 'none'}\n`);
    });
};

/** Parses `kind@step=value[:channel],...` into events, each checked. */
export function parseCataclysms(text: string): Cataclysm[] {
  return text.split(',').map((part) => {
    const match = /^\s*([a-z-]+)@(\d+)=(-?[\d.eE+-]+)(?::([0-3]))?\s*$/.exec(part);
    if (match === null || !(CATACLYSM_KINDS as readonly string[]).includes(match[1]!) || !Number.isFinite(Number(match[3]))) {
      throw new UsageError(`--cataclysm: '${part}' must look like actuator@150=-1 or sensor-bias@200=0.05:2 (kinds: ${CATACLYSM_KINDS.join(', ')})`);
    }
    return { kind: match[1] as CataclysmKind, at: Number(match[2]), value: Number(match[3]), channel: match[4] === undefined ? 0 : Number(match[4]) };
  }).sort((a, b) => a.at - b.at);
}

function taskConfig(flags: EnvFlags): { env: ControlEnv; action?: 'discrete' | 'continuous'; episodes?: number } {
  return { env: flags.env as ControlEnv, ...(flags.action === undefined ? {} : { action: flags.action as 'discrete' | 'continuous' }), ...(flags.episodes === undefined ? {} : { episodes: flags.episodes }) };
}

function readPolicy(path: string): RegisterProgram {
  const json = readJsonFile(path, 'the policy');
  const program = json !== null && typeof json === 'object' && 'policy' in json ? (json as { policy: unknown }).policy : json;
  return registerSpaceFromConfig(policySpaceOptions({ maxStartSize: 1000, maxStepSize: 1000 }) as unknown as Json).fromJSON(program);
}

/** The scores as a table, one family a row. */
export function formatScores(scores: readonly FamilyScore[], task: ControlTask): string {
  const lines = [`Scores over ${scores[0]?.episodes ?? 0} test episodes per family (seed ${TEST_SEED}, ${task.options.action} actions, ${task.options.maxSteps} steps):`, '  family       mean return  survival'];
  for (const s of scores) lines.push(`  ${s.family.padEnd(11)}  ${s.meanReturn.toFixed(1).padStart(11)}  ${(100 * s.survival).toFixed(0).padStart(7)}%`);
  return `${lines.join('\n')}\n`;
}

function policyResult(study: Study<RegisterProgram>, task: ControlTask, summary: StudySummary, testEpisodes: number): { text: string; json: Json } {
  const best = study.best();
  const head = `${summary.trials} policies tried in ${(summary.elapsedMs / 1000).toFixed(1)} s (${Math.round(summary.trialsPerSecond)}/s), ${summary.cached} answered by the functional cache, ${summary.failed} failed\n`;
  if (best === undefined) return { text: `${head}No policy finished.\n`, json: { trials: summary.trials, policy: null } };
  const code = formatPolicy(best.genotype, { onlyLive: true });
  const scores = familyScores(best.genotype, task, testEpisodes);
  const text = `${head}\nBest policy (trial ${best.id}): mean return ${best.values[0]!.toFixed(1)} on its ${task.episodes.length} ${task.family.name} search episodes\n${code}\n\n${formatScores(scores, task)}`;
  const json: Json = { env: task.options.env, action: task.options.action, seed: study.seed, trials: summary.trials, searchReturn: best.values[0]!, policy: registerSpaceFromConfig(policySpaceOptions() as unknown as Json).toJSON(best.genotype), code, scores: scores.map((s) => ({ ...s })) };
  return { text, json };
}

/** A stored control study's result after a resume, as `control search` prints it. */
export function controlStudyOutput(study: Study<unknown>, stored: StoredStudy, summary: StudySummary): { readonly text: string; readonly json: Json } {
  const task = tasks.get(stored.task.id)(stored.task.config) as ControlTask;
  return policyResult(study as Study<RegisterProgram>, task, summary, 50);
}
