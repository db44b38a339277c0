import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import type { ContinuousEnv, PhysicsConfig, StepResult } from './env.ts';

/*
 * A continuous cart-pole in closed form, shaped after the Real-World RL suite's cartpole
 * (dm_control's): a force of up to 10 N from an action in [−1, 1], 1000 steps of 0.01 s,
 * observations (x, cos θ, sin θ, ẋ, θ̇) with θ = 0 upright, and dm_control's smooth reward
 * upright · centered · small control · small velocity. The dynamics are the classic
 * rigid-pole equations (a uniform pole of length L pivoting on the cart; Barto et al. 1983,
 * Florian 2007) with viscous joint and slider damping in place of Coulomb friction, stepped
 * by semi-implicit Euler; dm_control integrates MuJoCo's model instead, so the numbers are
 * close in kind, not equal. Perturbable: pole length, pole mass, joint and slider damping, as
 * in the RWRL suite, with its defaults (1.0, 0.1, 2e-6, 5e-4).
 */

export const CARTPOLE_DEFAULTS = { poleLength: 1, poleMass: 0.1, cartMass: 1, jointDamping: 2e-6, sliderDamping: 5e-4, gravity: 9.81 } as const;
type CartpolePhysics = { -readonly [K in keyof typeof CARTPOLE_DEFAULTS]: number };

export const CARTPOLE_MAX_FORCE = 10;
export const CARTPOLE_DT = 0.01;
export const CARTPOLE_STEPS = 1000;

/** dm_control's `tolerance` with bounds (0, 0): 1 at 0, falling to `valueAtMargin` at |x| = margin. */
export function tolerance(x: number, margin: number, sigmoid: 'gaussian' | 'quadratic', valueAtMargin: number): number {
  const d = Math.abs(x) / margin;
  if (sigmoid === 'gaussian') {
    const scale = Math.sqrt(-2 * Math.log(valueAtMargin));
    return Math.exp(-0.5 * (d * scale) ** 2);
  }
  const scaled = d * Math.sqrt(1 - valueAtMargin);
  return Math.abs(scaled) < 1 ? 1 - scaled * scaled : 0;
}

/** The reward at a state under force fraction u ∈ [−1, 1]. */
export function cartpoleReward(x: number, cosTheta: number, thetaSpeed: number, u: number): number {
  const upright = (cosTheta + 1) / 2;
  const centered = (1 + tolerance(x, 2, 'gaussian', 0.1)) / 2;
  const smallControl = (4 + tolerance(u, 1, 'quadratic', 0)) / 5;
  const smallVelocity = (1 + tolerance(thetaSpeed, 5, 'gaussian', 0.1)) / 2;
  return upright * smallControl * smallVelocity * centered;
}

/** One step of the dynamics from (x, ẋ, θ, θ̇) under force F (N). */
export function cartpoleStep(state: readonly [number, number, number, number], force: number, p: CartpolePhysics): [number, number, number, number] {
  const [x, speed, theta, thetaSpeed] = state;
  const total = p.cartMass + p.poleMass;
  const half = p.poleLength / 2;
  const sin = Math.sin(theta);
  const cos = Math.cos(theta);
  const push = (force - p.sliderDamping * speed + p.poleMass * half * thetaSpeed * thetaSpeed * sin) / total;
  const thetaAcc = (p.gravity * sin - cos * push - (p.jointDamping * thetaSpeed) / (p.poleMass * half)) / (half * (4 / 3 - (p.poleMass * cos * cos) / total));
  const acc = push - (p.poleMass * half * thetaAcc * cos) / total;
  const nextSpeed = speed + acc * CARTPOLE_DT;
  const nextThetaSpeed = thetaSpeed + thetaAcc * CARTPOLE_DT;
  return [x + nextSpeed * CARTPOLE_DT, nextSpeed, theta + nextThetaSpeed * CARTPOLE_DT, nextThetaSpeed];
}

function physicsOf(config: PhysicsConfig): CartpolePhysics {
  const physics: CartpolePhysics = { ...CARTPOLE_DEFAULTS };
  for (const [name, value] of Object.entries(config)) {
    if (!(name in CARTPOLE_DEFAULTS)) throw new UsageError(`cartpole: unknown physics parameter '${name}'; known: ${Object.keys(CARTPOLE_DEFAULTS).join(', ')}`);
    const damping = name === 'jointDamping' || name === 'sliderDamping';
    if (typeof value !== 'number' || !Number.isFinite(value) || !(damping ? value >= 0 : value > 0)) {
      throw new UsageError(`cartpole: ${name} must be a finite number ${damping ? '>= 0' : 'above 0'}, got ${String(value)}`);
    }
    physics[name as keyof CartpolePhysics] = value;
  }
  return physics;
}

class Cartpole implements ContinuousEnv {
  readonly observationSize = 5;
  readonly actionSize = 1;
  readonly maxSteps = CARTPOLE_STEPS;
  private state: [number, number, number, number] = [0, 0, 0, 0];

  constructor(private readonly physics: CartpolePhysics, private readonly swingUp: boolean) {}

  /** dm_control's starts: near the bottom for swing-up; near upright, cart within ±0.1 m, for balance. */
  reset(rng: Rng): Float64Array {
    const x = this.swingUp ? 0.01 * rng.normal() : rng.uniform(-0.1, 0.1);
    const theta = this.swingUp ? Math.PI + 0.01 * rng.normal() : rng.uniform(-0.034, 0.034);
    this.state = [x, 0.01 * rng.normal(), theta, 0.01 * rng.normal()];
    return this.observation();
  }

  resetTo(state: readonly [number, number, number, number]): Float64Array {
    this.state = [...state];
    return this.observation();
  }

  step(action: ArrayLike<number>): StepResult {
    const u = Math.min(1, Math.max(-1, action[0]!));
    this.state = cartpoleStep(this.state, CARTPOLE_MAX_FORCE * u, this.physics);
    const [x, , theta, thetaSpeed] = this.state;
    return { observation: this.observation(), reward: cartpoleReward(x, Math.cos(theta), thetaSpeed, u), terminated: false };
  }

  private observation(): Float64Array {
    const [x, speed, theta, thetaSpeed] = this.state;
    return Float64Array.of(x, Math.cos(theta), Math.sin(theta), speed, thetaSpeed);
  }
}

/** A continuous cart-pole, balance (pole starts upright) or swing-up (pole starts down). */
export function cartpole(config: PhysicsConfig = {}, options: { readonly swingUp?: boolean } = {}): ContinuousEnv & { resetTo(state: readonly [number, number, number, number]): Float64Array } {
  return new Cartpole(physicsOf(config), options.swingUp === true);
}
