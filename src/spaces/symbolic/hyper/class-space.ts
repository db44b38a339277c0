import { UsageError } from '../../../core/errors.ts';
import { ClassNode } from '../dna/container-nodes.ts';
import type { Location, NodeBuilder, SpecNode } from '../dna/spec-node.ts';
import { Hyper, containsHyper } from './hyper.ts';
import { joinPath } from '../object/key-path.ts';
import type { Field } from '../object/field.ts';
import { describeValue } from '../object/plain.ts';
import type { SymbolicCtor } from '../object/symbolic.ts';

/**
 * A symbolic class with choices in its fields (`Dense.space({ units: oneOf([32, 64]) })`):
 * decodes to an instance of the class. Fields left out take their defaults.
 */
export class ClassSpace<T> extends Hyper<T> {
  readonly name = undefined;
  /** Every schema field, defaults filled in, in schema order. */
  readonly fields: Readonly<Record<string, unknown>>;

  constructor(
    readonly ctor: SymbolicCtor,
    fields: Readonly<Record<string, unknown>>,
  ) {
    super();
    const { typeName, schema, keys } = ctor.meta;
    if (typeof fields !== 'object' || fields === null) throw new UsageError(`${typeName}.space: fields must be an object`);
    for (const key of Object.keys(fields)) {
      if (!Object.hasOwn(schema, key)) throw new UsageError(`${typeName} has no field '${key}'; its fields are ${keys.join(', ')}`);
    }
    const filled: Record<string, unknown> = {};
    for (const key of keys) {
      const field = schema[key] as Field;
      const value = fields[key] === undefined && field.hasDefault ? field.defaultValue : fields[key];
      if (value === undefined) throw new UsageError(`${typeName}.${key} is required: ${field.description}`);
      if (!containsHyper(value) && !field.accepts(value)) {
        throw new UsageError(`${typeName}.${key} must be ${field.description}, got ${describeValue(value)}`);
      }
      filled[key] = value;
    }
    this.fields = Object.freeze(filled);
  }

  toNode(builder: NodeBuilder, at: Location): SpecNode {
    const start = builder.nextSlot;
    const keys = this.ctor.meta.keys;
    const children = keys.map((key) => builder.node(this.fields[key], { ...at, path: joinPath(at.path, key), id: joinPath(at.id, key) }));
    return new ClassNode(this.ctor, children, start, builder.nextSlot, at.path);
  }

  toJSON(): { readonly _type: string; readonly [key: string]: unknown } {
    return { _type: this.ctor.meta.typeName, ...this.fields };
  }

  describe(): string {
    return `${this.ctor.meta.typeName}.space(...)`;
  }
}
