/** Tensors, their ops and reverse-mode gradients: the neural-network engine's base. */
export type { DType, FloatArray } from './tensor.ts';
export type { Tensor } from './tensor.ts';
export { full, ones, parameter, scalar, sizeOf, tensor, zeros } from './tensor.ts';
export { gradients, isRecording, noGrad, stopGradient, valueAndGradients } from './autograd.ts';
export type { Operand } from './elementwise.ts';
export { abs, add, cast, clip, cos, div, exp, leakyRelu, log, maximum, minimum, mul, neg, pow, reciprocal, relu, sigmoid, sign, sin, softplus, sqrt, square, sub, tanh } from './elementwise.ts';
export type { ReduceOptions } from './reduce.ts';
export { max, mean, sum } from './reduce.ts';
export type { MatmulOptions } from './matmul.ts';
export { matmul } from './matmul.ts';
export { concat, reshape, slice, transpose } from './shape-ops.ts';
export { gather, segmentMax, segmentMean, segmentSum } from './segment.ts';
export { binaryCrossEntropyWithLogits, crossEntropy, layerNorm, logSoftmax, softmax } from './nn-ops.ts';
export type { SquashedSample } from './sampling.ts';
export { randomNormal, randomUniform, squashedGaussian } from './sampling.ts';
export type { Initializer, InitializerName } from './init.ts';
export { INITIALIZERS, glorotNormal, glorotUniform, heNormal, orthogonal, standardNormal } from './init.ts';
