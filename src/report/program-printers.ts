import { Registry } from '../core/registry.ts';
import type { Json } from '../core/types.ts';

/**
 * Prints a stored genotype for people, given its space's config and the study's task (a
 * printer may use the task to show the program as evaluated, fitted constants included).
 */
export type ProgramPrinter = (genotype: Json, spaceConfig: Json, task: { readonly id: string; readonly config: Json } | undefined) => string;

type Recipe = { readonly id: string; readonly config: Json };

/**
 * Printers by space id, or by `space:task` for a task whose programs read differently from the
 * space's other uses (control policies in the register space); reports fall back to compact
 * JSON for spaces without one.
 */
export const programPrinters = new Registry<ProgramPrinter>('program printer');

/** A stored genotype as text: the (space, task) printer, else the space's, else compact JSON. */
export function printProgram(genotype: Json, space: Recipe | undefined, task?: Recipe): string {
  const pair = space !== undefined && task !== undefined ? `${space.id}:${task.id}` : undefined;
  const id = pair !== undefined && programPrinters.has(pair) ? pair : space?.id;
  if (space !== undefined && id !== undefined && programPrinters.has(id)) {
    try {
      return programPrinters.get(id)(genotype, space.config, task);
    } catch {
      // A genotype the printer cannot read is still worth showing as it was stored.
    }
  }
  return JSON.stringify(genotype);
}
