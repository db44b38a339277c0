import { UsageError } from '../../core/errors.ts';
import { show } from '../../core/options.ts';
import { adam, adamw } from './adam.ts';
import { lion } from './lion.ts';
import type { UpdateRule } from './rule.ts';
import { sgd } from './sgd.ts';

/** The update rules that ship, by name, each built from its options. */
const RULES: Record<string, (options: Record<string, unknown>) => UpdateRule> = {
  sgd: (o) => sgd(o),
  adam: (o) => adam(o),
  adamw: (o) => adamw(o),
  lion: (o) => lion(o),
};

/** Names of the update rules that `updateRuleFromConfig` builds. */
export const UPDATE_RULE_NAMES: readonly string[] = Object.keys(RULES);

/** The config that rebuilds `rule`: its name and its options, defaults filled in. */
export function updateRuleConfig(rule: UpdateRule): Record<string, string | number | boolean> {
  return { name: rule.name, ...rule.config };
}

/**
 * Rebuilds a shipped rule from `{ name, ...options }` (a stored study, a person's JSON);
 * an unknown name or option is an error, so that a typo never falls back to a default.
 */
export function updateRuleFromConfig(config: unknown): UpdateRule {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`updateRuleFromConfig: needs an object { name, ...options }, got ${show(config)}`);
  const { name, ...options } = config as Record<string, unknown>;
  const make = typeof name === 'string' ? RULES[name] : undefined;
  if (make === undefined) throw new UsageError(`updateRuleFromConfig: unknown rule ${show(name)}; known: ${UPDATE_RULE_NAMES.join(', ')}`);
  const rule = make(options);
  for (const key of Object.keys(options)) {
    if (!(key in rule.config)) throw new UsageError(`updateRuleFromConfig: ${name} has no option '${key}'; its options: ${Object.keys(rule.config).join(', ')}`);
  }
  return rule;
}
