/** Patches: rule-based rewrites of symbolic values, a patcher registry and patch strings. */
export { applyPatches, patch } from './patch.ts';
export type { ApplyPatchesOptions, Patch } from './patch.ts';
export { applyRule, byKey, byPath, byType, byValue } from './rules.ts';
export type { PatchRule, PathRule, Replacement, ValueKind } from './rules.ts';
export { rewrite } from './rewrite.ts';
export type { RewriteFn } from './rewrite.ts';
export { listPatchers, parsePatchString, registerPatcher } from './patchers.ts';
export type { PatchCall, Patcher, PatcherResult, Validator } from './patchers.ts';
