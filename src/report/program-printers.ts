import { Registry } from '../core/registry.ts';
import type { Json } from '../core/types.ts';

/** Prints a stored genotype for people, given its space's config. */
export type ProgramPrinter = (genotype: Json, spaceConfig: Json) => string;

/** Printers by space id; reports fall back to compact JSON for spaces without one. */
export const programPrinters = new Registry<ProgramPrinter>('program printer');

/** A stored genotype as text: the space's printer when one is registered, else compact JSON. */
export function printProgram(genotype: Json, space: { readonly id: string; readonly config: Json } | undefined): string {
  if (space !== undefined && programPrinters.has(space.id)) {
    try {
      return programPrinters.get(space.id)(genotype, space.config);
    } catch {
      // A genotype the printer cannot read is still worth showing as it was stored.
    }
  }
  return JSON.stringify(genotype);
}
