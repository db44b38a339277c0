/** Hyper values: the choices a search space is made of; symbolic classes with their spaces; symbolic JSON. */
export { Hyper, containsHyper, isHyper } from './hyper.ts';
export type { HyperJson, Infer, Spaceable } from './hyper.ts';
export { OneOf, oneOf } from './one-of.ts';
export { ManyOf, manyOf } from './many-of.ts';
export type { ManyOfOptions } from './many-of.ts';
export { permutate } from './permutate.ts';
export { FloatValue, floatValue } from './float-value.ts';
export type { FloatValueOptions } from './float-value.ts';
export { IntValue, intValue } from './int-value.ts';
export type { HyperOptions } from './options.ts';
export { ClassSpace } from './class-space.ts';
export { symbolicClass } from './symbolic-class.ts';
export type { SpaceFields, SymbolicClass, SymbolicClassOptions, SymbolicInstance } from './symbolic-class.ts';
export { fromSymbolicJSON, toSymbolicJSON } from './symbolic-json.ts';
