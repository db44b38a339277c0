import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import type { ContinuousEnv, PhysicsConfig, StepResult } from './env.ts';

/*
 * Pendulum-v1 with Gymnasium's constants and update rule: g = 10, m = 1, l = 1, dt = 0.05,
 * torque clipped to ±2, angular speed clipped to ±8, 200 steps, reward
 * −(θ² + 0.1·θ̇² + 0.001·u²) with θ normalised to [−π, π] and u the clipped torque, a
 * semi-implicit Euler step (the speed first, then the angle from the new speed), and starts
 * with θ ~ U(−π, π), θ̇ ~ U(−1, 1). Mass and length are the perturbable physics.
 */

/** Pendulum-v1's physics, and the names a configuration may set. */
export const PENDULUM_DEFAULTS = { mass: 1, length: 1, gravity: 10 } as const;
export const PENDULUM_MAX_TORQUE = 2;
export const PENDULUM_MAX_SPEED = 8;
export const PENDULUM_DT = 0.05;
export const PENDULUM_STEPS = 200;

/** θ mapped into [−π, π), as Gymnasium's `angle_normalize`. */
export function normalizeAngle(theta: number): number {
  const twoPi = 2 * Math.PI;
  return ((((theta + Math.PI) % twoPi) + twoPi) % twoPi) - Math.PI;
}

/** The state after one step from (θ, θ̇) under torque u, and the step's reward. */
export function pendulumStep(theta: number, speed: number, torque: number, physics: { mass: number; length: number; gravity: number }): { theta: number; speed: number; reward: number } {
  const { mass: m, length: l, gravity: g } = physics;
  const u = Math.min(PENDULUM_MAX_TORQUE, Math.max(-PENDULUM_MAX_TORQUE, torque));
  const th = normalizeAngle(theta);
  const reward = -(th * th + 0.1 * speed * speed + 0.001 * u * u);
  let next = speed + ((3 * g) / (2 * l) * Math.sin(theta) + (3 / (m * l * l)) * u) * PENDULUM_DT;
  next = Math.min(PENDULUM_MAX_SPEED, Math.max(-PENDULUM_MAX_SPEED, next));
  return { theta: theta + next * PENDULUM_DT, speed: next, reward };
}

function physicsOf(config: PhysicsConfig): { mass: number; length: number; gravity: number } {
  const physics = { ...PENDULUM_DEFAULTS };
  for (const [name, value] of Object.entries(config)) {
    if (!(name in PENDULUM_DEFAULTS)) throw new UsageError(`pendulum: unknown physics parameter '${name}'; known: ${Object.keys(PENDULUM_DEFAULTS).join(', ')}`);
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new UsageError(`pendulum: ${name} must be a finite number above 0, got ${String(value)}`);
    physics[name as keyof typeof PENDULUM_DEFAULTS] = value as never;
  }
  return physics;
}

class Pendulum implements ContinuousEnv {
  readonly observationSize = 3;
  readonly actionSize = 1;
  readonly maxSteps = PENDULUM_STEPS;
  private theta = 0;
  private speed = 0;

  constructor(private readonly physics: { mass: number; length: number; gravity: number }) {}

  reset(rng: Rng): Float64Array {
    this.theta = rng.uniform(-Math.PI, Math.PI);
    this.speed = rng.uniform(-1, 1);
    return this.observation();
  }

  /** Starts from a given state (tests, replays). */
  resetTo(theta: number, speed: number): Float64Array {
    this.theta = theta;
    this.speed = speed;
    return this.observation();
  }

  step(action: ArrayLike<number>): StepResult {
    const next = pendulumStep(this.theta, this.speed, PENDULUM_MAX_TORQUE * action[0]!, this.physics);
    this.theta = next.theta;
    this.speed = next.speed;
    return { observation: this.observation(), reward: next.reward, terminated: false };
  }

  private observation(): Float64Array {
    return Float64Array.of(Math.cos(this.theta), Math.sin(this.theta), this.speed);
  }
}

/** Pendulum-v1 with the given mass and length (defaults 1 and 1); actions in [−1, 1] scale to ±2 N·m. */
export function pendulum(config: PhysicsConfig = {}): ContinuousEnv & { resetTo(theta: number, speed: number): Float64Array } {
  return new Pendulum(physicsOf(config));
}
