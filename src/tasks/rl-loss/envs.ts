import { UsageError } from '../../core/errors.ts';
import type { EnvFactory, PhysicsConfig } from './env.ts';
import { cartpole } from './cartpole.ts';
import { pendulum } from './pendulum.ts';

/** An environment the task can train on: its factory, its configurations and how returns are normalised. */
export interface EnvEntry {
  readonly make: EnvFactory;
  /** The configuration trained on. */
  readonly train: PhysicsConfig;
  /** Held-out configurations for zero-shot generalisation. */
  readonly test: readonly PhysicsConfig[];
  /** Maps a return to a score where 1 is the best possible and 0 a fixed poor reference. */
  readonly normalize: (totalReturn: number) => number;
  readonly description: string;
}

/**
 * Pendulum's score: 1 + R / (200·π²), so 1 is a pendulum upright from the first step and 0 one
 * that hangs still at the bottom for all 200 steps (cost π² per step). A uniformly random
 * policy scores about 0.37 (R ≈ −1248 on the evaluation starts) and R = −200 is 0.8987.
 */
const PENDULUM_REFERENCE = 200 * Math.PI ** 2;

/**
 * Cart-pole's held-out configurations: one RWRL perturbation at a time, inside the suite's
 * ranges (pole length 0.3–3.0, pole mass 0.1–10, joint damping 2e-6–0.2, slider damping
 * 5e-4–3.0), trained at the defaults (1.0, 0.1, 2e-6, 5e-4). A score is R/1000 (reward ≤ 1 per step).
 */
const CARTPOLE_TESTS = [{ poleLength: 0.5 }, { poleLength: 2 }, { poleMass: 1 }, { jointDamping: 0.1 }, { sliderDamping: 1 }];

/** The environments by name. */
export const RL_ENVS: { readonly [name: string]: EnvEntry } = {
  pendulum: {
    make: pendulum,
    train: { mass: 1, length: 1 },
    // Mass and length ±30%, alone and together: the four corners a 2 N·m motor still swings up.
    test: [{ mass: 0.7, length: 0.7 }, { mass: 1.3, length: 0.7 }, { mass: 0.7, length: 1.3 }, { mass: 1.3, length: 1.3 }],
    normalize: (R) => 1 + R / PENDULUM_REFERENCE,
    description: 'Pendulum-v1 (Gymnasium constants), trained at m = l = 1, tested at m, l ∈ {0.7, 1.3}',
  },
  cartpole: {
    make: (physics) => cartpole(physics),
    train: {},
    test: CARTPOLE_TESTS,
    normalize: (R) => R / 1000,
    description: 'continuous cart-pole, balance (RWRL-style reward, 1000 steps), tested on RWRL-style perturbations',
  },
  'cartpole-swingup': {
    make: (physics) => cartpole(physics, { swingUp: true }),
    train: {},
    test: CARTPOLE_TESTS,
    normalize: (R) => R / 1000,
    description: 'continuous cart-pole, swing-up (RWRL-style reward, 1000 steps), tested on RWRL-style perturbations',
  },
};

/** The entry of a named environment, or a UsageError listing the known ones. */
export function rlEnv(name: unknown): EnvEntry {
  const entry = typeof name === 'string' ? RL_ENVS[name] : undefined;
  if (entry === undefined) throw new UsageError(`rl-loss: unknown environment ${JSON.stringify(name)}; known: ${Object.keys(RL_ENVS).join(', ')}`);
  return entry;
}
