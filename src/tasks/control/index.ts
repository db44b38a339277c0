/** AutoRobotics-Zero on (Cataclysmic) Cart-pole: the environments, register-machine policies, the task and the baselines. */
export { CARTPOLE_V1, CARTPOLE_V1_MAX_STEPS, THETA_THRESHOLD_RADIANS, X_THRESHOLD, cartPoleFallen, cartPoleStep, resetCartPole } from './cartpole.ts';
export type { CartPoleParams, CartPoleState } from './cartpole.ts';
export { CATACLYSM_KINDS, FAMILIES, HELD_OUT_FAMILIES, STATIONARY, TRAINING_FAMILY, applyCataclysm, familyNamed, healthySensors, sampleCataclysms } from './cataclysms.ts';
export type { Cataclysm, CataclysmFamily, CataclysmKind, EventRule, SensorFaults } from './cataclysms.ts';
export { PolicyFailure, episodeSpecs, runEpisode, scorePolicy } from './episode.ts';
export type { ActionMode, EpisodeOptions, EpisodeResult, EpisodeSpec, Policy, Score, StepObserver } from './episode.ts';
export { ACTION_REGISTER, POLICY_COMPONENTS, POLICY_FIRST_WRITABLE, POLICY_MEMORY, START_OPS, STEP_OPS, formatPolicy, registerPolicy } from './register-policy.ts';
export type { RegisterPolicy } from './register-policy.ts';
export { CONTROL_ENVS, controlTask, controlTaskOptions } from './policy-task.ts';
export type { ControlEnv, ControlTask, ControlTaskConfig } from './policy-task.ts';
export { policySpaceOptions, registerSpaceFromConfig } from './policy-space.ts';
export type { PolicySpaceSettings } from './policy-space.ts';
export { POLICY_SPACE_ID, controlTaskFromConfig } from './register.ts';
export { TEST_SEED, familyScores, policyRecipes, searchPolicies } from './search.ts';
export type { FamilyScore, PolicySearchOptions } from './search.ts';
