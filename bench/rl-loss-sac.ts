/**
 * SAC on Pendulum-v1 (or another environment of RL_ENVS), as one rl-loss evaluation trains it (EVALUATION_SAC, DEFAULT_RL_LOSS_CONFIG.steps) and
 * for longer: per seed, the step at which the mean return of the last 10 training episodes
 * first rises above the solved level (−200 for Pendulum), the greedy return after the evaluation budget (10 episodes on fixed
 * starts) beside a uniformly random policy's on the same starts, and the wall time and
 * environment steps per second of training. Prints the measurements of one run.
 *
 *   npx tsx bench/rl-loss-sac.ts [--env pendulum] [--steps 5000] [--seeds 3] [--solved -200] [--sac '{"hidden":[64,64]}']
 */
import { Rng } from '../src/core/rng.ts';
import { episodeReturn } from '../src/tasks/rl-loss/env.ts';
import { rlEnv } from '../src/tasks/rl-loss/envs.ts';
import { SAC_LOSSES } from '../src/tasks/rl-loss/sac-losses.ts';
import { EVALUATION_SAC, DEFAULT_RL_LOSS_CONFIG } from '../src/tasks/rl-loss/task.ts';
import { evaluateGreedy, trainSac } from '../src/tasks/rl-loss/train.ts';
import type { SacAgent } from '../src/tasks/rl-loss/sac.ts';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

const envName = flag('env', 'pendulum');
const entry = rlEnv(envName);
const makeEnv = () => entry.make(entry.train);
const solvedLevel = Number(flag('solved', envName === 'pendulum' ? '-200' : String(0.8 * makeEnv().maxSteps)));
const steps = Number(flag('steps', '5000'));
const seeds = Number(flag('seeds', '3'));
const sac = { ...EVALUATION_SAC, ...JSON.parse(flag('sac', '{}')) };
const budget = DEFAULT_RL_LOSS_CONFIG.steps;
const EVAL_SEED = 7;

const randomRng = new Rng(1);
const randomReturn = (() => {
  const starts = new Rng(EVAL_SEED);
  let sum = 0;
  for (let e = 0; e < 10; e++) sum += episodeReturn(makeEnv(), () => [randomRng.uniform(-1, 1)], starts);
  return sum / 10;
})();

console.log(`${envName}: SAC ${JSON.stringify(sac)}; ${steps} steps per seed; a random policy's return on the evaluation starts: ${randomReturn.toFixed(1)}`);
console.log(`seed  solved at (last-10 mean > ${solvedLevel})  last-10 mean at ${budget}  greedy at ${budget}  greedy at ${steps}  seconds  steps/s`);
for (let seed = 1; seed <= seeds; seed++) {
  const returns: number[] = [];
  let solvedAt: number | undefined;
  let atBudget: number | undefined;
  let lastTenAtBudget: number | undefined;
  let agentRef: SacAgent | undefined;
  const result = trainSac({
    env: makeEnv(), losses: SAC_LOSSES, steps, seed, sac,
    onEpisode: (_, total, t) => {
      returns.push(total);
      const last = returns.slice(-10);
      if (solvedAt === undefined && last.length === 10 && last.reduce((s, r) => s + r, 0) / 10 > solvedLevel) solvedAt = t;
      if (t === budget && agentRef !== undefined) {
        atBudget = evaluateGreedy(agentRef, makeEnv(), 10, EVAL_SEED);
        lastTenAtBudget = last.reduce((s, r) => s + r, 0) / last.length;
      }
    },
    onStart: (agent) => void (agentRef = agent),
  });
  const final = evaluateGreedy(result.agent, makeEnv(), 10, EVAL_SEED);
  const seconds = result.elapsedMs / 1000;
  console.log(`${String(seed).padEnd(6)}${String(solvedAt ?? 'not yet').padEnd(32)}${(lastTenAtBudget?.toFixed(1) ?? '—').padEnd(22)}${(atBudget?.toFixed(1) ?? '—').padEnd(16)}${final.toFixed(1).padEnd(16)}${seconds.toFixed(1).padEnd(9)}${(steps / seconds).toFixed(0)}`);
}
