import assert from 'node:assert/strict';
import { Rng } from '../../src/core/rng.ts';
import { cast, gradients, mul, noGrad, parameter, sum, tensor, type Tensor } from '../../src/learn/tensor/index.ts';

/**
 * Checks that an op computed in float32 (where the engine takes its WebAssembly kernels) gives
 * the values and gradients that the same op gives in float64 (its JavaScript path) on the same
 * inputs, within float32 rounding: |f32 − f64| ≤ tolerance · (1 + |f64|) elementwise, with the
 * gradients of Σ f(x)·w for a fixed random w. `f` builds the op from its inputs, which it
 * receives as parameters of the dtype under test.
 */
export function assertFloat32MatchesFloat64(f: (inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], tolerance = 2e-5, seed = 3): void {
  const run = (dtype: 'float32' | 'float64') => {
    const params = inputs.map((x) => parameter(cast(x, dtype)));
    const y = f(params);
    const rng = new Rng(seed);
    const w = tensor(Array.from({ length: y.size }, () => rng.uniform(-1, 1)), y.shape, dtype);
    const grads = gradients(sum(mul(y, w)), params);
    return { y: noGrad(() => y.toArray()), grads: grads.map((g) => g.toArray()) };
  };
  const single = run('float32'), double = run('float64');
  const close = (a: readonly number[], b: readonly number[], what: string): void => {
    assert.equal(a.length, b.length, what);
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) <= tolerance * (1 + Math.abs(b[i]!)), `${what}[${i}]: float32 ${v}, float64 ${b[i]}`));
  };
  close(single.y, double.y, 'value');
  single.grads.forEach((g, i) => close(g, double.grads[i]!, `gradient of input ${i}`));
}
