import { Registry } from '../core/registry.ts';
import type { Json } from '../core/types.ts';

/**
 * Prints a stored genotype for people, given its space's config and the study's task (a
 * printer may use the task to show the program as evaluated, fitted constants included).
 */
export type ProgramPrinter = (genotype: Json, spaceConfig: Json, task: { readonly id: string; readonly config: Json } | undefined) => string;

type Recipe = { readonly id: string; readonly config: Json };

/** Printers by space id; reports fall back to compact JSON for spaces without one. */
export const programPrinters = new Registry<ProgramPrinter>('program printer');

/** A stored genotype as text: the space's printer when one is registered, else compact JSON. */
export function printProgram(genotype: Json, space: Recipe | undefined, task?: Recipe): string {
  if (space !== undefined && programPrinters.has(space.id)) {
    try {
      return programPrinters.get(space.id)(genotype, space.config, task);
    } catch {
      // A genotype the printer cannot read is still worth showing as it was stored.
    }
  }
  return JSON.stringify(genotype);
}
