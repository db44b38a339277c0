import protobuf from 'protobufjs';

/**
 * NAS-Bench-101's `model_metrics.proto` (google-research/nasbench, nasbench/lib), field for
 * field, so the dataset's base64 blobs decode without generated code.
 */
const MODEL_METRICS_PROTO = `
syntax = "proto2";
package nasbench;

message ModelMetrics {
  repeated EvaluationData evaluation_data = 1;
  optional int32 trainable_parameters = 2;
  optional double total_time = 3;
}

message EvaluationData {
  optional double current_epoch = 1;
  optional double training_time = 2;
  optional double train_accuracy = 3;
  optional double validation_accuracy = 4;
  optional double test_accuracy = 5;
  optional string checkpoint_path = 6;
}
`;

const modelMetricsType = protobuf.parse(MODEL_METRICS_PROTO, { keepCase: true }).root.lookupType('nasbench.ModelMetrics');

/** One evaluation during training (field names as in the .proto). */
export interface EvaluationData {
  current_epoch: number;
  training_time: number;
  train_accuracy: number;
  validation_accuracy: number;
  test_accuracy: number;
  checkpoint_path: string;
}

/** A decoded `ModelMetrics`: evaluations at step 0, halfway and the end, and fixed metrics. */
export interface ModelMetrics {
  evaluation_data: EvaluationData[];
  trainable_parameters: number;
  total_time: number;
}

/** Decodes a serialized `nasbench.ModelMetrics` message; throws on malformed bytes. */
export function decodeModelMetrics(bytes: Uint8Array): ModelMetrics {
  return modelMetricsType.decode(bytes) as unknown as ModelMetrics;
}

/** Serializes a `nasbench.ModelMetrics` message (for writing test and benchmark datasets). */
export function encodeModelMetrics(metrics: { evaluation_data: Partial<EvaluationData>[]; trainable_parameters: number; total_time?: number }): Uint8Array {
  return modelMetricsType.encode(modelMetricsType.fromObject(metrics)).finish();
}
