import { UsageError } from '../../core/errors.ts';
import { isConst, type Graph } from './graph.ts';
import type { OpSet } from './op-set.ts';

/** Ops that may not appear anywhere inside another: `{ sin: ['sin', 'cos'] }` forbids sin(…cos(x)…). */
export type ForbiddenNesting = { readonly [outer: string]: readonly string[] };

/** The rules with every op name resolved in `ops`; a UsageError names an op the set lacks. */
export function checkNesting(rules: unknown, ops: OpSet, owner: string): ForbiddenNesting {
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new UsageError(`${owner}: forbiddenNesting must be an object such as { "sin": ["sin", "cos"] }`);
  const resolved: { [outer: string]: string[] } = {};
  const resolve = (name: unknown): string => {
    const spec = typeof name === 'string' ? ops.find(name) : undefined;
    if (spec === undefined) throw new UsageError(`${owner}: forbiddenNesting names ${JSON.stringify(name)}, which is not one of the ops (${ops.names.join(', ')})`);
    return spec.name;
  };
  for (const [outer, inner] of Object.entries(rules as { [key: string]: unknown })) {
    if (!Array.isArray(inner)) throw new UsageError(`${owner}: forbiddenNesting.${outer} must be a list of op names`);
    resolved[resolve(outer)] = inner.map(resolve);
  }
  return resolved;
}

/** The first forbidden nesting in `g`, as `sin inside sin`, or undefined when it has none. */
export function nestingViolation(g: Graph, rules: ForbiddenNesting): string | undefined {
  // below[id]: the ops anywhere under vertex id (its arguments and theirs).
  const below: Set<string>[] = Array.from({ length: g.inputs }, () => new Set<string>());
  for (const v of g.vertices) {
    const under = new Set<string>();
    if (!isConst(v)) {
      for (const a of v.args) {
        for (const op of below[a]!) under.add(op);
        const arg = g.vertices[a - g.inputs];
        if (arg !== undefined && !isConst(arg)) under.add(arg.op);
      }
      const inner = rules[v.op]?.find((op) => under.has(op));
      if (inner !== undefined) return `${inner} inside ${v.op}`;
    }
    below.push(under);
  }
  return undefined;
}
