/**
 * The registries, with every built-in task, space and algorithm in them: look one up by name
 * and build it from its JSON config, as `amoeba resume` and the workers do. A module of your
 * own registers its parts here too (`tasks.register('my-task', factory)`).
 */
import './tasks/built-in.ts';

export { algorithms, spaces, tasks } from './core/registries.ts';
export type { AlgorithmExample, AlgorithmFactory, SpaceFactory, TaskFactory } from './core/registries.ts';
export type { Registry } from './core/registry.ts';
export { BUILT_IN_TASKS_URL } from './tasks/built-in.ts';
export { graphOps } from './spaces/graph/register.ts';
export type { ConstantInitConfig, GraphSpaceConfig } from './spaces/graph/register.ts';
export { dnaTemplateRecipe } from './spaces/symbolic/register.ts';
export { OPERATOR_NAMES, operatorFromConfig } from './spaces/symbolic/evolution/operator-config.ts';
