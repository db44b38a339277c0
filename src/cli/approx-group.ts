import type { Json } from '../core/types.ts';
import type { StoredGroup, StudySpec, StudyStore } from '../store/index.ts';
import { exportFunction, type ExportLanguage } from '../tasks/function-approx/export.ts';
import { exportReduced, reducesArgument } from '../tasks/function-approx/reduced-export.ts';
import { approxJson, comparisonTable } from '../tasks/function-approx/report.ts';
import type { ApproxSearchResult } from '../tasks/function-approx/search.ts';
import { approxSetup, settingsFromJson, settingsJson, type ApproxSettings, type ApproxSetup } from '../tasks/function-approx/setup.ts';
import { storedApproxResult } from '../tasks/function-approx/stored-result.ts';
import { APPROX_OBJECTIVES } from '../tasks/function-approx/task.ts';
import { groupMemberName, registerGroupOutput } from './study-group.ts';
import type { StudyOutput } from './study-result.ts';

/** What an `approx` group keeps to print its result: the settings, the seeds and the export. */
export interface ApproxGroupConfig {
  readonly settings: ApproxSettings<string>;
  /** The first restart's seed; restart i has seed + i. */
  readonly seed: number;
  readonly restarts: number;
  /** The language front programs are printed in after the table, when they went to standard output. */
  readonly export?: ExportLanguage;
}

/** The budget each restart runs to. */
export interface ApproxBudget {
  readonly budgetTrials: number | undefined;
  readonly budgetSeconds: number | undefined;
}

/**
 * Adds an `approx` group and every one of its restarts as a member study (`<group>/seed-<s>`),
 * all up front, so that `amoeba resume <group>` can run those never reached. Returns the
 * member names in the order they run.
 */
export function createApproxGroup(store: StudyStore, name: string, setup: ApproxSetup, config: Omit<ApproxGroupConfig, 'settings'> & { readonly settings: ApproxSettings }, budget: ApproxBudget): string[] {
  const stored: ApproxGroupConfig = { ...config, settings: settingsJson(config.settings) };
  store.createGroup({ name, command: 'approx', config: stored as unknown as Json });
  const members: string[] = [];
  for (let i = 0; i < config.restarts; i++) {
    const seed = config.seed + i;
    const spec: StudySpec = {
      name: groupMemberName(name, `seed-${seed}`),
      task: setup.recipes.task!,
      space: setup.recipes.space,
      algorithm: setup.recipes.algorithm,
      objectives: APPROX_OBJECTIVES,
      seed,
      ...budget,
    };
    store.createStudy(spec);
    members.push(spec.name);
  }
  return members;
}

/**
 * What `amoeba approx` prints (the run's line, the table beside the baselines, the exported
 * programs when they went to standard output) and writes with `--json`, for a group from the
 * store: the same for the run that made it and for `amoeba resume`. `setup` saves rebuilding
 * the baselines when the caller has them.
 */
export function approxGroupOutput(store: StudyStore, group: StoredGroup, setup?: ApproxSetup): StudyOutput & { readonly result: ApproxSearchResult } {
  const config = group.config as unknown as ApproxGroupConfig;
  const built = setup ?? approxSetup(settingsFromJson(config.settings));
  const result = storedApproxResult(store, group.members, built, config.seed);
  const seeds = config.restarts === 1 ? `seed ${config.seed}` : `seeds ${config.seed}-${config.seed + config.restarts - 1} (${config.restarts} restarts)`;
  const lines = [`approx ${built.target.name} on [${built.interval.join(', ')}], mode ${built.mode}, ${seeds}`, comparisonTable(result, 1, built.maxOps)];
  if (config.export !== undefined) lines.push(exportedFront(result, built.target.name, config.export));
  const json = { ...approxJson(built.target.name, result), ...(config.restarts === 1 ? {} : { restarts: config.restarts }) };
  return { text: `${lines.join('\n')}\n`, json: json as unknown as Json, result };
}

/** Each front program as a function in `language`, fewest ops first; float32 exp2 with its argument reduction (`reduced-export.ts`). */
export function exportedFront(result: ApproxSearchResult, targetName: string, language: ExportLanguage): string {
  return result.front
    .map((p) => {
      const name = `${targetName}_${p.ops}ops`;
      const code = reducesArgument(targetName, result.interval, result.mode) ? exportReduced(p.program, name, language, result.ops) : exportFunction(p.program, name, language, { ops: result.ops, float32: result.mode === 'float32' });
      return `// ${p.ops} ops, max error ${p.maxError}\n${code}`;
    })
    .join('\n\n');
}

registerGroupOutput('approx', (store, group) => approxGroupOutput(store, group));
