/** Small learners the search uses: least squares, CMA-ES, Remez exchange, and the dense linear algebra under them. */
export { levenbergMarquardt } from './levenberg-marquardt.ts';
export type { LeastSquaresFit, LeastSquaresProblem } from './levenberg-marquardt.ts';
export { cmaEs } from './cma-es.ts';
export type { CmaEsOptions, CmaEsResult, CmaEsStop } from './cma-es.ts';
export { remez } from './remez.ts';
export type { RemezOptions, RemezResult } from './remez.ts';
export { solveDense } from './dense-solve.ts';
export { symmetricEigen } from './symmetric-eigen.ts';
