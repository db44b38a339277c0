import { UsageError } from '../core/errors.ts';
import { show } from '../core/options.ts';
import { algorithms } from '../core/registries.ts';
import type { Algorithm, Json, Space } from '../core/types.ts';
import { encoderFromRecipe, type EncodingRecipe } from '../learn/guide/encodings.ts';
import type { OnlineDiscriminatorOptions } from '../learn/guide/online-discriminator.ts';
import { readConfig } from './config.ts';
import { guided, type GuidedOptions } from './guided.ts';

/** The config keys of the `guided` algorithm. */
export const GUIDED_CONFIG_KEYS = [
  'algorithm', 'encoding', 'objective', 'threshold', 'maxTries', 'adaptiveSteps', 'warmupTrials', 'retrainEveryTrials', 'trainSteps', 'firstTrainSteps', 'discriminator', 'snapshot',
] as const;

const DISCRIMINATOR_KEYS = ['seed', 'width', 'layers', 'heads', 'learningRate', 'batchGraphs', 'bufferSize', 'tieTolerance', 'tieWeight'];

/** The guide's settings other than the algorithm and the encoding, as a config holds them. */
export type GuideSettings = Omit<GuidedOptions<unknown>, 'space' | 'encoder' | 'inner' | 'snapshot'>;

/**
 * The recipe of `algorithm` guided by a discriminator that reads genotypes through
 * `encoding`: what a search command builds for `--guide`.
 *
 * @example
 * guideRecipe({ id: 'regularized-evolution', config: { populationSize: 100 } }, { kind: 'graph' })
 */
export function guideRecipe(algorithm: { readonly id: string; readonly config: Json }, encoding: EncodingRecipe, settings: GuideSettings = {}): { id: 'guided'; config: Json } {
  return { id: 'guided', config: { algorithm: { id: algorithm.id, config: algorithm.config }, encoding, ...(settings as { [key: string]: Json }) } };
}

/** `algorithm`'s recipe as a search builds it: guided when `settings` are given (`--guide`), as it is otherwise. */
export function guidedIfAsked(algorithm: { readonly id: string; readonly config: Json }, encoding: EncodingRecipe, settings: GuideSettings | undefined): { id: string; config: Json } {
  return settings === undefined ? { id: algorithm.id, config: algorithm.config } : guideRecipe(algorithm, encoding, settings);
}

function innerRecipe(value: unknown): { id: string; config: { readonly [key: string]: Json } } {
  const recipe = value as { id?: unknown; config?: unknown } | null;
  if (typeof recipe !== 'object' || recipe === null || typeof recipe.id !== 'string') {
    throw new UsageError(`algorithm 'guided': algorithm must be the recipe of the algorithm to guide, { id, config }, got ${show(value)}`);
  }
  if (recipe.id === 'guided') throw new UsageError("algorithm 'guided': the guided algorithm cannot guide itself");
  const config = recipe.config ?? {};
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`algorithm 'guided': algorithm.config must be an object, got ${show(config)}`);
  return { id: recipe.id, config: config as { readonly [key: string]: Json } };
}

function discriminatorOptions(value: unknown): OnlineDiscriminatorOptions {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`algorithm 'guided': discriminator must be an object, got ${show(value)}`);
  const unknown = Object.keys(value).find((key) => !DISCRIMINATOR_KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`algorithm 'guided': unknown discriminator option '${unknown}'; known: ${DISCRIMINATOR_KEYS.join(', ')}`);
  return value as OnlineDiscriminatorOptions;
}

/** Builds the guided algorithm over `space` from its config. */
export function guidedFromConfig(space: Space<unknown>, config: Json): Algorithm<unknown> {
  const fields = readConfig('guided', config, GUIDED_CONFIG_KEYS);
  const recipe = innerRecipe(fields.algorithm);
  const build = algorithms.get(recipe.id);
  if (fields.encoding === undefined) throw new UsageError("algorithm 'guided': encoding is required, e.g. { kind: 'graph' }");
  const settings: { [key: string]: unknown } = {};
  for (const key of ['objective', 'threshold', 'maxTries', 'adaptiveSteps', 'warmupTrials', 'retrainEveryTrials', 'trainSteps', 'firstTrainSteps'] as const) {
    if (fields[key] !== undefined) settings[key] = fields[key];
  }
  return guided({
    ...(settings as GuideSettings),
    space,
    encoder: encoderFromRecipe(space, fields.encoding),
    inner: (guidedSpace, snapshot) => build(guidedSpace, snapshot === undefined ? recipe.config : { ...recipe.config, snapshot }),
    discriminator: discriminatorOptions(fields.discriminator),
    ...(fields.snapshot === undefined ? {} : { snapshot: fields.snapshot as Json }),
  });
}

if (!algorithms.has('guided')) {
  algorithms.register(
    'guided',
    guidedFromConfig,
    'guided evolution: any evolutionary algorithm whose mutations a learned pairwise discriminator accepts or retries (Co-Reyes, Miao et al. 2024)',
    // Small enough that the example trains its discriminator twice within the contract tests' trials.
    {
      space: { id: 'graph', config: { inputs: 1, ops: ['add', 'mul', 'sin'], maxVertices: 8 } },
      config: {
        algorithm: { id: 'regularized-evolution', config: { populationSize: 4, tournamentSize: 2 } },
        encoding: { kind: 'graph' },
        warmupTrials: 6,
        retrainEveryTrials: 6,
        trainSteps: 1,
        firstTrainSteps: 1,
        discriminator: { width: 8, layers: 1, heads: 1, batchGraphs: 4 },
      },
    },
  );
}
