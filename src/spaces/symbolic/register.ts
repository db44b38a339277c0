/**
 * The symbolic spaces' recipes: the `dna-template` space (a hyper-value space as symbolic
 * JSON, compiled by `template`) and the DNA searches built from the operator algebra
 * (`dna-regularized-evolution`, `dna-hill-climbing`, `dna-nsga2`, `dna-evolution`), so a DNA
 * study can be stored, resumed and evaluated by workers. Operators travel as JSON
 * (`evolution/operator-config.ts`).
 */
import { readConfig, type ConfigFields } from '../../algorithms/config.ts';
import { UsageError } from '../../core/errors.ts';
import { show } from '../../core/options.ts';
import { algorithms, spaces } from '../../core/registries.ts';
import type { Algorithm, Json, Space } from '../../core/types.ts';
import { Template, template } from './dna/template.ts';
import { evolution } from './evolution/evolution.ts';
import { operatorFromConfig } from './evolution/operator-config.ts';
import { dnaHillClimbing, dnaNsga2, dnaRegularizedEvolution } from './evolution/recipes.ts';
import { floatValue } from './hyper/float-value.ts';
import { intValue } from './hyper/int-value.ts';
import { manyOf } from './hyper/many-of.ts';
import { oneOf } from './hyper/one-of.ts';
import { permutate } from './hyper/permutate.ts';
import { fromSymbolicJSON, toSymbolicJSON } from './hyper/symbolic-json.ts';

type Fields = ConfigFields;

/**
 * Builds a template from `{ space }`, the search space as `toSymbolicJSON` writes it (hyper
 * values tagged `hyper.oneOf`, …; symbolic classes by their registered type names).
 */
export function dnaTemplateFromConfig(config: Json): Template<unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`space 'dna-template': config must be an object { space }, got ${show(config)}`);
  const unknown = Object.keys(config).find((key) => key !== 'space');
  if (unknown !== undefined) throw new UsageError(`space 'dna-template': unknown config key '${unknown}'; known: space`);
  const fields = config;
  if (fields.space === undefined) throw new UsageError("space 'dna-template': config.space is required: the search space as toSymbolicJSON writes it");
  try {
    return template(fromSymbolicJSON(fields.space, 'space'));
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`space 'dna-template': ${error.message}`);
    throw error;
  }
}

/** The recipe of a template: `{ id: 'dna-template', config }` for a study spec. */
export function dnaTemplateRecipe(space: unknown): { readonly id: 'dna-template'; readonly config: Json } {
  return { id: 'dna-template', config: { space: toSymbolicJSON(space) } };
}

/** A space of every kind of decision, for the recipe contract test. */
const EXAMPLE_SPACE = dnaTemplateRecipe({
  width: oneOf([16, 32, 64]),
  activation: oneOf(['relu', { gelu: { approximate: oneOf([true, false]) } }]),
  layers: intValue(1, 4),
  learningRate: floatValue(1e-4, 1e-1, { scale: 'log' }),
  blocks: manyOf(2, ['conv', 'pool', 'skip', 'norm'], { distinct: true }),
  order: permutate(['a', 'b', 'c']),
});

function templateOf(owner: string, space: Space<unknown>): Template<unknown> {
  if (!(space instanceof Template)) throw new UsageError(`algorithm '${owner}': searches a DNA template space ('dna-template'), not this space`);
  return space;
}

/** The operators a config names, built; absent ones stay absent. */
function operators(owner: string, fields: Fields, keys: readonly string[]): { [key: string]: ReturnType<typeof operatorFromConfig> } {
  const out: { [key: string]: ReturnType<typeof operatorFromConfig> } = {};
  for (const key of keys) {
    if (fields[key] === undefined) continue;
    try {
      out[key] = operatorFromConfig(fields[key] as Json, key);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`algorithm '${owner}': ${error.message}`);
      throw error;
    }
  }
  return out;
}

function numbers(fields: Fields, keys: readonly string[]): { [key: string]: number } {
  const out: { [key: string]: number } = {};
  for (const key of keys) if (fields[key] !== undefined) out[key] = fields[key] as number;
  return out;
}

const snapshot = (fields: Fields) => (fields.snapshot === undefined ? {} : { snapshot: fields.snapshot as Json });

/** The config keys of each registered DNA search. */
export const DNA_ALGORITHM_CONFIG_KEYS = {
  'dna-regularized-evolution': ['populationSize', 'tournamentSize', 'mutator', 'snapshot'],
  'dna-hill-climbing': ['mutator', 'snapshot'],
  'dna-nsga2': ['populationSize', 'recombinator', 'mutator', 'snapshot'],
  'dna-evolution': ['init', 'reproduce', 'update', 'snapshot'],
} as const;

/** Registers a DNA search whose factory reads its checked config fields. */
function register(name: keyof typeof DNA_ALGORITHM_CONFIG_KEYS, build: (space: Template<unknown>, fields: Fields) => Algorithm<unknown>, description: string, config: Json): void {
  if (algorithms.has(name)) return;
  const known = DNA_ALGORITHM_CONFIG_KEYS[name];
  algorithms.register(name, (space, json) => build(templateOf(name, space), readConfig(name, json, known)), description, { space: EXAMPLE_SPACE, config });
}

if (!spaces.has('dna-template')) spaces.register('dna-template', dnaTemplateFromConfig, 'PyGlove-style hyper-value spaces as DNA', EXAMPLE_SPACE.config);

register(
  'dna-regularized-evolution',
  (space, f) => dnaRegularizedEvolution(space, { ...numbers(f, ['populationSize', 'tournamentSize']), ...operators('dna-regularized-evolution', f, ['mutator']), ...snapshot(f) }),
  'regularized evolution over a template, with an operator of the algebra as the mutation',
  { populationSize: 6, tournamentSize: 3, mutator: { op: 'mutateUniform', decisions: 2 } },
);
register(
  'dna-hill-climbing',
  (space, f) => dnaHillClimbing(space, { ...operators('dna-hill-climbing', f, ['mutator']), ...snapshot(f) }),
  'hill climbing over a template, with an operator of the algebra as the mutation',
  { mutator: { op: 'mutateSwap', where: '^blocks|^order' } },
);
register(
  'dna-nsga2',
  (space, f) => dnaNsga2(space, { ...numbers(f, ['populationSize']), ...operators('dna-nsga2', f, ['recombinator', 'mutator']), ...snapshot(f) }),
  'steady-state NSGA-II over a template, with operators of the algebra as recombination and mutation',
  { populationSize: 6, recombinator: { op: 'recombineKPoint', k: 2 }, mutator: { op: 'mutateUniform' } },
);
register(
  'dna-evolution',
  (space, f) => {
    const ops = operators('dna-evolution', f, ['reproduce', 'update']);
    if (ops.reproduce === undefined || ops.update === undefined) throw new UsageError("algorithm 'dna-evolution': config needs reproduce and update operators");
    return evolution(space, { init: f.init as number, reproduce: ops.reproduce, update: ops.update, ...snapshot(f) });
  },
  'PyGlove-style evolution: init random proposals, then reproduce(population), trimmed by update',
  {
    init: 5,
    reproduce: { op: 'pipe', operators: [{ op: 'repeat', times: 2, operator: { op: 'selectTournament', size: 3 } }, { op: 'recombineUniform' }, { op: 'mutateUniform' }] },
    update: { op: 'selectLast', n: 8 },
  },
);
