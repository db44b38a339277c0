import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { guideRecipe, type GuideSettings } from '../algorithms/guided-register.ts';
import type { EncodingRecipe } from '../learn/guide/encodings.ts';
import type { Recipe } from '../store/types.ts';

/** What `--guide` leaves in a command's flags: absent, true, or the settings' JSON text. */
export type GuideFlag = boolean | string | undefined;

/**
 * Adds `--guide [settings]` to a search command: guided evolution around the command's own
 * algorithm, with default settings or a JSON object of them (`'{"maxTries":4}'`). A command
 * turns the flag into its algorithm recipe with `guidedAlgorithm`.
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

/** The command's algorithm recipe, guided when the flag asks (the settings are checked when the study builds it). */
export function guidedAlgorithm(algorithm: Recipe, encoding: EncodingRecipe, flag: GuideFlag): Recipe {
  const settings = guideSettings(flag);
  return settings === undefined ? algorithm : guideRecipe(algorithm, encoding, settings);
}
