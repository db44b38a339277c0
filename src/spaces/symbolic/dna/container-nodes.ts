import type { Rng } from '../../../core/rng.ts';
import { deepEqual, describeValue, isPlainObject } from '../object/plain.ts';
import { joinPath, showPath } from '../object/key-path.ts';
import { ORDERED } from '../object/symbolic.ts';
import type { SymbolicCtor } from '../object/symbolic.ts';
import type { SpecNode } from './spec-node.ts';

/** A value without choices (a primitive or an immutable symbolic instance): decodes to itself. */
export class ConstantNode implements SpecNode {
  readonly cardinality = 1;
  constructor(
    readonly value: unknown,
    readonly start: number,
    readonly path: string,
  ) {}

  get end(): number {
    return this.start;
  }

  decode(): unknown {
    return this.value;
  }

  encode(value: unknown): string | undefined {
    return deepEqual(value, this.value) ? undefined : `at ${showPath(this.path)}: expected ${describeValue(this.value)}, got ${describeValue(value)}`;
  }

  sample(): void {}

  *enumerate(): Generator<void, void, undefined> {
    yield;
  }
}

/** Shared behaviour of nodes made of child nodes (objects, arrays, symbolic class spaces). */
abstract class CompositeNode implements SpecNode {
  readonly cardinality: number;

  constructor(
    readonly children: readonly SpecNode[],
    readonly start: number,
    readonly end: number,
    readonly path: string,
  ) {
    this.cardinality = children.reduce((product, child) => product * child.cardinality, 1);
  }

  abstract decode(values: Float64Array): unknown;
  abstract encode(value: unknown, values: Float64Array): string | undefined;

  sample(values: Float64Array, rng: Rng): void {
    const children = this.children;
    for (let i = 0; i < children.length; i++) (children[i] as SpecNode).sample(values, rng);
  }

  enumerate(values: Float64Array): Generator<void, void, undefined> {
    return product(this.children, 0, values);
  }
}

function* product(children: readonly SpecNode[], from: number, values: Float64Array): Generator<void, void, undefined> {
  const child = children[from];
  if (child === undefined) {
    yield;
    return;
  }
  for (const _ of child.enumerate(values)) yield* product(children, from + 1, values);
}

/** A composite whose children stand for named fields, in `keys` order. */
abstract class KeyedNode extends CompositeNode {
  constructor(
    readonly keys: readonly string[],
    children: readonly SpecNode[],
    start: number,
    end: number,
    path: string,
  ) {
    super(children, start, end, path);
  }
}

/** A plain object whose fields may hold choices: decodes to a fresh object with the same keys. */
export class ObjectNode extends KeyedNode {

  decode(values: Float64Array): unknown {
    const out: Record<string, unknown> = {};
    const { keys, children } = this;
    for (let i = 0; i < keys.length; i++) out[keys[i] as string] = (children[i] as SpecNode).decode(values);
    return out;
  }

  encode(value: unknown, values: Float64Array): string | undefined {
    if (!isPlainObject(value)) return `at ${showPath(this.path)}: expected an object, got ${describeValue(value)}`;
    const extra = Object.keys(value).find((key) => !this.keys.includes(key));
    if (extra !== undefined) return `at ${showPath(joinPath(this.path, extra))}: the space has no such key`;
    for (let i = 0; i < this.keys.length; i++) {
      const key = this.keys[i] as string;
      if (!Object.hasOwn(value, key)) return `at ${showPath(joinPath(this.path, key))}: the value lacks this key`;
      const problem = (this.children[i] as SpecNode).encode(value[key], values);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
}

/** An array whose items may hold choices: decodes to a fresh array of the same length. */
export class ArrayNode extends CompositeNode {
  decode(values: Float64Array): unknown {
    const out: unknown[] = [];
    const children = this.children;
    for (let i = 0; i < children.length; i++) out.push((children[i] as SpecNode).decode(values));
    return out;
  }

  encode(value: unknown, values: Float64Array): string | undefined {
    if (!Array.isArray(value) || value.length !== this.children.length) {
      return `at ${showPath(this.path)}: expected an array of ${this.children.length}, got ${describeValue(value)}`;
    }
    for (let i = 0; i < value.length; i++) {
      const problem = (this.children[i] as SpecNode).encode(value[i], values);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
}

/** A symbolic class whose fields may hold choices: decodes to a checked instance. */
export class ClassNode extends KeyedNode {
  /** The children are the class's fields in schema order. */
  constructor(readonly ctor: SymbolicCtor, children: readonly SpecNode[], start: number, end: number, path: string) {
    super(ctor.meta.keys, children, start, end, path);
  }

  decode(values: Float64Array): unknown {
    const fieldValues: unknown[] = [];
    const children = this.children;
    for (let i = 0; i < children.length; i++) fieldValues.push((children[i] as SpecNode).decode(values));
    return new this.ctor(fieldValues, ORDERED);
  }

  encode(value: unknown, values: Float64Array): string | undefined {
    if (!(value instanceof this.ctor)) return `at ${showPath(this.path)}: expected a ${this.ctor.meta.typeName}, got ${describeValue(value)}`;
    const fields = value as unknown as Record<string, unknown>;
    for (let i = 0; i < this.keys.length; i++) {
      const problem = (this.children[i] as SpecNode).encode(fields[this.keys[i] as string], values);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
}
