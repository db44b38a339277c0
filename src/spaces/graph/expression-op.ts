import { UsageError } from '../../core/errors.ts';
import { defineOp, type OpSpec } from './ops.ts';
import { protectedOps } from './protected-ops.ts';
import { ieeeOps } from './standard-ops.ts';

/*
 * Ops defined by an expression over the standard IEEE ops, such as `cubic(x)=x*x*x` or
 * `hypot(a, b)=sqrt(a^2 + b^2)`. The definition is plain text, so it travels in any JSON config
 * (a stored study, a worker's recipe, a model file) where an op name would, and each printer
 * is composed from the standard ops' own, already parenthesised (so `emit` and `evaluate` agree bit
 * for bit).
 */

const DEFINITION = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)\s*=(.+)$/s;

/** True when `text` reads as an op definition `name(params)=expression`. */
export function isOpDefinition(text: string): boolean {
  return DEFINITION.test(text);
}

type Node = { readonly param: number } | { readonly value: number } | { readonly op: string; readonly args: readonly Node[] };

const IEEE: ReadonlyMap<string, OpSpec> = new Map(ieeeOps.map((op) => [op.name, op]));
const BUILT_IN: ReadonlySet<string> = new Set([...ieeeOps, ...protectedOps].map((op) => op.name));
const BINARY: { readonly [symbol: string]: string } = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow' };

/** Parses `name(params)=expression` over + − * / ^, parentheses, numbers and the standard IEEE ops by name. */
function parse(text: string): { name: string; params: string[]; body: Node } {
  const match = DEFINITION.exec(text);
  const fail = (problem: string) => new UsageError(`op definition '${text.trim()}': ${problem}; write it like 'cubic(x)=x*x*x' over + - * / ^ and ${[...IEEE.keys()].join(', ')}`);
  if (match === null) throw fail('expected name(params)=expression');
  const [, name, rawParams, expression] = match as unknown as [string, string, string, string];
  const params = rawParams.split(',').map((p) => p.trim());
  if (params.some((p) => !/^[A-Za-z_]\w*$/.test(p)) || new Set(params).size !== params.length) throw fail('its parameters must be distinct names');
  if (BUILT_IN.has(name)) throw fail(`'${name}' is a built-in op; give yours another name`);
  const tokens = expression.match(/\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|[A-Za-z_]\w*|[-+*/^(),]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw fail(expected === undefined ? 'the expression ends early' : `expected '${expected}' but found ${token === undefined ? 'the end' : `'${token}'`}`);
    return token;
  };
  // Precedence climbing: sums, then products, then unary minus, then right-associative powers.
  const sum = (): Node => {
    let left = product();
    while (peek() === '+' || peek() === '-') left = { op: BINARY[take()]!, args: [left, product()] };
    return left;
  };
  const product = (): Node => {
    let left = unary();
    while (peek() === '*' || peek() === '/') left = { op: BINARY[take()]!, args: [left, unary()] };
    return left;
  };
  const unary = (): Node => (peek() === '-' ? (take(), { op: 'neg', args: [unary()] }) : power());
  const power = (): Node => {
    const base = atom();
    return peek() === '^' ? (take(), { op: 'pow', args: [base, unary()] }) : base;
  };
  const atom = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = sum();
      take(')');
      return inner;
    }
    if (/^[\d.]/.test(token)) return { value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() !== '(') {
        const index = params.indexOf(token);
        if (index < 0) throw fail(`'${token}' is neither a parameter nor a call`);
        return { param: index };
      }
      const spec = IEEE.get(token);
      if (spec === undefined) throw fail(`unknown op '${token}'`);
      take('(');
      const args = [sum()];
      while (peek() === ',') args.push((take(), sum()));
      take(')');
      if (args.length !== spec.arity) throw fail(`${token} takes ${spec.arity} argument${spec.arity === 1 ? '' : 's'}, got ${args.length}`);
      return { op: token, args };
    }
    throw fail(`unexpected '${token}'`);
  };
  const body = sum();
  if (at < tokens.length) throw fail(`unexpected '${tokens[at]}'`);
  return { name, params, body };
}

/** Writes a node with one printer per standard op (their `emit`, `c`, `numpy` or `sympy`). */
function compose(node: Node, args: readonly string[], form: (spec: OpSpec) => (args: readonly string[]) => string, literal: (value: number) => string): string {
  if ('param' in node) return args[node.param]!;
  if ('value' in node) return literal(node.value);
  return form(IEEE.get(node.op)!)(node.args.map((a) => compose(a, args, form, literal)));
}

function evaluateNode(node: Node, args: readonly number[]): number {
  if ('param' in node) return args[node.param]!;
  if ('value' in node) return node.value;
  return IEEE.get(node.op)!.evaluate(...node.args.map((a) => evaluateNode(a, args)));
}

/**
 * An op from its definition text (`cubic(x)=x*x*x`): its code, C, NumPy and SymPy forms
 * composed from the standard ops', printed in infix and LaTeX as a call of its name. The
 * definition is kept (`definition`), so configs and model files can hold it in place of a name.
 */
export function expressionOp(text: string): OpSpec {
  const { name, params, body } = parse(text);
  const literal = (value: number) => String(value);
  return defineOp({
    name,
    arity: params.length,
    emit: (args) => compose(body, args, (s) => s.emit, literal),
    evaluate: (...args) => evaluateNode(body, args),
    c: (args) => compose(body, args, (s) => s.c, (v) => (/[.e]/.test(String(v)) ? String(v) : `${v}.0`)),
    numpy: (args) => compose(body, args, (s) => s.numpy, literal),
    sympy: (args) => compose(body, args, (s) => s.sympy, literal),
    definition: `${name}(${params.join(', ')})=${text.slice(text.indexOf('=') + 1).trim()}`,
    description: `${name}(${params.join(', ')}) = ${text.slice(text.indexOf('=') + 1).trim()}`,
  });
}
