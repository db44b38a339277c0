/**
 * A model config as symbolic values, changed by patches given as strings (as they would come
 * from a command line or an experiment sheet): "add skip connections", "double the width" and
 * "use the Lion optimizer". Each patch is a registered patcher with a typed argument schema;
 * the class validators and the patchers' own validators run once all patches are applied.
 *
 *   npx tsx examples/symbolic-patches.ts [patch ...]
 *   npx tsx examples/symbolic-patches.ts add_skip_connections?every=2 double_width use_lion?scale=10
 */
import { fileURLToPath } from 'node:url';
import { isUsageError } from '../src/core/errors.ts';
import { applyPatches, byKey, byPath, field, registerPatcher, symbolicClass, toSymbolicJSON } from '../src/spaces/symbolic/index.ts';

/** One layer of the model. */
export const Layer = symbolicClass('example.patches.Layer', {
  kind: field.enum(['conv', 'dense'], { doc: 'what the layer computes' }),
  width: field.int({ min: 1, max: 8192, doc: 'output channels or units' }),
  residual: field.boolean({ default: false, doc: 'adds its input to its output (needs equal widths)' }),
});
export type Layer = InstanceType<typeof Layer>;

/** The optimizer and its hyperparameters. */
export const Optimizer = symbolicClass('example.patches.Optimizer', {
  name: field.enum(['adamw', 'lion', 'sgd']),
  lr: field.number({ min: 0, max: 1 }),
  betas: field.list(field.number({ min: 0, max: 1 }), { minLength: 2, maxLength: 2, default: [0.9, 0.999] }),
  weightDecay: field.number({ min: 0, default: 0 }),
});

/** The whole config; a residual layer must keep the width of the layer before it. */
export const Model = symbolicClass(
  'example.patches.Model',
  {
    layers: field.list(field.instance(Layer), { minLength: 1 }),
    optimizer: field.instance(Optimizer),
    batchSize: field.int({ min: 1 }),
  },
  {
    validate: ({ layers }) => {
      const bad = layers.findIndex((layer, i) => i > 0 && layer.residual && layer.width !== layers[i - 1]!.width);
      return bad < 0 ? undefined : `layers[${bad}] is residual but its width differs from layers[${bad - 1}]`;
    },
  },
);
export type Model = InstanceType<typeof Model>;

/** The starting point: a small convnet trained with AdamW. */
export const baseModel: Model = new Model({
  layers: [
    new Layer({ kind: 'conv', width: 64 }),
    new Layer({ kind: 'conv', width: 64 }),
    new Layer({ kind: 'conv', width: 64 }),
    new Layer({ kind: 'dense', width: 256 }),
    new Layer({ kind: 'dense', width: 256 }),
  ],
  optimizer: new Optimizer({ name: 'adamw', lr: 1e-3, weightDecay: 0.01 }),
  batchSize: 128,
});

registerPatcher(
  'add_skip_connections',
  { every: field.int({ min: 1, default: 1, doc: 'make every n-th eligible layer residual' }) },
  (_model, { every }) => {
    let eligible = 0;
    // A layer may be residual when it keeps the width of the layer before it.
    return byPath(/^layers\[\d+\]$/, (layer: Layer, keyPath: string, layers: readonly Layer[]) => {
      const i = Number(/\d+/.exec(keyPath)![0]);
      if (i === 0 || layers[i - 1]!.width !== layer.width) return layer;
      return eligible++ % every === every - 1 ? layer.with({ residual: true }) : layer;
    });
  },
  { doc: 'makes layers residual where the widths allow' },
);

registerPatcher('double_width', {}, () => byKey('width', (width: number) => width * 2), { doc: 'doubles every layer width' });

registerPatcher(
  'use_lion',
  { scale: field.number({ min: 1, default: 10, doc: 'how much smaller the learning rate and larger the weight decay' }) },
  (model, { scale }) => {
    const adam = (model as Model).optimizer;
    // Lion (Chen et al. 2023) wants a learning rate 3-10x smaller and a weight decay 3-10x
    // larger than AdamW's, with betas (0.9, 0.99).
    return {
      rules: [{ optimizer: new Optimizer({ name: 'lion', lr: adam.lr / scale, betas: [0.9, 0.99], weightDecay: Math.max(adam.weightDecay, 1e-4) * scale }) }],
      validators: [(patched: unknown) => ((patched as Model).optimizer.lr > 3e-4 ? 'use_lion keeps the learning rate at most 3e-4; give a larger scale' : undefined)],
    };
  },
  { doc: 'switches AdamW to Lion with its recommended settings' },
);

/** Applies patch strings to the base model and returns the result. */
export function patchModel(patches: readonly string[]): Model {
  return applyPatches(baseModel, patches);
}

/** Prints the model before and after the patches, or the error a bad patch gives. */
export function main(patches: readonly string[]): void {
  const show = (model: Model) =>
    `${model.layers.map((l) => `${l.kind}${l.width}${l.residual ? '+res' : ''}`).join(' ')} | ${model.optimizer.name} lr=${model.optimizer.lr} wd=${model.optimizer.weightDecay}`;
  console.log(`base:    ${show(baseModel)}`);
  try {
    const patched = patchModel(patches);
    console.log(`patched: ${show(patched)}   (${patches.join(' ')})`);
    console.log(JSON.stringify(toSymbolicJSON(patched.optimizer)));
  } catch (error) {
    if (!isUsageError(error)) throw error;
    console.log(`error:   ${error.message}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const given = process.argv.slice(2);
  if (given.length > 0) main(given);
  else {
    main(['add_skip_connections', 'double_width', 'use_lion']);
    main(['add_skip_connections?every=2', 'use_lion?scale=5']);
    main(['use_lion?scale=2']);
    main(['use_lion?scale=fast']);
    main(['add_skip_connections', 'double_width?3']);
    main(['double_width', 'double_width', 'double_width', 'double_width', 'double_width', 'double_width', 'double_width', 'double_width']);
  }
}
