/**
 * The tfjs baselines: all four workloads on `@tensorflow/tfjs` 4.22, on its wasm backend
 * (XNNPACK, SIMD) or its cpu backend (plain JavaScript kernels). tfjs keeps one global
 * backend, so `prepare` switches to this engine's; bench/nn.ts runs one engine at a time.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { NnEngine, PreparedStep } from './engine.ts';
import { prepareDiscriminator } from './tfjs-discriminator.ts';
import { prepareMnist, preparePolicy } from './tfjs-mlp.ts';
import { prepareSac } from './tfjs-sac.ts';
import type { Workload } from './workloads.ts';

// Production mode skips tfjs's debug checks and its Node.js banner: the fastest tfjs offers.
tf.enableProdMode();

/** The tfjs backends measured. */
export type TfjsBackend = 'wasm' | 'cpu';

/** Makes `backend` tfjs's active backend, waiting for it to load. */
export async function useTfjsBackend(backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() !== backend) {
    const ok = await tf.setBackend(backend);
    if (!ok) throw new Error(`tfjs could not start its ${backend} backend`);
  }
  await tf.ready();
}

function prepareOn(w: Workload): PreparedStep {
  switch (w.kind) {
    case 'discriminator': return prepareDiscriminator(w);
    case 'sac': return prepareSac(w);
    case 'mnist': return prepareMnist(w);
    case 'policy': return preparePolicy(w);
  }
}

/** The tfjs engine on one backend; its rows are named 'tfjs-wasm' and 'tfjs-cpu'. */
export function tfjsEngine(backend: TfjsBackend): NnEngine {
  return {
    name: `tfjs-${backend}`,
    supports: () => true,
    async prepare(w) {
      await useTfjsBackend(backend);
      return prepareOn(w);
    },
  };
}
