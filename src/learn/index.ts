/** Small learners the search uses: least squares, CMA-ES, Remez exchange, and the dense linear algebra under them. */
export { levenbergMarquardt } from './levenberg-marquardt.ts';
export type { LeastSquaresFit, LeastSquaresProblem } from './levenberg-marquardt.ts';
export { cmaEs } from './cma-es.ts';
export type { CmaEsOptions, CmaEsResult, CmaEsStop } from './cma-es.ts';
export { remez } from './remez.ts';
export type { RemezOptions, RemezResult } from './remez.ts';
export { solveDense } from './dense-solve.ts';
export { symmetricEigen } from './symmetric-eigen.ts';

// The neural-network engine, as three namespaces: `tensor` (tensors, ops, gradients,
// initialisers), `nn` (layers, per-graph pooling, parameter storage) and `optim` (update rules,
// clipping, schedules).
export * as tensor from './tensor/index.ts';
export * as nn from './modules/index.ts';
export * as optim from './optim/index.ts';
