/** Typed DAG programs: op registry, graph space, canonical keys, compile, simplify and print. */
export type { ConstVertex, Graph, GraphSignature, OpVertex, Vertex } from './graph.ts';
export { CONSTANT_TYPE, constantCount, isConst, realSignature } from './graph.ts';
export type { Algebra, OpDefinition, OpSpec } from './ops.ts';
export { defineOp } from './ops.ts';
export type { OpSet } from './op-set.ts';
export { opAliases, opSet, standardOpSet, standardOps } from './op-set.ts';
export { PROTECTED_EPSILON } from './protected-ops.ts';
export type { InfixPrinter, InfixStyle, LatexPrinter, Printed } from './print-forms.ts';
export {
  PRECEDENCE,
  atom,
  infixAbs,
  infixBinary,
  infixCall,
  infixFixedPower,
  infixNegate,
  infixPower,
  latexAbs,
  latexBinary,
  latexCall,
  latexFraction,
  latexNegate,
  latexPower,
  latexSqrt,
} from './print-forms.ts';
export type { GraphSpace, GraphSpaceOptions, MutationKind, MutationWeights } from './space.ts';
export { graphSpace } from './space.ts';
export type { GraphLimits } from './validate.ts';
export { checkGraph, parseGraph, vertexTypes } from './validate.ts';
export { normalizeGraph, prune } from './draft.ts';
export { graphKey, shapeKey } from './key.ts';
export type { CompileOptions, CompiledGraph } from './compile.ts';
export { compileGraph } from './compile.ts';
export type { InterpretOptions } from './interpret.ts';
export { interpret } from './interpret.ts';
export { constantsOf, withConstants } from './constants.ts';
export { graphCost, opCount } from './cost.ts';
export type { SimplifyOptions } from './simplify.ts';
export { simplify } from './simplify.ts';
export type { COptions, InfixOptions, MathPrintOptions, PrintOptions } from './print.ts';
export { MAX_TREE_NODES, hexFloat, toC, toInfix, toJS, toLatex, toNumpy, toSympy } from './print.ts';
export type { ColumnEvaluator } from './column-evaluator.ts';
export { columnEvaluator } from './column-evaluator.ts';
