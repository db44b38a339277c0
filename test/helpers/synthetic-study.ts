/**
 * A large study written straight into a store, no search run: trials shaped like a formula
 * search's (a graph genotype, error and complexity, fitted constants in info), with values
 * from a seeded generator so that every run writes the same store.
 */
import { Rng } from '../../src/core/rng.ts';
import type { Recipe, StudySpec, StudyStore } from '../../src/store/types.ts';

/** The study the generator writes: two objectives, error (min) and complexity (min). */
export function syntheticSpec(name: string, trials: number, space?: Recipe): StudySpec {
  return {
    name,
    task: { id: 'synthetic', config: null },
    space,
    algorithm: undefined,
    objectives: [{ name: 'error', goal: 'min' }, { name: 'complexity', goal: 'min' }],
    seed: 1,
    budgetTrials: trials,
    budgetSeconds: undefined,
  };
}

/** The values of trial `id` of a synthetic study: error falls slowly as the search goes on. */
export function syntheticValues(rng: Rng, id: number): [error: number, complexity: number] {
  const complexity = 1 + rng.int(30);
  const error = (rng.float() + 0.05) / (1 + Math.log1p(id) * complexity * 0.1);
  return [error, complexity];
}

/** Options of `writeSyntheticStudy`. */
export interface SyntheticOptions {
  /** One trial in this many fails (default 97). */
  readonly failEvery?: number;
  /** Return each done trial's values (default: an empty map). */
  readonly keepValues?: boolean;
  /** One trial in this many is a cache hit (default: none). */
  readonly cachedEvery?: number;
  /** Trials name this many workers in turn (default: none named). */
  readonly workers?: number;
  /** The study's space, stored with it (default: none; `GRAPH_SPACE` reads the genotypes written). */
  readonly space?: Recipe;
  /** Leave the study running instead of ending it at its budget. */
  readonly running?: boolean;
}

/** A graph space whose programs are the genotypes the generator writes. */
export const GRAPH_SPACE: Recipe = { id: 'graph', config: { inputs: 2, ops: ['add', 'mul', 'sin'], names: ['x', 'y'] } };

/** Writes a finished study of `trials` trials, one in `failEvery` failed, and returns each done trial's values by id. */
export function writeSyntheticStudy(store: StudyStore, name: string, trials: number, options: SyntheticOptions = {}): Map<number, [number, number]> {
  store.createStudy(syntheticSpec(name, trials, options.space));
  const log = store.log(name);
  const rng = new Rng(7);
  const values = new Map<number, [number, number]>();
  const failEvery = options.failEvery ?? 97;
  for (let id = 0; id < trials; id++) {
    const [error, complexity] = syntheticValues(rng, id);
    const c = rng.float() * 4 - 2;
    log.proposed({
      id,
      genotype: { inputs: 2, vertices: [{ const: c }, { op: 'mul', args: [0, 2] }, { op: 'sin', args: [3] }, { op: 'add', args: [4, 1] }], outputs: [5] },
      key: id.toString(16).padStart(16, '0'),
      hash: (id * 2654435761 >>> 0).toString(16).padStart(16, '0'),
      seq: 2 * id,
      proposedMs: id * 0.05,
    });
    const failed = id % failEvery === failEvery - 1;
    log.finished({
      id,
      status: failed ? 'failed' : 'done',
      values: failed ? [NaN, NaN] : [error, complexity],
      error: failed ? 'non-finite objective' : undefined,
      cached: options.cachedEvery !== undefined && id % options.cachedEvery === 0,
      info:
        failed && options.workers === undefined
          ? undefined
          : { ...(failed ? {} : { trainError: error * 0.9, constants: [c * 3.7], offset: 0.5 * c, slope: 1 - c }), ...(options.workers === undefined ? {} : { worker: `w${id % options.workers}` }) },
      seq: 2 * id + 1,
      finishedMs: id * 0.05 + 0.04,
    });
    if (!failed && options.keepValues === true) values.set(id, [error, complexity]);
  }
  if (options.running === true) store.flush();
  else void log.ended({ stopReason: 'budget', elapsedMs: trials * 0.05 });
  return values;
}
