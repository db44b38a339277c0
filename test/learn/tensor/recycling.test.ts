import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { mlp } from '../../../src/learn/modules/index.ts';
import { adam, optimizer } from '../../../src/learn/optim/index.ts';
import { crossEntropy, gradients, randomUniform, recycling, relu, tanh, type Tensor } from '../../../src/learn/tensor/index.ts';

/** Five Adam steps of a small classifier; the losses, and the weights at the end. */
function train(recycled: boolean): { losses: number[]; weights: number[] } {
  const rng = new Rng(5);
  const net = mlp({ sizes: [40, 64, 30], rng });
  const x = randomUniform([48, 40], rng, -1, 1);
  const labels = Int32Array.from({ length: 48 }, () => rng.int(30));
  const opt = optimizer(net.parameters(), adam(), 0.01);
  const losses: number[] = [];
  const step = (): void => {
    const loss = crossEntropy(net.forward(x), labels);
    opt.step(gradients(loss, net.parameters()));
    losses.push(loss.item());
  };
  for (let i = 0; i < 5; i++) {
    if (recycled) recycling(step);
    else step();
  }
  return { losses, weights: net.parameters().flatMap((p) => p.toArray()) };
}

describe('recycling', () => {
  it('trains exactly as without it: the same losses and weights, bit for bit', () => {
    const plain = train(false);
    assert.deepEqual(train(true), plain);
    assert.ok(plain.losses[4]! < plain.losses[0]!);
  });

  it('keeps the tensors a scope returns, while later scopes reuse the storage of the rest', () => {
    const x = randomUniform([64, 64], new Rng(1), -1, 1);
    const kept = recycling(() => {
      const hidden = relu(x);
      return { out: tanh(hidden), note: 'plain values pass through' };
    });
    const before = kept.out.toArray();
    let other: Tensor | undefined;
    for (let i = 0; i < 3; i++) recycling(() => { other = tanh(relu(x)); });
    assert.deepEqual(kept.out.toArray(), before);
    assert.ok(other !== undefined && other.data !== kept.out.data);
  });

  it('hands what an inner scope returns to the outer one, which recycles it unless it returns it too', () => {
    const x = randomUniform([64, 64], new Rng(2), -1, 1);
    const outer = recycling(() => {
      const inner = recycling(() => tanh(x));
      return [relu(inner), inner];
    });
    assert.deepEqual(outer[1]!.toArray(), tanh(x).toArray());
    assert.deepEqual(outer[0]!.toArray(), relu(tanh(x)).toArray());
  });
});
