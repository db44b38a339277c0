/**
 * The engine of src/learn/ (tensors with define-by-run gradients, WebAssembly SIMD matmul,
 * the engine's modules and update rules) on the four workloads of bench/nn.ts. Every workload
 * starts from the workload's own values; the policy (d) runs the MLP's compiled batch-1
 * predictor, the way a control loop would call it.
 */
import type { NnEngine, PreparedStep } from './engine.ts';
import { prepareDiscriminator } from './own-discriminator.ts';
import { prepareMnist, preparePolicy } from './own-mlp.ts';
import { prepareSac } from './own-sac.ts';
import type { Workload } from './workloads.ts';

/** Builds one workload on the engine. */
export function prepareOwn(w: Workload): PreparedStep {
  switch (w.kind) {
    case 'discriminator': return prepareDiscriminator(w);
    case 'sac': return prepareSac(w);
    case 'mnist': return prepareMnist(w);
    case 'policy': return preparePolicy(w);
  }
}

/** The engine of src/learn/; its rows are named 'amoeba'. */
export function ownEngine(): NnEngine {
  return {
    name: 'amoeba',
    supports: () => true,
    prepare: (w) => Promise.resolve(prepareOwn(w)),
  };
}
