import { UsageError } from '../../../core/errors.ts';
import { joinPath, showPath } from '../object/key-path.ts';
import { isHyperValue } from '../object/kinds.ts';
import { isPlainObject } from '../object/plain.ts';
import { Symbolic } from '../object/symbolic.ts';
import type { ChoiceGroup } from './choice-group.ts';
import { ArrayNode, ConstantNode, ObjectNode } from './container-nodes.ts';
import type { DecisionPoint } from './decision-point.ts';
import type { Location, NodeBuilder, NodeSource, SpecNode } from './spec-node.ts';

/** Walks a space value once, numbering decisions depth-first and building its spec tree. */
export class SpecBuilder implements NodeBuilder {
  readonly decisions: DecisionPoint[] = [];
  readonly groups: ChoiceGroup[] = [];
  private readonly open = new Set<object>();

  get nextSlot(): number {
    return this.decisions.length;
  }

  addDecision<D extends DecisionPoint>(decision: D): D {
    if (decision.index !== this.decisions.length) throw new Error(`decision '${decision.id}' claims slot ${decision.index}, expected ${this.decisions.length}`);
    this.decisions.push(decision);
    return decision;
  }

  addGroup(group: ChoiceGroup): void {
    this.groups.push(group);
  }

  node(value: unknown, at: Location): SpecNode {
    if (typeof value !== 'object' || value === null || value instanceof Symbolic) return this.constant(value, at);
    if (this.open.has(value)) throw new UsageError(`at ${showPath(at.path)}: the space contains itself (a cycle)`);
    this.open.add(value);
    try {
      return this.container(value, at);
    } finally {
      this.open.delete(value);
    }
  }

  private container(value: object, at: Location): SpecNode {
    if (isHyperValue(value)) return (value as NodeSource).toNode(this, at);
    const start = this.nextSlot;
    if (Array.isArray(value)) {
      const children = value.map((item, i) => this.node(item, { ...at, path: joinPath(at.path, i), id: joinPath(at.id, i) }));
      return new ArrayNode(children, start, this.nextSlot, at.path);
    }
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      const children = keys.map((key) => this.node(value[key], { ...at, path: joinPath(at.path, key), id: joinPath(at.id, key) }));
      return new ObjectNode(keys, children, start, this.nextSlot, at.path);
    }
    const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new UsageError(
      `at ${showPath(at.path)}: a space may hold plain objects, arrays, primitives, symbolic instances and hyper values, not a ${kind}`,
    );
  }

  private constant(value: unknown, at: Location): SpecNode {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new UsageError(`at ${showPath(at.path)}: a space cannot hold a ${typeof value}`);
    }
    return new ConstantNode(value, this.nextSlot, at.path);
  }
}
