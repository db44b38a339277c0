import { UsageError } from '../../core/errors.ts';
import type { OpSpec } from './ops.ts';
import { expressionOp, isOpDefinition } from './expression-op.ts';
import { protectedOps } from './protected-ops.ts';
import { ieeeOps } from './standard-ops.ts';

/** Every built-in op by canonical name: the IEEE ops and their protected variants. */
export const standardOps: ReadonlyMap<string, OpSpec> = new Map([...ieeeOps, ...protectedOps].map((op) => [op.name, op]));

/**
 * Short spellings accepted wherever an op is named by a person (CLI flags, configs, program
 * files). Division and power map to the protected ops, which suit symbolic regression; name
 * `div` or `pow` to get the raw IEEE ones.
 */
export const opAliases: ReadonlyMap<string, string> = new Map([
  ['+', 'add'],
  ['-', 'sub'],
  ['−', 'sub'],
  ['*', 'mul'],
  ['×', 'mul'],
  ['·', 'mul'],
  ['/', 'pdiv'],
  ['÷', 'pdiv'],
  ['^', 'ppow'],
]);

/** A validated set of ops that a space, compiler or printer works with. */
export interface OpSet {
  /** The ops, in the order given. */
  readonly specs: readonly OpSpec[];
  /** Canonical names, in the order given. */
  readonly names: readonly string[];
  /** The op named `name` (aliases resolve), or undefined when it is not in the set. */
  find(name: string): OpSpec | undefined;
}

class ValidatedOpSet implements OpSet {
  readonly names: readonly string[];
  private readonly byName: ReadonlyMap<string, OpSpec>;

  constructor(readonly specs: readonly OpSpec[]) {
    this.names = specs.map((s) => s.name);
    this.byName = new Map(specs.map((s) => [s.name, s]));
  }

  find(name: string): OpSpec | undefined {
    return this.byName.get(opAliases.get(name) ?? name);
  }
}

function knownOpsLine(): string {
  const aliases = [...opAliases].map(([alias, name]) => `${alias} (${name})`).join(', ');
  return `known ops: ${[...standardOps.keys()].sort().join(', ')}; aliases: ${aliases}`;
}

/** How configs and model files name an op: its definition text for an expression op, else its name. */
export function opReference(spec: OpSpec): string {
  return spec.definition ?? spec.name;
}

/**
 * Builds an op set from standard op names (or aliases), op definitions (`cubic(x)=x*x*x`, see
 * `expressionOp`) and custom specs from `defineOp`.
 * Throws a UsageError naming an unknown op and listing the known ones; an op named twice is
 * kept once.
 */
export function opSet(items: readonly (string | OpSpec)[]): OpSet {
  if (!Array.isArray(items) || items.length === 0) throw new UsageError(`an op set needs at least one op; ${knownOpsLine()}`);
  const chosen = new Map<string, OpSpec>();
  for (const item of items) {
    const spec = typeof item !== 'string' ? item : isOpDefinition(item) ? expressionOp(item) : standardOps.get(opAliases.get(item.trim()) ?? item.trim());
    if (spec === undefined) throw new UsageError(`unknown op '${String(item)}'; ${knownOpsLine()}`);
    const previous = chosen.get(spec.name);
    if (previous !== undefined && previous !== spec && (previous.definition === undefined || previous.definition !== spec.definition)) throw new UsageError(`two different ops are named '${spec.name}'`);
    chosen.set(spec.name, spec);
  }
  return new ValidatedOpSet([...chosen.values()]);
}

/** Every standard op: the default for printers and tools that read any program. */
export const standardOpSet: OpSet = opSet([...standardOps.values()]);

/** Accepts either a ready op set or a list of names and specs. */
export function toOpSet(ops: OpSet | readonly (string | OpSpec)[]): OpSet {
  if (Array.isArray(ops)) return opSet(ops as readonly (string | OpSpec)[]);
  if (typeof ops !== 'object' || ops === null || !('find' in ops)) throw new UsageError(`ops must be an op set or a list of op names; ${knownOpsLine()}`);
  return ops as OpSet;
}
