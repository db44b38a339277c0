/**
 * Cart-pole speed: environment steps per second (CartPole-v1 physics under a linear policy,
 * nothing else), and episodes per second of an evolved register policy (20 step
 * instructions, 3 of them live) compiled against the same program on the reference
 * interpreter, on Cataclysmic Cart-pole's 11 training episodes. Prints the rates and the ratio.
 *
 *   npx tsx bench/control.ts
 */
import { readFileSync } from 'node:fs';
import { Rng } from '../src/core/rng.ts';
import type { RegisterProgram } from '../src/spaces/register/index.ts';
import { CARTPOLE_V1, cartPoleFallen, cartPoleStep, resetCartPole } from '../src/tasks/control/cartpole.ts';
import type { Json } from '../src/core/types.ts';
import { controlTask } from '../src/tasks/control/policy-task.ts';
import { registerSpaceFromConfig } from '../src/spaces/register/register.ts';
import { policySpaceOptions } from '../src/tasks/control/policy-space.ts';
import { registerPolicy } from '../src/tasks/control/register-policy.ts';
import { scorePolicy } from '../src/tasks/control/episode.ts';

function stepsPerSecond(): number {
  const state = new Float64Array(4);
  const rng = new Rng(1);
  const params = { ...CARTPOLE_V1 };
  const steps = 5_000_000;
  resetCartPole(state, rng);
  const start = performance.now();
  for (let t = 0; t < steps; t++) {
    const push = 0.1 * state[0]! + 0.5 * state[1]! + 10 * state[2]! + 2 * state[3]! > 0 ? 10 : -10;
    cartPoleStep(state, push, params);
    if (cartPoleFallen(state)) resetCartPole(state, rng);
  }
  return (steps * 1000) / (performance.now() - start);
}

const space = registerSpaceFromConfig(policySpaceOptions() as unknown as Json);
const program: RegisterProgram = space.fromJSON(JSON.parse(readFileSync(new URL('./data/control-policy.json', import.meta.url), 'utf8')));
const task = controlTask({ env: 'cataclysmic-cartpole' });

function episodesPerSecond(interpret: boolean): number {
  const rounds = interpret ? 20 : 200;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) scorePolicy(registerPolicy(program, undefined, { interpret }), task.episodes, task.episodeOptions);
  return (rounds * task.episodes.length * 1000) / (performance.now() - start);
}

for (let round = 0; round < 3; round++) {
  const env = stepsPerSecond();
  const compiled = episodesPerSecond(false);
  const interpreted = episodesPerSecond(true);
  console.log(`round ${round}: cart-pole ${(env / 1e6).toFixed(1)} M steps/s | policy episodes/s compiled ${compiled.toFixed(0)}, interpreted ${interpreted.toFixed(0)}, ratio ${(compiled / interpreted).toFixed(1)}x`);
}
