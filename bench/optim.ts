/**
 * The update rules' cost per parameter element, on the MNIST MLP's 101,770 parameters
 * (784-128-10): each rule's in-place loop beside plain SGD (one read-modify-write, the floor)
 * and beside Adam written as tensor ops (a new array per op, as an optimizer composed from
 * the engine's ops would be). Prints ns per element and the ratios, measured in one run.
 *
 *   npx tsx bench/optim.ts [--quick]
 */
import { Rng } from '../src/core/rng.ts';
import { adam, adamw, lion, sgd, type UpdateRule } from '../src/learn/optim/index.ts';
import { add, div, mul, sqrt, square, sub, tensor, type Tensor } from '../src/learn/tensor/index.ts';
import { timeStep, type Budget } from './nn/measure.ts';

const SIZE = 784 * 128 + 128 + 128 * 10 + 10;
const budget: Budget = { ms: process.argv.includes('--quick') ? 100 : 500, minRepetitions: 5 };
const rng = new Rng(1);
const random = (): Float32Array => Float32Array.from({ length: SIZE }, () => rng.normal() * 0.01);

async function nsPerElement(step: () => void): Promise<number> {
  return ((await timeStep(step, budget)).msPerStep * 1e6) / SIZE;
}

async function ruleCost(rule: UpdateRule): Promise<number> {
  const w = random(), g = random();
  const slots = rule.slots.map(() => new Float32Array(SIZE));
  let step = 0;
  return nsPerElement(() => rule.update(w, g, slots, ++step, 1e-3));
}

async function adamAsTensorOps(): Promise<number> {
  let w: Tensor = tensor(random()), m: Tensor = tensor(new Float32Array(SIZE)), v: Tensor = tensor(new Float32Array(SIZE));
  const g = tensor(random());
  let step = 0;
  return nsPerElement(() => {
    step++;
    m = add(mul(m, 0.9), mul(g, 0.1));
    v = add(mul(v, 0.999), mul(square(g), 0.001));
    const mHat = div(m, 1 - 0.9 ** step), vHat = div(v, 1 - 0.999 ** step);
    w = sub(w, mul(div(mHat, add(sqrt(vHat), 1e-8)), 1e-3));
  });
}

const floor = await ruleCost(sgd());
const rows: [string, number][] = [['sgd', floor]];
for (const rule of [sgd({ momentum: 0.9 }), sgd({ momentum: 0.9, nesterov: true }), adam(), adamw(), lion()]) {
  const label = rule.name === 'sgd' ? `sgd momentum${rule.config.nesterov ? ' nesterov' : ''}` : rule.name;
  rows.push([label, await ruleCost(rule)]);
}
const composed = await adamAsTensorOps();
const adamLoop = rows.find(([label]) => label === 'adam')![1];
console.log(`update rules on ${SIZE} float32 parameters (ns per element; ratio to plain SGD)`);
for (const [label, ns] of rows) console.log(`  ${label.padEnd(24)} ${ns.toFixed(2).padStart(7)} ns   ×${(ns / floor).toFixed(2)}`);
console.log(`  ${'adam as tensor ops'.padEnd(24)} ${composed.toFixed(2).padStart(7)} ns   ×${(composed / floor).toFixed(2)} (${(composed / adamLoop).toFixed(1)}× the adam loop)`);
