import { algorithms } from '../core/registries.ts';
import type { Algorithm, Json, Space } from '../core/types.ts';
import { initialFromConfig, presentFields, readConfig, spaceFromConfig } from './config.ts';
import { hillClimbing } from './hill-climbing.ts';
import type { HillClimbingOptions } from './hill-climbing.ts';
import { nsga2 } from './nsga2.ts';
import type { Nsga2Options } from './nsga2.ts';
import { randomSearch } from './random-search.ts';
import type { RandomSearchOptions } from './random-search.ts';
import { regularizedEvolution } from './regularized-evolution.ts';
import type { RegularizedEvolutionOptions } from './regularized-evolution.ts';
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
};

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
);

algorithms.register(
  'nsga2',
  fromConfig('nsga2', (space, fields) =>
    nsga2({ populationSize: DEFAULT_POPULATION_SIZE, ...(fields as Partial<Nsga2Options<unknown>>), space }),
  ),
  `NSGA-II multi-objective search (Deb et al. 2002); populationSize ${DEFAULT_POPULATION_SIZE} by default`,
);

algorithms.register(
  'hill-climbing',
  fromConfig('hill-climbing', (space, fields) => hillClimbing({ ...(fields as Partial<HillClimbingOptions<unknown>>), space })),
  'mutates the best trial so far, moving on ties',
);
