import { UsageError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import { embedding, mlp } from '../../learn/modules/index.ts';
import { crossEntropy, noGrad, reshape, type Tensor } from '../../learn/tensor/index.ts';
import { grammarText } from './grammar-text.ts';
import { DIVERGED, meanCrossEntropy, trainSteps, type ProxyTraining } from './proxy-training.ts';

/** The fields of a proxy config the language model reads. */
export interface CharLmConfig {
  readonly steps: number;
  readonly batch: number;
  readonly hidden: number;
  readonly layers: number;
  readonly trainSize: number;
  readonly validSize: number;
  readonly context: number;
  readonly embedding: number;
  readonly seed: number;
}

/**
 * A character-level language model: the `context` characters before a position, each
 * embedded in `embedding` dimensions and concatenated, go through an MLP that predicts the
 * next character; the loss is cross-entropy in nats per character. The text comes from a
 * grammar (`grammarText`): `trainSize` characters to train on, the next `validSize` positions
 * to validate on. The paper's language models are transformers on real corpora; this is the
 * same kind of objective at the cost of the other proxies here (about a second per run).
 */
export function charLmProxy(config: CharLmConfig): ProxyTraining {
  const { context, batch, trainSize, validSize } = config;
  if (context < 1 || config.embedding < 1 || batch < 1 || trainSize < batch + context || validSize < 1) {
    throw new UsageError('proxy: char-lm needs context >= 1, embedding >= 1, batch >= 1, trainSize >= batch + context and validSize >= 1');
  }
  const text = grammarText(trainSize + validSize + context, config.seed);
  const vocabulary = [...new Set(text)].sort();
  const ids = Int32Array.from(text, (c) => vocabulary.indexOf(c));
  const examples = (positions: readonly number[]): { context: Int32Array; next: Int32Array } => {
    const contextIds = new Int32Array(positions.length * context);
    positions.forEach((p, i) => contextIds.set(ids.subarray(p - context, p), i * context));
    return { context: contextIds, next: Int32Array.from(positions, (p) => ids[p]!) };
  };
  // The batches, fixed once: every candidate sees the same ones in the same order.
  const order = new Rng(config.seed ^ 0x5eed);
  const batches = Array.from({ length: config.steps }, () => examples(Array.from({ length: batch }, () => context + order.int(trainSize - context))));
  const valid = examples(Array.from({ length: validSize }, (_, i) => trainSize + context + i));
  const sizes = [context * config.embedding, ...new Array<number>(config.layers).fill(config.hidden), vocabulary.length];
  return {
    train(rule, lr, deadline, curve) {
      const rng = new Rng(config.seed ^ 0x1417);
      const table = embedding({ count: vocabulary.length, size: config.embedding, rng });
      const net = mlp({ sizes, rng });
      const logits = (b: { context: Int32Array }): Tensor => net.forward(reshape(table.forward(b.context), [b.context.length / context, sizes[0]!]));
      const parameters = [...table.parameters(), ...net.parameters()];
      if (!trainSteps(parameters, rule, lr, batches.map((b) => () => crossEntropy(logits(b), b.next)), deadline, curve)) return DIVERGED;
      const validLoss = noGrad(() => meanCrossEntropy(logits(valid), valid.next));
      return Number.isFinite(validLoss) ? { validLoss, diverged: false } : DIVERGED;
    },
  };
}
