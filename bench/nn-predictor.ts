/**
 * The batch-1 MLP fast path of a control policy (issue 14's workload d: a 2×32 tanh policy,
 * 4 → 32 → 32 → 1, one forward per control step): `mlp(...).predictor()` against the tensor
 * forward of the same module under `noGrad`, in one run. Aim: under 2 µs per forward.
 * Run: npx tsx bench/nn-predictor.ts
 */
import { Rng } from '../src/core/rng.ts';
import { mlp } from '../src/learn/modules/index.ts';
import { noGrad, tensor } from '../src/learn/tensor/index.ts';

const policy = mlp({ sizes: [4, 32, 32, 1], activation: 'tanh', rng: new Rng(1) });
const predict = policy.predictor();
const observation = new Float32Array([0.1, -0.2, 0.3, 0.05]);

/** Median nanoseconds per call over `rounds` timed rounds of `calls` calls each. */
function nsPerCall(calls: number, rounds: number, step: (i: number) => number): number {
  let sink = 0;
  for (let i = 0; i < calls; i++) sink += step(i);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < calls; i++) sink += step(i);
    samples.push(((performance.now() - start) * 1e6) / calls);
  }
  if (Number.isNaN(sink)) console.log('(unreachable: keeps the work alive)');
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

const fast = nsPerCall(200_000, 7, (i) => {
  observation[0] = (i % 13) * 0.01;
  return predict(observation)[0]!;
});
const viaTensors = nsPerCall(20_000, 7, (i) => {
  observation[0] = (i % 13) * 0.01;
  return noGrad(() => policy.forward(tensor(observation, [1, 4]))).data[0]!;
});
console.log('2×32 tanh policy (4 → 32 → 32 → 1), batch 1, forward only; median of 7 rounds');
console.log(`  predictor():             ${fast.toFixed(0)} ns per forward  (aim < 2000)`);
console.log(`  tensor forward (noGrad): ${viaTensors.toFixed(0)} ns per forward`);
console.log(`  ratio tensor/predictor:  ${(viaTensors / fast).toFixed(1)}×`);
