import { UsageError } from '../../core/errors.ts';
import { numberIn, oneOfValues, wholeNumber } from '../../core/options.ts';
import { Rng } from '../../core/rng.ts';
import { mlp, type Mlp } from '../../learn/modules/index.ts';
import { accuracy, crossEntropy, mean, noGrad, square, sub, tensor, type Tensor } from '../../learn/tensor/index.ts';
import { charLmProxy } from './proxy-char-lm.ts';
import { batchOf, mnistSplit, pooledSide, regressionSplit, type Split } from './proxy-data.ts';
import { checkDeadline, DIVERGED, hasDiverged, meanCrossEntropy, trainSteps, type ProxyTraining } from './proxy-training.ts';

export type { ProxyRun } from './proxy-training.ts';

/*
 * Proxy tasks: small trainings that a candidate optimizer runs for a fixed number of steps.
 * Everything random (data, initial weights, batch order, gradient noise) comes from the
 * proxy's own seed, so every candidate trains the same network on the same batches and two
 * programs that update alike score alike: what the functional cache relies on.
 */

/** The kinds of proxy task. */
export const PROXY_KINDS = ['mnist-mlp', 'mnist-logistic', 'regression-mlp', 'char-lm', 'quadratic'] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

/** A proxy task's config (plain JSON); missing fields take the kind's defaults. */
export interface ProxyConfig {
  readonly kind: ProxyKind;
  /** Updates per training run. */
  readonly steps?: number;
  /** Examples per batch (networks). */
  readonly batch?: number;
  /** Width of each hidden layer (networks). */
  readonly hidden?: number;
  /** Hidden layers (networks). */
  readonly layers?: number;
  readonly trainSize?: number;
  readonly validSize?: number;
  /** MNIST average pooling: 2 gives 14×14 images. */
  readonly pool?: number;
  /** Language model: characters of context before the one predicted. */
  readonly context?: number;
  /** Language model: width of each character's embedding. */
  readonly embedding?: number;
  /** Quadratic: dimensions, condition number and gradient-noise standard deviation. */
  readonly dimensions?: number;
  readonly condition?: number;
  readonly noise?: number;
  readonly seed?: number;
}

/** A proxy task ready to run: its data built once, its config with every default filled in. */
export interface Proxy extends ProxyTraining {
  readonly config: Required<ProxyConfig>;
}

const NONE = { hidden: 0, layers: 0, trainSize: 0, validSize: 0, pool: 0, context: 0, embedding: 0, dimensions: 0, condition: 0, noise: 0 } as const;
const MNIST = { ...NONE, steps: 150, batch: 32, trainSize: 2000, validSize: 500, pool: 2, seed: 1 } as const;
const DEFAULTS: { readonly [K in ProxyKind]: Required<ProxyConfig> } = {
  'mnist-mlp': { ...MNIST, kind: 'mnist-mlp', hidden: 32, layers: 1 },
  'mnist-logistic': { ...MNIST, kind: 'mnist-logistic' },
  'regression-mlp': { ...NONE, kind: 'regression-mlp', steps: 200, batch: 32, hidden: 32, layers: 2, trainSize: 512, validSize: 256, seed: 1 },
  'char-lm': { ...NONE, kind: 'char-lm', steps: 200, batch: 32, hidden: 64, layers: 1, trainSize: 20000, validSize: 1000, context: 8, embedding: 8, seed: 1 },
  quadratic: { ...NONE, kind: 'quadratic', steps: 200, batch: 0, dimensions: 20, condition: 10000, noise: 1, seed: 1 },
};

/** The proxy's config with defaults filled in and every field checked. */
export function proxyConfig(raw: unknown): Required<ProxyConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`proxy config must be an object { kind, ... }, got ${JSON.stringify(raw)}`);
  const given = raw as Record<string, unknown>;
  const kind = oneOfValues('proxy', 'kind', given['kind'], PROXY_KINDS);
  const defaults = DEFAULTS[kind];
  for (const key of Object.keys(given)) if (!(key in defaults)) throw new UsageError(`proxy: unknown field '${key}'; known: ${Object.keys(defaults).join(', ')}`);
  const whole = (name: keyof ProxyConfig, min: number) => wholeNumber('proxy', name, given[name] ?? defaults[name], min);
  return {
    kind,
    steps: whole('steps', 1),
    batch: whole('batch', 0),
    hidden: whole('hidden', 0),
    layers: whole('layers', 0),
    trainSize: whole('trainSize', 0),
    validSize: whole('validSize', 0),
    pool: whole('pool', 0),
    context: whole('context', 0),
    embedding: whole('embedding', 0),
    dimensions: whole('dimensions', 0),
    condition: numberIn('proxy', 'condition', given['condition'] ?? defaults.condition, 0, 1e12),
    noise: numberIn('proxy', 'noise', given['noise'] ?? defaults.noise, 0, 1e6),
    seed: wholeNumber('proxy', 'seed', given['seed'] ?? defaults.seed, 0, 2 ** 31 - 1),
  };
}

/** Builds a proxy task (loading or generating its data once). */
export function proxyTask(raw: ProxyConfig): Proxy {
  const config = proxyConfig(raw);
  if (config.kind === 'quadratic') return quadraticProxy(config);
  if (config.kind === 'char-lm') return { config, ...charLmProxy(config) };
  return networkProxy(config);
}

/** An MLP on MNIST digits (with no hidden layer: logistic regression) or on a regression target. */
function networkProxy(config: Required<ProxyConfig>): Proxy {
  const classify = config.kind === 'mnist-mlp' || config.kind === 'mnist-logistic';
  if (config.batch < 1 || config.trainSize < config.batch || config.validSize < 1) throw new UsageError('proxy: a network proxy needs batch >= 1, trainSize >= batch and validSize >= 1');
  if (classify && (config.pool < 1 || config.pool > 28)) throw new UsageError(`proxy: ${config.kind} needs pool in 1..28`);
  const split: Split = classify ? mnistSplit(config.trainSize, config.validSize, config.pool, config.seed) : regressionSplit(config.trainSize, config.validSize, config.seed);
  const inputs = classify ? pooledSide(config.pool) ** 2 : split.train.width;
  const sizes = [inputs, ...new Array<number>(config.layers).fill(config.hidden), classify ? 10 : 1];
  // The batches, fixed once: every candidate sees the same ones in the same order.
  const order = new Rng(config.seed ^ 0x5eed);
  const rows = Array.from({ length: split.train.rows }, (_, i) => i);
  const batches: { x: Tensor; labels?: Int32Array; y?: Tensor }[] = [];
  let epoch: number[] = [];
  for (let s = 0; s < config.steps; s++) {
    if (epoch.length < config.batch) epoch = order.shuffle(rows);
    batches.push(asTensors(batchOf(split.train, epoch.splice(0, config.batch)), config.batch));
  }
  const valid = asTensors(batchOf(split.valid, Array.from({ length: split.valid.rows }, (_, i) => i)), split.valid.rows);
  const loss = (net: Mlp, b: (typeof batches)[number]): Tensor => (classify ? crossEntropy(net.forward(b.x), b.labels!) : mean(square(sub(net.forward(b.x), b.y!))));
  return {
    config,
    train(rule, lr, deadline, curve) {
      const net = mlp({ sizes, rng: new Rng(config.seed ^ 0x1417) });
      if (!trainSteps(net.parameters(), rule, lr, batches.map((b) => () => loss(net, b)), deadline, curve)) return DIVERGED;
      return noGrad(() => {
        if (!classify) {
          const validLoss = loss(net, valid).item();
          return Number.isFinite(validLoss) ? { validLoss, diverged: false } : DIVERGED;
        }
        const logits = net.forward(valid.x);
        const validLoss = meanCrossEntropy(logits, valid.labels!);
        return Number.isFinite(validLoss) ? { validLoss, accuracy: accuracy(logits, valid.labels!), diverged: false } : DIVERGED;
      });
    },
  };
}

function asTensors(batch: ReturnType<typeof batchOf>, rows: number): { x: Tensor; labels?: Int32Array; y?: Tensor } {
  const x = tensor(batch.features, [rows, batch.features.length / rows]);
  return batch.labels !== undefined ? { x, labels: batch.labels } : { x, y: tensor(batch.targets!, [rows, 1]) };
}

/**
 * ½(w − w*)ᵀH(w − w*) with H = Q·diag(λ)·Qᵀ, λ spaced geometrically from 1 to `condition` and Q
 * a random rotation (so the hard directions are not the coordinate axes, which per-coordinate
 * methods such as Adam and Lion would otherwise find for free), and gradient noise
 * N(0, noise²) per coordinate. The score is f(w_T)/f(w₀).
 */
function quadraticProxy(config: Required<ProxyConfig>): Proxy {
  const d = config.dimensions;
  if (d < 2 || config.condition < 1) throw new UsageError('proxy: quadratic needs dimensions >= 2 and condition >= 1');
  const rng = new Rng(config.seed);
  const q = randomRotation(d, rng);
  const h = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += q[i * d + k]! * config.condition ** (k / (d - 1)) * q[j * d + k]!;
      h[i * d + j] = s;
    }
  }
  const target = Float64Array.from({ length: d }, () => rng.normal());
  const noise = Float64Array.from({ length: config.steps * d }, () => config.noise * rng.normal());
  const objective = (w: Float64Array, grad?: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < d; i++) {
      let hx = 0;
      for (let j = 0; j < d; j++) hx += h[i * d + j]! * (w[j]! - target[j]!);
      if (grad !== undefined) grad[i] = hx;
      f += 0.5 * (w[i]! - target[i]!) * hx;
    }
    return f;
  };
  const start = objective(new Float64Array(d));
  return {
    config,
    train(rule, lr, deadline, curve) {
      const w = new Float64Array(d);
      const g = new Float64Array(d);
      const slots = rule.slots.map(() => new Float64Array(d));
      for (let step = 1; step <= config.steps; step++) {
        const f = objective(w, g);
        curve?.push(f / start);
        if (hasDiverged(f, start)) return DIVERGED;
        for (let i = 0; i < d; i++) g[i]! += noise[(step - 1) * d + i]!;
        rule.update(w, g, slots, step, lr);
        if (step % 50 === 0) checkDeadline(deadline);
      }
      const f = objective(w);
      return hasDiverged(f, start) ? DIVERGED : { validLoss: f / start, diverged: false };
    },
  };
}

/** A d×d rotation (row-major) from Gram–Schmidt on Gaussian vectors. */
function randomRotation(d: number, rng: Rng): Float64Array {
  const q = Float64Array.from({ length: d * d }, () => rng.normal());
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += q[i * d + k]! * q[j * d + k]!;
      for (let k = 0; k < d; k++) q[i * d + k]! -= dot * q[j * d + k]!;
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += q[i * d + k]! ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) q[i * d + k]! /= norm;
  }
  return q;
}
