import { guidedIfAsked, type GuideSettings } from '../../algorithms/guided-register.ts';
import { UsageError } from '../../core/errors.ts';
import type { Json } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import type { Recipe } from '../../store/types.ts';
import { classicBaselines, type Baseline } from './baselines.ts';
import { checkMode, type ApproxMode } from './measure.ts';
import type { ApproxSpaceConfig, FunctionApproxConfig, LamarckianConfig } from './register.ts';
import { approxSpace, DEFAULT_APPROX_MAX_VERTICES } from './space.ts';
import { builtInTarget, checkInterval, TARGET_NAMES, type Interval, type Target } from './targets.ts';
import { functionApproxTask, type FunctionApproxTask } from './task.ts';

/** What an AutoNumerics-Zero search approximates and how, apart from its seed and budget. */
export interface ApproxSettings<T = Target> {
  /** The target function; as its name in the JSON form (`ApproxSettings<string>`). */
  readonly target: T;
  readonly interval?: Interval;
  readonly mode?: ApproxMode;
  /** Allow the fma op (default: in float32 mode). */
  readonly fma?: boolean;
  /** Allow the sqrt op (default false). */
  readonly sqrt?: boolean;
  /** Most vertices (ops and constants) per program (default 24). */
  readonly maxVertices?: number;
  readonly populationSize?: number;
  /** Largest op count reported and searched for (default 16). */
  readonly maxOps?: number;
  /** Start the population from the classic baselines (default true). */
  readonly seedWithBaselines?: boolean;
  readonly trainPoints?: number;
  readonly validationPoints?: number;
  /** Guided evolution: a discriminator over the programs' graphs accepts or retries each mutation, judging by error (default: plain). */
  readonly guide?: GuideSettings;
}

/** A search's settings worked out: the task, the baselines and the registry recipes of its parts. */
export interface ApproxSetup {
  readonly target: Target;
  readonly interval: Interval;
  readonly mode: ApproxMode;
  readonly maxOps: number;
  /** The ops the programs use. */
  readonly ops: OpSet;
  readonly task: FunctionApproxTask;
  readonly baselines: readonly Baseline[];
  /** How a store, a worker or a resume rebuilds the parts; `task` is undefined for a custom target. */
  readonly recipes: { readonly task: Recipe | undefined; readonly space: Recipe; readonly algorithm: Recipe };
}

/** Mutation attempts per child before a shape-unchanged one is accepted. */
const RETRY_TRIES = 20;
const DEFAULT_POPULATION_SIZE = 64;

/**
 * Works out the ops (+ − × ÷, fma in float32 mode or when asked, sqrt when asked), builds
 * the task and the classic baselines on its validation grid, and writes the recipes: the
 * task, the shape-keyed space, and NSGA-II (no crossover, retrying unchanged mutations,
 * seeded with the baselines that fit the space) wrapped so children inherit fitted constants.
 */
export function approxSetup(settings: ApproxSettings): ApproxSetup {
  const { target } = settings;
  const interval = checkInterval(settings.interval ?? target.defaultInterval);
  const mode = checkMode(settings.mode ?? 'real');
  const maxOps = settings.maxOps ?? 16;
  if (!Number.isInteger(maxOps) || maxOps < 1) throw new UsageError(`maxOps must be a whole number >= 1, got ${maxOps}`);
  const names = ['add', 'sub', 'mul', 'div'];
  if (settings.fma ?? mode === 'float32') names.push('fma');
  if (settings.sqrt === true) names.push('sqrt');
  const taskConfig: FunctionApproxConfig = {
    target: target.name,
    interval: [...interval] as unknown as Interval,
    mode,
    ops: names,
    ...(settings.trainPoints === undefined ? {} : { trainPoints: settings.trainPoints }),
    ...(settings.validationPoints === undefined ? {} : { validationPoints: settings.validationPoints }),
  };
  const stored = isBuiltIn(target);
  const space = approxSpace({ ops: names, maxVertices: settings.maxVertices ?? DEFAULT_APPROX_MAX_VERTICES });
  const task = functionApproxTask({
    target,
    interval,
    mode,
    ops: space.ops,
    ...(settings.trainPoints === undefined ? {} : { trainPoints: settings.trainPoints }),
    ...(settings.validationPoints === undefined ? {} : { validationPoints: settings.validationPoints }),
    ...(stored ? { config: taskConfig as unknown as Json } : {}),
  });
  const baselines = classicBaselines({ target, interval, grid: task.validation, maxOps, fma: names.includes('fma') });
  const initial = settings.seedWithBaselines === false ? [] : seedPrograms(baselines, space.ops, space.maxVertices);
  const nsga2Config: Json = {
    populationSize: Math.max(settings.populationSize ?? DEFAULT_POPULATION_SIZE, initial.length),
    crossoverProbability: 0,
    retryUntilChanged: RETRY_TRIES,
    ...(initial.length === 0 ? {} : { initial: initial.map((g) => space.toJSON(g)) }),
  };
  const algorithmConfig: LamarckianConfig = { algorithm: { id: 'nsga2', config: nsga2Config } };
  const spaceConfig: ApproxSpaceConfig = { ops: names, maxVertices: space.maxVertices };
  const lamarckian = { id: 'lamarckian', config: algorithmConfig as unknown as Json };
  return {
    target,
    interval,
    mode,
    maxOps,
    ops: space.ops,
    task,
    baselines,
    recipes: {
      task: stored ? { id: 'function-approx', config: taskConfig as unknown as Json } : undefined,
      space: { id: 'function-approx-graph', config: spaceConfig as unknown as Json },
      algorithm: guidedIfAsked(lamarckian, { kind: 'graph' }, settings.guide),
    },
  };
}

/** The settings as JSON, the target by name: what a stored group keeps to rebuild them. */
export function settingsJson(settings: ApproxSettings): ApproxSettings<string> {
  if (!isBuiltIn(settings.target)) throw new UsageError(`target '${settings.target.name}' is a custom target: only built-in targets (${TARGET_NAMES.join(', ')}) can be stored`);
  return { ...settings, target: settings.target.name };
}

/** The settings a stored group kept, with the built-in target they name. */
export function settingsFromJson(json: ApproxSettings<string>): ApproxSettings {
  return { ...json, target: builtInTarget(json.target) };
}

function isBuiltIn(target: Target): boolean {
  return TARGET_NAMES.includes(target.name) && builtInTarget(target.name) === target;
}

/** The baselines that fit the space (ops and vertex limit), as starting programs. */
function seedPrograms(baselines: readonly Baseline[], ops: OpSet, maxVertices: number): Graph[] {
  const seen = new Set<string>();
  const seeds: Graph[] = [];
  for (const b of baselines) {
    if (b.program.vertices.length > maxVertices) continue;
    if (!b.program.vertices.every((v) => !('op' in v) || ops.find(v.op) !== undefined)) continue;
    const key = JSON.stringify(b.program);
    if (seen.has(key)) continue;
    seen.add(key);
    seeds.push(b.program);
  }
  return seeds;
}
