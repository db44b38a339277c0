/** Layers of the neural-network engine: factories over options, each a `Module` with a `forward`. */
export type { Module, ModuleOptions } from './module.ts';
export type { ActivationName } from './activation.ts';
export { ACTIVATION_NAMES } from './activation.ts';
export type { Linear, LinearOptions } from './linear.ts';
export { linear } from './linear.ts';
export type { Mlp, MlpOptions } from './mlp.ts';
export { mlp } from './mlp.ts';
export type { Predictor } from './predictor.ts';
export type { Lstm, LstmCell, LstmOptions, LstmState } from './lstm.ts';
export { lstm, lstmCell } from './lstm.ts';
export type { Embedding, EmbeddingOptions } from './embedding.ts';
export { embedding } from './embedding.ts';
export type { MessagePassing, MessagePassingOptions, TypedEdges } from './message-passing.ts';
export { messagePassing } from './message-passing.ts';
export type { GlobalAttention, GlobalAttentionOptions } from './global-attention.ts';
export { globalAttention } from './global-attention.ts';
export type { GraphPooling, GraphPoolingOptions, PoolingReduction } from './graph-pooling.ts';
export { graphPooling } from './graph-pooling.ts';
