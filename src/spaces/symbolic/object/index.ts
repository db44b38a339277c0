/** Symbolic values: the base of schema'd immutable classes, their fields, type registry and key paths. */
export { field } from './field.ts';
export type { Field, FieldOptions, NumberFieldOptions } from './field.ts';
export { Symbolic } from './symbolic.ts';
export type { FieldValue, FieldsInput, FieldsOf, Schema, SymbolicCtor, SymbolicMeta } from './symbolic.ts';
export { lookupType, registerType, registeredTypes } from './type-registry.ts';
export { formatPath, joinPath, parsePath } from './key-path.ts';
export type { KeySegment } from './key-path.ts';
export { deepEqual, describeValue, isPlainObject } from './plain.ts';
