/** Symbolic values: schema'd immutable classes, their type registry, JSON and key paths. */
export { field } from './field.ts';
export type { Field, FieldOptions, NumberFieldOptions } from './field.ts';
export { Symbolic } from './symbolic.ts';
export type { FieldValue, FieldsInput, FieldsOf, Schema, SymbolicCtor, SymbolicMeta } from './symbolic.ts';
export { symbolicClass } from './symbolic-class.ts';
export type { SpaceFields, SymbolicClass, SymbolicClassOptions, SymbolicInstance } from './symbolic-class.ts';
export { ClassSpace } from './class-space.ts';
export { lookupType, registerType, registeredTypes } from './type-registry.ts';
export { fromSymbolicJSON, toSymbolicJSON } from './symbolic-json.ts';
export { formatPath, joinPath, parsePath } from './key-path.ts';
export type { KeySegment } from './key-path.ts';
export { deepEqual, describeValue, isPlainObject } from './plain.ts';
