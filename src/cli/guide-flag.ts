import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import type { GuideSettings } from '../algorithms/guided-register.ts';

/** What `--guide` leaves in a command's flags: absent, true, or the settings' JSON text. */
export type GuideFlag = boolean | string | undefined;

/**
 * Adds `--guide [settings]` to a search command: guided evolution around the command's own
 * algorithm, with default settings or a JSON object of them (`'{"maxTries":4}'`). A command
 * passes `guideSettings(flags.guide)` down to its search, whose recipes wrap the algorithm
 * with `guidedIfAsked` (`algorithms/guided-register.ts`).
 */
export function addGuideFlag(command: Command): Command {
  return command.option('--guide [settings]', "guided evolution: a learned discriminator accepts or retries each mutation before it is evaluated; optional JSON settings, e.g. '{\"maxTries\":4,\"retrainEveryTrials\":50}'");
}

/** The settings a `--guide` flag gives, or undefined when it is absent. */
export function guideSettings(flag: GuideFlag): GuideSettings | undefined {
  if (flag === undefined || flag === false) return undefined;
  if (flag === true) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(flag);
  } catch {
    throw new UsageError(`--guide: settings must be a JSON object, e.g. '{"maxTries":4}', got ${flag}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--guide: settings must be a JSON object, got ${flag}`);
  return parsed as GuideSettings;
}
