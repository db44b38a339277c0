import { UsageError } from '../../core/errors.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { updateSource } from './compile-update.ts';
import { optimizerOps } from './ops.ts';
import { printProgram } from './print-program.ts';
import { keptSlots } from './program-rule.ts';
import { simplifyProgram } from './simplify-program.ts';

/** Options of `exportUpdateRule`. */
export interface ExportOptions {
  /** The exported constant's name and the rule's `name` (default `found`): a JS identifier. */
  readonly name?: string;
  /**
   * A module path to import the `UpdateRule` type from by name (a learn/optim index, e.g.
   * `../src/learn/optim/index.ts`); by default the package's `amoeba/learn`, whose `optim`
   * namespace holds it.
   */
  readonly importFrom?: string;
  readonly ops?: OpSet;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A program as a TypeScript module that exports it as a learn/optim `UpdateRule`, simplified
 * first (dead code removed, constants folded in place):
 *
 *     import type { optim } from 'amoeba/learn';
 *     export const found: optim.UpdateRule = { name: 'found', config: {}, slots: ['m'], update(w, g, slots, step, lr) { … } };
 *
 * so that `optimizer(net.parameters(), found, 1e-3)` trains with it, with no dependency on
 * the search. A slot the program does not keep reads as zeros; scratch arrays for a reduction
 * are allocated once per parameter length. The module's comment is the program as printed.
 */
export function exportUpdateRule(program: Graph, options: ExportOptions = {}): string {
  const name = options.name ?? 'found';
  if (!IDENTIFIER.test(name)) throw new UsageError(`export: the rule's name must be a JS identifier (letters, digits, _ or $), got '${name}'`);
  const ops = options.ops ?? optimizerOps;
  const simplified = simplifyProgram(program, ops);
  const slots = keptSlots(simplified);
  const { source, buffers } = updateSource(simplified, ops, { literalConstants: true, typescript: true });
  const slotLine = (slot: 'm' | 'v') => {
    const k = slots.indexOf(slot);
    return k >= 0 ? `slots[${k}]!` : 'zerosLike(w)';
  };
  const needsZeros = slots.length < 2;
  const lines = [
    options.importFrom === undefined ? "import type { optim } from 'amoeba/learn';" : `import type { UpdateRule } from '${options.importFrom.replaceAll("'", "\\'")}';`,
    '',
    '/*',
    ...printProgram(simplified).split('\n').map((line) => ` * ${line}`),
    ' */',
  ];
  if (needsZeros) {
    lines.push('', '// The slot the program does not keep: zeros, written back as zeros.', 'const zeros = new Map<number, Float64Array>();');
    lines.push('const zerosLike = (w: ArrayLike<number>): Float64Array => {', '  let z = zeros.get(w.length);', '  if (z === undefined) zeros.set(w.length, (z = new Float64Array(w.length)));', '  return z;', '};');
  }
  if (buffers > 0) {
    lines.push('', '// Tensors a reduction reads in a later loop.', 'const scratch = new Map<number, Float64Array[]>();');
    lines.push('const scratchFor = (n: number): Float64Array[] => {', '  let b = scratch.get(n);', `  if (b === undefined) scratch.set(n, (b = Array.from({ length: ${buffers} }, () => new Float64Array(n))));`, '  return b;', '};');
  }
  lines.push(
    '',
    `export const ${name}: ${options.importFrom === undefined ? 'optim.' : ''}UpdateRule = {`,
    `  name: '${name}',`,
    '  config: {},',
    `  slots: [${slots.map((s) => `'${s}'`).join(', ')}],`,
    '  update(w, g, slots, step, lr) {',
    `    const m = ${slotLine('m')}, v = ${slotLine('v')};`,
    ...(buffers > 0 ? ['    const B = scratchFor(w.length);'] : []),
    ...source.split('\n').map((line) => `    ${line}`),
    '  },',
    '};',
    '',
  );
  return lines.join('\n');
}
