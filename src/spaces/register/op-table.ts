import { SpaceError } from '../../core/errors.ts';
import type { OpSpec } from './op-spec.ts';
import { MATRIX_ELEMENTWISE_OPS, VECTOR_ELEMENTWISE_OPS } from './ops-elementwise.ts';
import { LINEAR_ALGEBRA_OPS } from './ops-linear-algebra.ts';
import { SCALAR_OPS } from './ops-scalar.ts';
import { SETTER_OPS } from './ops-setters.ts';
import { STATISTICS_OPS } from './ops-statistics.ts';

/**
 * AutoML-Zero's 65 ops (Real et al., ICML 2020, Table S1; google-research/automl_zero
 * instruction.proto), ordered by their enum number: the one table that both the interpreter
 * and the compiler implement.
 */
export const OPS: readonly OpSpec[] = [...SETTER_OPS, ...SCALAR_OPS, ...VECTOR_ELEMENTWISE_OPS, ...MATRIX_ELEMENTWISE_OPS, ...LINEAR_ALGEBRA_OPS, ...STATISTICS_OPS].sort(
  (a, b) => a.id - b.id,
);

const BY_NAME = new Map(OPS.map((op) => [op.name, op]));

/** Every op name, in enum order. */
export const OP_NAMES: readonly string[] = OPS.map((op) => op.name);

/** The op with this name, or undefined. */
export function findOp(name: string): OpSpec | undefined {
  return BY_NAME.get(name);
}

/** The op with this name; an unknown name is a SpaceError listing a few close names. */
export function opNamed(name: string): OpSpec {
  const op = BY_NAME.get(name);
  if (op !== undefined) return op;
  const upper = String(name).toUpperCase();
  const near = OP_NAMES.filter((n) => n.includes(upper.replace(/_OP$/, '')) || upper.includes(n.replace(/_OP$/, ''))).slice(0, 4);
  const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '; names look like SCALAR_SUM_OP (see OP_NAMES)';
  throw new SpaceError(`unknown op '${name}'${hint}`);
}

/** The ops of AutoML-Zero's demo (run_demo.sh): enough for linear regression by gradient descent. */
export const DEMO_OPS: readonly string[] = [
  'SCALAR_CONST_SET_OP',
  'VECTOR_INNER_PRODUCT_OP',
  'SCALAR_DIFF_OP',
  'SCALAR_PRODUCT_OP',
  'SCALAR_VECTOR_PRODUCT_OP',
  'VECTOR_SUM_OP',
];
