import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import type { CartPoleParams } from './cartpole.ts';

/*
 * Cataclysmic Cart-pole's events: sudden and lasting changes of the world during an episode.
 * The paper (Kelly et al., IROS 2023) names the kinds of change (track angle, force, damping,
 * sensors); the kinds below, their magnitudes, times and the families are ours, defined in
 * docs/control.md.
 */

/** What an event changes. */
export const CATACLYSM_KINDS = [
  'slope',
  'actuator',
  'cart-damping',
  'pole-damping',
  'pole-length',
  'pole-mass',
  'sensor-noise',
  'sensor-bias',
  'sensor-dead',
] as const;

/** One kind of sudden change. */
export type CataclysmKind = (typeof CATACLYSM_KINDS)[number];

/** One event of an episode: from step `at` on, the world is changed, for good. */
export interface Cataclysm {
  readonly kind: CataclysmKind;
  /** The step (0-based) whose observation first sees the change. */
  readonly at: number;
  /**
   * slope: the track's angle (rad); actuator: the force scale (negative: sign flipped);
   * cart-damping (N·s/m) and pole-damping (N·m·s): the new coefficient; pole-length and
   * pole-mass: a factor on the current value; sensor-noise: the standard deviation added;
   * sensor-bias: the offset added; sensor-dead: unused (the channel reads 0).
   */
  readonly value: number;
  /** The observation channel a sensor event hits (0 x, 1 ẋ, 2 θ, 3 θ̇); 0 for the others. */
  readonly channel: number;
}

/** What the sensors do to each observation channel. */
export interface SensorFaults {
  readonly noise: Float64Array;
  readonly bias: Float64Array;
  /** 1 where the channel reads 0. */
  readonly dead: Uint8Array;
}

/** Healthy sensors: no noise, no bias, nothing dead. */
export function healthySensors(): SensorFaults {
  return { noise: new Float64Array(4), bias: new Float64Array(4), dead: new Uint8Array(4) };
}

/** Applies one event to the physics and the sensors, in place. */
export function applyCataclysm(event: Cataclysm, params: CartPoleParams, sensors: SensorFaults): void {
  switch (event.kind) {
    case 'slope':
      params.trackSlope = event.value;
      break;
    case 'actuator':
      params.forceScale = event.value;
      break;
    case 'cart-damping':
      params.cartDamping = event.value;
      break;
    case 'pole-damping':
      params.poleDamping = event.value;
      break;
    case 'pole-length':
      params.halfLength *= event.value;
      break;
    case 'pole-mass':
      params.poleMass *= event.value;
      break;
    case 'sensor-noise':
      sensors.noise[event.channel] = event.value;
      break;
    case 'sensor-bias':
      sensors.bias[event.channel] = event.value;
      break;
    case 'sensor-dead':
      sensors.dead[event.channel] = 1;
      break;
  }
}

/** How one event of a family is drawn: its kind and the range of its value. */
export interface EventRule {
  readonly kind: CataclysmKind;
  /** The value is uniform in [low, high]. */
  readonly low: number;
  readonly high: number;
  /** Negate the value with probability 1/2 (slopes and biases go either way). */
  readonly eitherSign?: boolean;
}

/** A seeded family of episodes' events: which changes, how large, when, how many at once. */
export interface CataclysmFamily {
  readonly name: string;
  readonly description: string;
  /** The rules events are drawn from; empty for the stationary family. */
  readonly rules: readonly EventRule[];
  /**
   * Events per episode. With 1, episode i takes rule i mod rules.length, so that any
   * rules.length consecutive episodes meet every rule once; with more, distinct rules at random.
   */
  readonly events: number;
  /** Event steps are uniform in [from, to]. */
  readonly window: readonly [number, number];
}

const deg = (d: number): number => (d * Math.PI) / 180;

/** No events: the plain cart-pole. */
export const STATIONARY: CataclysmFamily = { name: 'stationary', description: 'no events', rules: [], events: 0, window: [0, 0] };

/** The family fitness is measured on: one event per episode, moderate magnitudes, steps 100–300. */
export const TRAINING_FAMILY: CataclysmFamily = {
  name: 'train',
  description: 'one event per episode from every kind at moderate magnitudes, steps 100-300',
  events: 1,
  window: [100, 300],
  rules: [
    { kind: 'slope', low: deg(2), high: deg(5), eitherSign: true },
    { kind: 'actuator', low: 0.4, high: 0.7 },
    { kind: 'actuator', low: -1, high: -1 },
    { kind: 'cart-damping', low: 0.5, high: 2 },
    { kind: 'pole-damping', low: 0.002, high: 0.01 },
    { kind: 'pole-length', low: 0.5, high: 0.7 },
    { kind: 'pole-length', low: 1.5, high: 2 },
    { kind: 'pole-mass', low: 2, high: 4 },
    { kind: 'sensor-noise', low: 0.01, high: 0.03 },
    { kind: 'sensor-bias', low: 0.01, high: 0.03, eitherSign: true },
    { kind: 'sensor-dead', low: 0, high: 0 },
  ],
};

const HELD_OUT_WINDOW: readonly [number, number] = [50, 450];

function heldOut(name: string, description: string, rules: readonly EventRule[], events = 1): CataclysmFamily {
  return { name, description, rules, events, window: HELD_OUT_WINDOW };
}

/** Test families: magnitudes beyond training's, steps 50–450, and combinations. */
export const HELD_OUT_FAMILIES: readonly CataclysmFamily[] = [
  heldOut('slope', 'track tilted 6-10 degrees', [{ kind: 'slope', low: deg(6), high: deg(10), eitherSign: true }]),
  heldOut('actuator', 'force scaled to 0.15-0.35, or flipped and scaled to 0.5-0.9', [
    { kind: 'actuator', low: 0.15, high: 0.35 },
    { kind: 'actuator', low: -0.9, high: -0.5 },
  ]),
  heldOut('friction', 'cart friction 3-6 N s/m, or hinge damping 0.015-0.04 N m s', [
    { kind: 'cart-damping', low: 3, high: 6 },
    { kind: 'pole-damping', low: 0.015, high: 0.04 },
  ]),
  heldOut('pole', 'pole length x0.25-0.4 or x2.5-3.5, or mass x6-10', [
    { kind: 'pole-length', low: 0.25, high: 0.4 },
    { kind: 'pole-length', low: 2.5, high: 3.5 },
    { kind: 'pole-mass', low: 6, high: 10 },
  ]),
  heldOut('sensor', 'noise 0.05-0.1, bias 0.05-0.1, or a dead channel', [
    { kind: 'sensor-noise', low: 0.05, high: 0.1 },
    { kind: 'sensor-bias', low: 0.05, high: 0.1, eitherSign: true },
    { kind: 'sensor-dead', low: 0, high: 0 },
  ]),
  heldOut('combined', 'two training-range events of different rules at once', TRAINING_FAMILY.rules, 2),
];

/** Every family by name: the stationary one, training's and the held-out ones. */
export const FAMILIES: ReadonlyMap<string, CataclysmFamily> = new Map([STATIONARY, TRAINING_FAMILY, ...HELD_OUT_FAMILIES].map((f) => [f.name, f]));

/** The family with this name; an unknown name is a UsageError listing the known ones. */
export function familyNamed(name: string): CataclysmFamily {
  const family = FAMILIES.get(name);
  if (family === undefined) throw new UsageError(`unknown cataclysm family '${name}'; known: ${[...FAMILIES.keys()].join(', ')}`);
  return family;
}

/** The events of episode `index` of a family, drawn from `rng`, in the order they happen. */
export function sampleCataclysms(family: CataclysmFamily, index: number, rng: Rng): Cataclysm[] {
  if (family.events === 0 || family.rules.length === 0) return [];
  const rules = family.events === 1 ? [family.rules[index % family.rules.length]!] : rng.shuffle(family.rules).slice(0, family.events);
  const [from, to] = family.window;
  const events = rules.map((rule): Cataclysm => {
    const magnitude = rule.low === rule.high ? rule.low : rng.uniform(rule.low, rule.high);
    const value = rule.eitherSign === true && rng.chance(0.5) ? -magnitude : magnitude;
    const channel = rule.kind.startsWith('sensor-') ? rng.int(4) : 0;
    return { kind: rule.kind, at: rng.intBetween(from, to), value, channel };
  });
  return events.sort((a, b) => a.at - b.at);
}
