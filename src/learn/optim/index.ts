/** Optimizers as update rules over (w, g, slots), gradient clipping, schedules and the `optimizer` helper. */
export type { UpdateRule } from './rule.ts';
export type { SgdOptions } from './sgd.ts';
export { sgd } from './sgd.ts';
export type { AdamOptions, AdamWOptions } from './adam.ts';
export { adam, adamw } from './adam.ts';
export type { LionOptions } from './lion.ts';
export { lion } from './lion.ts';
export { clipByGlobalNorm, clipByValue, globalNorm } from './clip.ts';
export type { Schedule, WarmupCosineOptions } from './schedule.ts';
export { constantSchedule, warmupCosineSchedule } from './schedule.ts';
export type { Optimizer, OptimizerOptions, OptimizerState } from './optimizer.ts';
export { optimizer } from './optimizer.ts';
export { UPDATE_RULE_NAMES, updateRuleConfig, updateRuleFromConfig } from './config.ts';
