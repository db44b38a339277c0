import type { Rng } from '../../core/rng.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSpec } from '../../spaces/graph/ops.ts';
import { OPTIMIZER_FAMILIES, SCALAR } from './ops.ts';
import { fromNodes, OPTIMIZER_SIGNATURE, toNodes, type Node } from './program.ts';

/*
 * The three mutations of the paper's search, on statements: insert one, delete one, change
 * one operand. Each returns a valid program or undefined when it cannot apply. Types are kept
 * (an operand of type T only ever reads a value of type T), operands only read earlier
 * values, and dead statements stay. Constants are operands rather than statements, so a
 * constant no statement reads any more is dropped.
 */

/** What the mutations need to know about the space. */
export interface MutationSettings {
  /** Most statements (op vertices) a program may hold. */
  readonly maxStatements: number;
  /** Draws a new constant. */
  readonly newConstant: (rng: Rng) => number;
  /** Chance that a scalar operand of a new statement is a new constant rather than a value in scope. */
  readonly newConstantChance: number;
}

/** One mutation: a new program from `g`, or undefined when it cannot apply. */
export type StatementMutation = (g: Graph, settings: MutationSettings, rng: Rng) => Graph | undefined;

const FAMILIES = [...OPTIMIZER_FAMILIES.values()];

function typeOf(node: Node): string {
  if (node.kind === 'input') return OPTIMIZER_SIGNATURE.inputTypes[node.index]!;
  if (node.kind === 'const') return SCALAR;
  return spec(node.op).type;
}

const specs = new Map(FAMILIES.flat().map((op) => [op.name, op]));
function spec(name: string): OpSpec {
  return specs.get(name)!;
}

function statementCount(body: readonly Node[]): number {
  let n = 0;
  for (const node of body) if (node.kind === 'op') n++;
  return n;
}

/** `nodes` with every reference to `from` (operands and outputs) pointing at `to` instead. */
function redirect(nodes: readonly Node[], outputs: readonly Node[], from: Node, to: Node): { body: Node[]; outputs: Node[] } {
  const replaced = new Map<Node, Node>([[from, to]]);
  const body = nodes.map((node) => {
    if (node.kind !== 'op' || !node.args.some((a) => replaced.has(a))) return node;
    const next: Node = { kind: 'op', op: node.op, args: node.args.map((a) => replaced.get(a) ?? a) };
    replaced.set(node, next);
    return next;
  });
  return { body, outputs: outputs.map((o) => replaced.get(o) ?? o) };
}

/** Rebuilds the graph from nodes, dropping constants that nothing reads. */
function finish(inputs: readonly Node[], body: readonly Node[], outputs: readonly Node[]): Graph {
  const read = new Set<Node>(outputs);
  for (const node of body) if (node.kind === 'op') for (const a of node.args) read.add(a);
  return fromNodes({ inputs, body: body.filter((node) => node.kind !== 'const' || read.has(node)), outputs });
}

/** A finite constant: the settings' draw, drawn again (a few times) should it overflow. */
function freshConstant(settings: MutationSettings, rng: Rng): number {
  for (let i = 0; i < 8; i++) {
    const value = settings.newConstant(rng);
    if (Number.isFinite(value)) return value;
  }
  return 1;
}

/**
 * Inserts a statement at a random place: a random function (then one of its typed variants)
 * over values in scope, or new constants for scalar operands. Like the paper's assignment,
 * it either defines a new variable (dead until something reads it) or reassigns one in scope:
 * every later read of that value, the outputs included, reads the new statement instead.
 */
export const insertStatement: StatementMutation = (g, settings, rng) => {
  const { inputs, body, outputs } = toNodes(g);
  if (statementCount(body) >= settings.maxStatements) return undefined;
  const at = rng.int(body.length + 1);
  const scope = [...inputs, ...body.slice(0, at)];
  const op = rng.pick(rng.pick(FAMILIES));
  const constants: Node[] = [];
  const args = op.argTypes.map((type) => {
    const candidates = scope.filter((node) => node.kind !== 'const' && typeOf(node) === type);
    if (type === SCALAR && (candidates.length === 0 || rng.chance(settings.newConstantChance))) {
      const constant: Node = { kind: 'const', value: freshConstant(settings, rng) };
      constants.push(constant);
      return constant;
    }
    return rng.pick(candidates);
  });
  const statement: Node = { kind: 'op', op: op.name, args };
  const targets = scope.filter((node) => node.kind !== 'const' && typeOf(node) === op.type);
  const choice = rng.int(targets.length + 1);
  const before = [...body.slice(0, at), ...constants, statement];
  if (choice === targets.length) return finish(inputs, [...before, ...body.slice(at)], outputs);
  const after = redirect(body.slice(at), outputs, targets[choice]!, statement);
  return finish(inputs, [...before, ...after.body], after.outputs);
};

/**
 * Deletes a random statement. What read it reads one of its operands of the same type instead
 * (deleting `m = interpolate(g, m, 0.9)` leaves the old m in place), or another earlier value
 * of its type; a statement with neither is not deleted.
 */
export const deleteStatement: StatementMutation = (g, _settings, rng) => {
  const { inputs, body, outputs } = toNodes(g);
  const positions = rng.shuffle(body.flatMap((node, k) => (node.kind === 'op' ? [k] : [])));
  for (const k of positions) {
    const node = body[k]! as Extract<Node, { kind: 'op' }>;
    const type = typeOf(node);
    const own = node.args.filter((a) => a.kind !== 'const' && typeOf(a) === type);
    const earlier = [...inputs, ...body.slice(0, k)].filter((a) => a.kind !== 'const' && typeOf(a) === type);
    const options = own.length > 0 ? own : earlier;
    if (options.length === 0) continue;
    const rest = [...body.slice(0, k), ...body.slice(k + 1)];
    const after = redirect(rest.slice(k), outputs, node, rng.pick(options));
    return finish(inputs, [...rest.slice(0, k), ...after.body], after.outputs);
  }
  return undefined;
};

/**
 * Changes one operand of a random statement: a constant is multiplied by 2^N(0,1) (as in the
 * paper); a variable becomes another value in scope of its type, or, for a scalar, possibly a
 * new constant.
 */
export const changeOperand: StatementMutation = (g, settings, rng) => {
  const { inputs, body, outputs } = toNodes(g);
  const positions = rng.shuffle(body.flatMap((node, k) => (node.kind === 'op' && node.args.length > 0 ? [k] : [])));
  for (const k of positions) {
    const node = body[k]! as Extract<Node, { kind: 'op' }>;
    for (const j of rng.shuffle(node.args.map((_, j) => j))) {
      const current = node.args[j]!;
      let replacement: Node | undefined;
      if (current.kind === 'const') {
        const value = current.value * Math.pow(2, rng.normal());
        replacement = { kind: 'const', value: Number.isFinite(value) ? value : freshConstant(settings, rng) };
      } else {
        const type = typeOf(current);
        const candidates = [...inputs, ...body.slice(0, k)].filter((a) => a !== current && a.kind !== 'const' && typeOf(a) === type);
        const constantSlot = type === SCALAR ? 1 : 0;
        const choice = rng.int(candidates.length + constantSlot);
        if (candidates.length + constantSlot === 0) continue;
        replacement = choice === candidates.length ? { kind: 'const', value: freshConstant(settings, rng) } : candidates[choice]!;
      }
      const changed: Node = { kind: 'op', op: node.op, args: node.args.map((a, i) => (i === j ? replacement : a)) };
      const inserted = replacement.kind === 'const' ? [replacement] : [];
      const after = redirect(body.slice(k + 1), outputs, node, changed);
      return finish(inputs, [...body.slice(0, k), ...inserted, changed, ...after.body], after.outputs);
    }
  }
  return undefined;
};
