import type { RegisterProgram } from './instruction.ts';
import { opNamed } from './op-table.ts';

/** Options of `formatProgram`. */
export interface FormatOptions {
  /** Feature size, to print the entry an index fraction picks. Default 4. */
  readonly features?: number;
  /** Per component, which instructions to print (others are left out); default all. */
  readonly keep?: { readonly [component: string]: readonly boolean[] };
}

/**
 * A program in AutoML-Zero's readable notation, one `def Component():` block per component
 * function and one instruction per line (`s1 = dot(v1, v0)`).
 */
export function formatProgram(program: RegisterProgram, options: FormatOptions = {}): string {
  const features = options.features ?? 4;
  const lines: string[] = [];
  for (const name of Object.keys(program)) {
    lines.push(`def ${name.charAt(0).toUpperCase()}${name.slice(1)}():`);
    const keep = options.keep?.[name];
    let printed = 0;
    program[name]!.forEach((ins, k) => {
      if (keep !== undefined && !keep[k]) return;
      lines.push(`  ${opNamed(ins.op).format(ins, features)}`);
      printed++;
    });
    if (printed === 0) lines.push('  pass');
  }
  return lines.join('\n');
}
