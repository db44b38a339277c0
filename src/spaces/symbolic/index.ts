/**
 * PyGlove-style symbolic search spaces: hyper values nested in plain data and symbolic
 * classes, compiled by `template` into a DNA spec; the `sample` loop; evolution operators
 * over DNA; patches; and JSON round trips of symbolic values.
 */
export {
  ClassSpace,
  FloatValue,
  Hyper,
  IntValue,
  ManyOf,
  OneOf,
  containsHyper,
  floatValue,
  fromSymbolicJSON,
  intValue,
  isHyper,
  manyOf,
  oneOf,
  permutate,
  symbolicClass,
  toSymbolicJSON,
} from './hyper/index.ts';
export type { FloatValueOptions, HyperJson, HyperOptions, Infer, ManyOfOptions, SpaceFields, Spaceable, SymbolicClass, SymbolicClassOptions, SymbolicInstance } from './hyper/index.ts';
export { ChoiceGroup, DNA, DNASpec, Template, assembleChild, mutateAnySite, mutateOneDecision, swapTwoSlots, template } from './dna/index.ts';
export type { DecisionKind, DecisionPoint, SpecNode } from './dna/index.ts';
export {
  Symbolic,
  deepEqual,
  describeValue,
  field,
  formatPath,
  isPlainObject,
  joinPath,
  lookupType,
  parsePath,
  registerType,
  registeredTypes,
} from './object/index.ts';
export type {
  Field,
  FieldOptions,
  FieldValue,
  FieldsInput,
  FieldsOf,
  KeySegment,
  NumberFieldOptions,
  Schema,
  SymbolicCtor,
  SymbolicMeta,
} from './object/index.ts';
export { earlyStopByRank, earlyStopByValue, sample, stopIfAll, stopIfAny, stopIfNot } from './sample/index.ts';
export type { EarlyStoppingPolicy, Feedback, SampleOptions, SampleResult, StepReport, StopByRankOptions, StopByValueOptions } from './sample/index.ts';
export {
  dnaHillClimbing,
  dnaNsga2,
  dnaRegularizedEvolution,
  evolution,
  mutateSwap,
  mutateUniform,
  operatorSpace,
  pipe,
  recombineKPoint,
  recombineOrder,
  recombinePmx,
  recombineSegmented,
  recombineUniform,
  repeat,
  selectBottom,
  selectFirst,
  selectLast,
  selectPareto,
  selectRandom,
  selectTop,
  selectTournament,
} from './evolution/index.ts';
export type {
  DecisionFilter,
  DnaHillClimbingOptions,
  DnaNsga2Options,
  DnaRegularizedEvolutionOptions,
  Evolution,
  EvolutionOptions,
  Individual,
  KPointOptions,
  Operator,
  OperatorContext,
  PermutationCrossoverOptions,
  RandomOptions,
  RankOptions,
  RecombinatorOptions,
  SegmentedOptions,
  SpaceOperators,
  SwapMutatorOptions,
  UniformMutatorOptions,
} from './evolution/index.ts';
export { applyPatches, applyRule, byKey, byPath, byType, byValue, listPatchers, parsePatchString, patch, registerPatcher, rewrite } from './patch/index.ts';
export type { ApplyPatchesOptions, Patch, PatchCall, PatchRule, Patcher, PatcherResult, PathRule, Replacement, RewriteFn, Validator, ValueKind } from './patch/index.ts';
