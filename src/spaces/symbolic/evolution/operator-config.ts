import { UsageError } from '../../../core/errors.ts';
import { show } from '../../../core/options.ts';
import type { Json } from '../../../core/types.ts';
import { mutateSwap, mutateUniform } from './mutators.ts';
import { pipe, repeat, type Operator } from './operator.ts';
import { recombineOrder, recombinePmx } from './permutation-crossover.ts';
import { recombineKPoint, recombineSegmented, recombineUniform } from './recombinators.ts';
import { selectBottom, selectFirst, selectLast, selectPareto, selectRandom, selectTop, selectTournament } from './selectors.ts';

/**
 * Operators of the algebra as JSON, so that an algorithm built from them can be stored and
 * rebuilt: `{ "op": "selectTournament", "size": 10 }`, `{ "op": "pipe", "operators": [...] }`.
 * Each operator's keys are its factory's arguments and options by name; `where` is a RegExp
 * source matched against decision paths (a predicate has no JSON form). The factories check
 * the values.
 */

type Fields = { readonly [key: string]: unknown };

interface OperatorEntry {
  readonly keys: readonly string[];
  readonly build: (fields: Fields, path: string) => Operator;
}

/** The options among `keys` that the config sets, with `where` turned into a RegExp. */
function options(fields: Fields, keys: readonly string[], path: string): { [key: string]: unknown } {
  const out: { [key: string]: unknown } = {};
  for (const key of keys) {
    const value = fields[key];
    if (value === undefined) continue;
    out[key] = key === 'where' ? pattern(value, `${path}.where`) : value;
  }
  return out;
}

function pattern(value: unknown, path: string): RegExp {
  if (typeof value !== 'string') throw new UsageError(`operator config ${path}: must be a RegExp source string, got ${show(value)}`);
  try {
    return new RegExp(value);
  } catch (error) {
    throw new UsageError(`operator config ${path}: not a valid RegExp: ${(error as Error).message}`);
  }
}

const count = (fields: Fields, key: string) => fields[key] as number;

const OPERATORS: { readonly [op: string]: OperatorEntry } = {
  pipe: {
    keys: ['operators'],
    build: (f, path) => {
      if (!Array.isArray(f.operators)) throw new UsageError(`operator config ${path}.operators: must be an array of operators, got ${show(f.operators)}`);
      return pipe(...f.operators.map((item: unknown, i) => operatorFromConfig(item as Json, `${path}.operators[${i}]`)));
    },
  },
  repeat: { keys: ['times', 'operator'], build: (f, path) => repeat(count(f, 'times'), operatorFromConfig(f.operator as Json, `${path}.operator`)) },
  selectRandom: { keys: ['n', 'replacement'], build: (f, path) => selectRandom(count(f, 'n'), options(f, ['replacement'], path)) },
  selectTop: { keys: ['n', 'objective', 'ties'], build: (f, path) => selectTop(count(f, 'n'), options(f, ['objective', 'ties'], path)) },
  selectBottom: { keys: ['n', 'objective', 'ties'], build: (f, path) => selectBottom(count(f, 'n'), options(f, ['objective', 'ties'], path)) },
  selectFirst: { keys: ['n'], build: (f) => selectFirst(count(f, 'n')) },
  selectLast: { keys: ['n'], build: (f) => selectLast(count(f, 'n')) },
  selectTournament: {
    keys: ['size', 'objective', 'ties', 'replacement'],
    build: (f, path) => selectTournament(count(f, 'size'), options(f, ['objective', 'ties', 'replacement'], path)),
  },
  selectPareto: { keys: ['n'], build: (f) => selectPareto(count(f, 'n')) },
  mutateUniform: { keys: ['where', 'decisions'], build: (f, path) => mutateUniform(options(f, ['where', 'decisions'], path)) },
  mutateSwap: { keys: ['where'], build: (f, path) => mutateSwap(options(f, ['where'], path)) },
  recombineUniform: { keys: ['children'], build: (f, path) => recombineUniform(options(f, ['children'], path)) },
  recombineKPoint: { keys: ['k', 'children'], build: (f, path) => recombineKPoint(options(f, ['k', 'children'], path)) },
  recombineSegmented: {
    keys: ['cuts', 'children'],
    build: (f, path) => recombineSegmented(options(f, ['cuts', 'children'], path) as unknown as Parameters<typeof recombineSegmented>[0]),
  },
  recombinePmx: { keys: ['where', 'children'], build: (f, path) => recombinePmx(options(f, ['where', 'children'], path)) },
  recombineOrder: { keys: ['where', 'children'], build: (f, path) => recombineOrder(options(f, ['where', 'children'], path)) },
};

/** The operator names a config may use. */
export const OPERATOR_NAMES: readonly string[] = Object.keys(OPERATORS);

/**
 * Builds the operator a JSON config describes; an unknown `op` or key is a UsageError naming
 * where in the config it is (`path`, e.g. `mutator` or `reproduce.operators[1]`).
 */
export function operatorFromConfig(config: Json, path = 'operator'): Operator {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UsageError(`operator config ${path}: must be an object such as { "op": "mutateUniform" }, got ${show(config)}`);
  }
  const op = config['op'];
  const entry = typeof op === 'string' && Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
  if (entry === undefined) throw new UsageError(`operator config ${path}: unknown op ${show(op)}; known: ${OPERATOR_NAMES.join(', ')}`);
  for (const key of Object.keys(config)) {
    if (key !== 'op' && !entry.keys.includes(key)) throw new UsageError(`operator config ${path}: unknown key '${key}' for ${String(op)}; known: ${entry.keys.join(', ')}`);
  }
  try {
    return entry.build(config, path);
  } catch (error) {
    if (error instanceof UsageError && !error.message.startsWith('operator config')) throw new UsageError(`operator config ${path}: ${error.message}`);
    throw error;
  }
}
