import { UsageError } from '../../../core/errors.ts';
import { Symbolic } from '../object/symbolic.ts';
import { parsePatchString } from './patchers.ts';
import type { PatcherResult, Validator } from './patchers.ts';
import { rewrite } from './rewrite.ts';
import { applyRule } from './rules.ts';
import type { PatchRule } from './rules.ts';

/** One patch: a patch string (`name?arg&key=value`) naming a registered patcher, or a rule. */
export type Patch = string | PatchRule;

/** Options of `applyPatches`. */
export interface ApplyPatchesOptions {
  /** Checks run on the final value, after the patchers' own validators. */
  readonly validators?: readonly Validator[];
}

/** Applies rules in order and returns the patched copy; the input is never changed. Nothing is checked. */
export function patch<T>(value: T, ...rules: readonly PatchRule[]): T {
  let out: unknown = value;
  for (const rule of rules) out = applyRule(out, rule);
  return out as T;
}

/**
 * Applies patches in order (strings go through the patcher registry), then checks every
 * symbolic instance in the result against its schema and class validator, then runs the
 * validators the patchers returned and `options.validators`. The first failure is a
 * UsageError naming it; the input is never changed.
 */
export function applyPatches<T>(value: T, patches: readonly Patch[], options: ApplyPatchesOptions = {}): T {
  if (!Array.isArray(patches)) throw new UsageError('applyPatches: patches must be an array');
  const validators: Validator[] = [];
  let out: unknown = value;
  for (const p of patches) {
    if (typeof p === 'string') {
      const { patcher, args } = parsePatchString(p);
      const result = patcher.fn(out, args);
      for (const rule of rulesOf(result)) out = applyRule(out, rule);
      validators.push(...validatorsOf(result));
    } else {
      out = applyRule(out, p);
    }
  }
  checkInstances(out);
  for (const validate of [...validators, ...(options.validators ?? [])]) {
    let verdict: string | undefined | void;
    try {
      verdict = validate(out);
    } catch (error) {
      verdict = error instanceof Error ? error.message : String(error);
    }
    if (typeof verdict === 'string') throw new UsageError(`the patched value is invalid: ${verdict}`);
  }
  return out as T;
}

function rulesOf(result: PatcherResult): readonly PatchRule[] {
  if (Array.isArray(result)) return result as readonly PatchRule[];
  if (typeof result === 'object' && result !== null && Array.isArray((result as { rules?: unknown }).rules)) return (result as { rules: readonly PatchRule[] }).rules;
  return [result as PatchRule];
}

function validatorsOf(result: PatcherResult): readonly Validator[] {
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && Array.isArray((result as { rules?: unknown }).rules)) {
    return (result as { validators?: readonly Validator[] }).validators ?? [];
  }
  return [];
}

/** Checks every symbolic instance in a value (patches build them unchecked). */
function checkInstances(value: unknown): void {
  rewrite(value, (keyPath, node) => {
    if (node instanceof Symbolic) {
      try {
        node.check();
      } catch (error) {
        if (error instanceof UsageError) throw new UsageError(`after patching, at ${keyPath === '' ? '<root>' : `'${keyPath}'`}: ${error.message}`);
        throw error;
      }
    }
    return node;
  });
}
