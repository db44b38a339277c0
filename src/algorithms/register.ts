import { UsageError } from '../core/errors.ts';
import { show } from '../core/options.ts';
import { algorithms, type AlgorithmExample } from '../core/registries.ts';
import type { Algorithm, Json, Space } from '../core/types.ts';
import { initialFromConfig, presentFields, readConfig, spaceFromConfig } from './config.ts';
import { hillClimbing } from './hill-climbing.ts';
import type { HillClimbingOptions } from './hill-climbing.ts';
import { nsga2 } from './nsga2.ts';
import type { Nsga2Options } from './nsga2.ts';
import { randomSearch } from './random-search.ts';
import { withRestarts, type RestartOptions } from './restarts.ts';
import type { RandomSearchOptions } from './random-search.ts';
import { regularizedEvolution } from './regularized-evolution.ts';
import type { RegularizedEvolutionOptions } from './regularized-evolution.ts';
import { reinforce } from './reinforce.ts';
import type { ReinforceOptions } from './reinforce.ts';
// The guided wrapper registers itself beside the algorithms it wraps.
import './guided-register.ts';

/**
 * Registers every algorithm under its config name. Each config is a JSON object whose keys
 * are the factory's options (`initial` as genotype JSON, `objective` as a loss index), plus
 * `retryUntilChanged: true | maxTries` to wrap the space. The factories check every value.
 */

/** The config keys each registered algorithm accepts. */
export const ALGORITHM_CONFIG_KEYS: { readonly [name: string]: readonly string[] } = {
  'random-search': ['snapshot', 'retryUntilChanged'],
  'regularized-evolution': [
    'populationSize',
    'tournamentSize',
    'withReplacement',
    'objective',
    'crossoverProbability',
    'initial',
    'snapshot',
    'retryUntilChanged',
  ],
  nsga2: ['populationSize', 'offspringSize', 'elitism', 'crossoverProbability', 'initial', 'snapshot', 'retryUntilChanged'],
  'hill-climbing': ['objective', 'acceptEqual', 'initial', 'snapshot', 'retryUntilChanged'],
  restarts: ['algorithm', 'patienceTrials', 'objective', 'snapshot', 'retryUntilChanged'],
  reinforce: ['learningRate', 'baselineDecay', 'objective', 'snapshot'],
};

// Small recipes for the contract test that runs every registered algorithm (test/registries/).
// They name spaces registered elsewhere; only the ids travel, so nothing is imported here.
const GRAPH_EXAMPLE = { id: 'graph', config: { inputs: 1, ops: ['add', 'mul', 'sin'], maxVertices: 8 } };
const DNA_EXAMPLE = { id: 'dna-template', config: { space: { a: { _type: 'hyper.oneOf', candidates: [1, 2, 3, 4] }, b: { _type: 'hyper.intValue', min: 0, max: 9 } } } };
const example = (space: AlgorithmExample['space'], config: Json): AlgorithmExample => ({ space, config });

const DEFAULT_POPULATION_SIZE = 100;
const DEFAULT_TOURNAMENT_SIZE = 10;

/** Builds a factory that checks the config's keys, then hands its fields to `build`. */
function fromConfig(name: string, build: (space: Space<unknown>, fields: { readonly [key: string]: unknown }) => Algorithm<unknown>) {
  const known = ALGORITHM_CONFIG_KEYS[name] as readonly string[];
  // These two are turned into a wrapped space and genotypes here; the rest pass through.
  const passedThrough = known.filter((key) => key !== 'retryUntilChanged' && key !== 'initial');
  return (space: Space<unknown>, config: Json): Algorithm<unknown> => {
    const fields = readConfig(name, config, known);
    const searched = spaceFromConfig(name, fields, space);
    const initial = initialFromConfig(name, fields, searched);
    return build(searched, { ...presentFields(fields, passedThrough), ...(initial === undefined ? {} : { initial }) });
  };
}

algorithms.register(
  'random-search',
  fromConfig('random-search', (space, fields) => randomSearch({ ...(fields as Partial<RandomSearchOptions<unknown>>), space })),
  'uniform random proposals: the baseline',
  example(GRAPH_EXAMPLE, { retryUntilChanged: 5 }),
);

algorithms.register(
  'regularized-evolution',
  fromConfig('regularized-evolution', (space, fields) => {
    const populationSize = fields.populationSize ?? DEFAULT_POPULATION_SIZE;
    const smallerDefault = typeof populationSize === 'number' ? Math.min(DEFAULT_TOURNAMENT_SIZE, populationSize) : DEFAULT_TOURNAMENT_SIZE;
    return regularizedEvolution({
      ...(fields as Partial<RegularizedEvolutionOptions<unknown>>),
      populationSize: populationSize as number,
      tournamentSize: (fields.tournamentSize ?? smallerDefault) as number,
      space,
    });
  }),
  `aging evolution (Real et al. 2019); populationSize ${DEFAULT_POPULATION_SIZE}, tournamentSize min(${DEFAULT_TOURNAMENT_SIZE}, populationSize) by default`,
  example(GRAPH_EXAMPLE, { populationSize: 6, tournamentSize: 3, crossoverProbability: 0.3, objective: 1 }),
);

algorithms.register(
  'nsga2',
  fromConfig('nsga2', (space, fields) =>
    nsga2({ populationSize: DEFAULT_POPULATION_SIZE, ...(fields as Partial<Nsga2Options<unknown>>), space }),
  ),
  `NSGA-II multi-objective search (Deb et al. 2002); populationSize ${DEFAULT_POPULATION_SIZE} by default`,
  example(DNA_EXAMPLE, { populationSize: 6, offspringSize: 3, crossoverProbability: 0.5 }),
);

algorithms.register(
  'hill-climbing',
  fromConfig('hill-climbing', (space, fields) => hillClimbing({ ...(fields as Partial<HillClimbingOptions<unknown>>), space })),
  'mutates the best trial so far, moving on ties',
  example(DNA_EXAMPLE, { acceptEqual: false, initial: [[2, 5]] }),
);

algorithms.register(
  'restarts',
  fromConfig('restarts', (space, fields) => {
    const inner = innerRecipe(fields.algorithm);
    if (inner.id === 'restarts') throw new UsageError("algorithm 'restarts': algorithm must be another algorithm, not 'restarts'");
    const build = algorithms.get(inner.id);
    const start = (innerSnapshot?: Json) => build(space, innerSnapshot === undefined ? inner.config : { ...inner.config, snapshot: innerSnapshot });
    const { patienceTrials, objective, snapshot } = fields as Partial<RestartOptions>;
    return withRestarts(start, { patienceTrials: patienceTrials as number, ...(objective === undefined ? {} : { objective }), ...(snapshot === undefined ? {} : { snapshot }) });
  }),
  'starts the inner algorithm afresh after patienceTrials trials without a better fitness',
  example(GRAPH_EXAMPLE, { algorithm: { id: 'regularized-evolution', config: { populationSize: 4, tournamentSize: 2 } }, patienceTrials: 6 }),
);

/** The inner algorithm of `restarts`: `{ id, config }`, config an object (null for none). */
function innerRecipe(value: unknown): { id: string; config: { readonly [key: string]: Json } } {
  const recipe = value as { id?: unknown; config?: unknown } | undefined;
  const config = recipe?.config ?? null;
  if (typeof recipe !== 'object' || recipe === null || typeof recipe.id !== 'string' || typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError(`algorithm 'restarts': algorithm must be { id, config } naming a registered algorithm, got ${show(value)}`);
  }
  const extra = Object.keys(recipe).find((key) => key !== 'id' && key !== 'config');
  if (extra !== undefined) throw new UsageError(`algorithm 'restarts': unknown key 'algorithm.${extra}'; known: id, config`);
  return { id: recipe.id, config: (config ?? {}) as { readonly [key: string]: Json } };
}

algorithms.register(
  'reinforce',
  fromConfig('reinforce', (space, fields) => reinforce({ ...(fields as Partial<ReinforceOptions>), space: space as ReinforceOptions['space'] })),
  'REINFORCE policy gradient over a DNA space (Williams 1992); learningRate 0.05, baselineDecay 0.9 by default',
  example(DNA_EXAMPLE, { learningRate: 0.5, baselineDecay: 0.8 }),
);
