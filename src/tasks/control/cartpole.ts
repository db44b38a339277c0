import type { Rng } from '../../core/rng.ts';

/*
 * The cart-pole of Gymnasium's CartPole-v1 (after Barto, Sutton and Anderson 1983, with the
 * pole dynamics of Florian 2007 without friction): the same constants, the same explicit
 * Euler step, the same ends. The extra physical parameters (track slope, actuator scale, cart
 * and pole damping) are ours, for Cataclysmic Cart-pole; at their defaults (0, 1, 0, 0) every
 * step equals Gymnasium's bit for bit, since each extra term then adds an exact zero.
 */

/** The physical parameters of one cart-pole; the cataclysms change them during an episode. */
export interface CartPoleParams {
  /** m/s². */
  gravity: number;
  /** kg. */
  cartMass: number;
  /** kg. */
  poleMass: number;
  /** Half the pole's length, m (Gymnasium's `length`). */
  halfLength: number;
  /** The push of one discrete action, and the largest continuous push, N. */
  forceMag: number;
  /** Seconds per step. */
  tau: number;
  /** Track slope, radians; positive raises the track towards +x, so gravity pulls the cart to −x. */
  trackSlope: number;
  /** What the actuator delivers of the commanded force: 1 as built, below 1 weakened, negative when its sign is flipped. */
  forceScale: number;
  /** Viscous friction of the cart on the track, N·s/m. */
  cartDamping: number;
  /** Viscous damping of the pole's hinge, N·m·s/rad. */
  poleDamping: number;
}

/** Gymnasium CartPole-v1's constants, with no slope, a healthy actuator and no friction. */
export const CARTPOLE_V1: Readonly<CartPoleParams> = Object.freeze({
  gravity: 9.8,
  cartMass: 1.0,
  poleMass: 0.1,
  halfLength: 0.5,
  forceMag: 10.0,
  tau: 0.02,
  trackSlope: 0,
  forceScale: 1,
  cartDamping: 0,
  poleDamping: 0,
});

/** |x| beyond this ends an episode (m). */
export const X_THRESHOLD = 2.4;
/** |θ| beyond this ends an episode: 12°, written as Gymnasium writes it. */
export const THETA_THRESHOLD_RADIANS = (12 * 2 * Math.PI) / 360;
/** CartPole-v1's episode length (its TimeLimit). */
export const CARTPOLE_V1_MAX_STEPS = 500;

/** The state (x, ẋ, θ, θ̇) in one array, so an episode allocates nothing per step. */
export type CartPoleState = Float64Array;

/** A fresh state: each entry uniform in [−0.05, 0.05), as Gymnasium's reset. */
export function resetCartPole(state: CartPoleState, rng: Rng): void {
  for (let i = 0; i < 4; i++) state[i] = rng.uniform(-0.05, 0.05);
}

/**
 * Advances `state` by one explicit Euler step of `tau` under the commanded `force` (N, before
 * the actuator's scale), in place. The order of operations is Gymnasium's:
 * temp = (F + m_p·l·θ̇²·sinθ)/M, θ̈ = (g·sinθ − cosθ·temp)/(l·(4/3 − m_p·cos²θ/M)),
 * ẍ = temp − m_p·l·θ̈·cosθ/M; then x, ẋ, θ, θ̇ in that order, each from the old values.
 *
 * With a slope α the along-track part of gravity, −g·sinα, accelerates cart and pole alike,
 * and g·cosα replaces g (in the track's frame the pole angle is measured from the track's
 * normal). Cart friction adds −b·ẋ to the force; hinge damping adds −d·θ̇ to the pole's torque.
 */
export function cartPoleStep(state: CartPoleState, force: number, p: CartPoleParams): void {
  const x = state[0]!;
  const xDot = state[1]!;
  const theta = state[2]!;
  const thetaDot = state[3]!;
  const g = p.trackSlope === 0 ? p.gravity : p.gravity * Math.cos(p.trackSlope);
  const totalMass = p.poleMass + p.cartMass;
  const poleMassLength = p.poleMass * p.halfLength;
  const applied = force * p.forceScale - p.cartDamping * xDot;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const temp = (applied + poleMassLength * (thetaDot * thetaDot) * sin) / totalMass;
  const hinge = p.poleDamping === 0 ? 0 : (p.poleDamping * thetaDot) / poleMassLength;
  const thetaAcc = (g * sin - cos * temp - hinge) / (p.halfLength * (4.0 / 3.0 - (p.poleMass * (cos * cos)) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass - p.gravity * Math.sin(p.trackSlope);
  state[0] = x + p.tau * xDot;
  state[1] = xDot + p.tau * xAcc;
  state[2] = theta + p.tau * thetaDot;
  state[3] = thetaDot + p.tau * thetaAcc;
}

/** True when the cart has left the track or the pole has fallen past 12°. */
export function cartPoleFallen(state: CartPoleState): boolean {
  const x = state[0]!;
  const theta = state[2]!;
  return x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
}
