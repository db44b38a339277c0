import type { Graph, Vertex } from '../../spaces/graph/graph.ts';

/*
 * SAC's losses as one loss graph (inputs s 0, a 1, r 2, s′ 3, done 4, γ 5, α 6), vertex by
 * vertex in the order `sac-losses.ts` computes them, so that training with it is training
 * with the hand-written losses:
 *   critic = ½·(mean((Q1(s,a) − sg(y))²) + mean((Q2(s,a) − sg(y))²)),
 *   y = r + γ·(1 − done)·(min(Q1′(s′,ã′), Q2′(s′,ã′)) − α·log π(ã′|s′))
 *   actor  = mean(α·log π(ã|s) − min(Q1(s,ã), Q2(s,ã)))
 */
const op = (name: string, ...args: number[]): Vertex => ({ op: name, args });

const VERTICES: Vertex[] = [
  op('policy_sample', 3), //           7  ã′
  op('policy_log_prob', 3), //         8  log π(ã′|s′)
  op('Q1_target', 3, 7), //            9
  op('Q2_target', 3, 7), //           10
  op('min', 9, 10), //                11
  op('mul', 6, 8), //                 12  α·log π′
  op('sub', 11, 12), //               13  soft value of s′
  { const: 1 }, //                    14
  op('sub', 14, 4), //                15  1 − done
  op('mul', 5, 15), //                16
  op('mul', 16, 13), //               17
  op('add', 2, 17), //                18  y
  op('stop_gradient', 18), //         19
  op('Q1', 0, 1), //                  20
  op('Q2', 0, 1), //                  21
  op('sub', 20, 19), //               22
  op('square', 22), //                23
  op('batch_mean', 23), //            24
  op('sub', 21, 19), //               25
  op('square', 25), //                26
  op('batch_mean', 26), //            27
  op('add', 24, 27), //               28
  { const: 0.5 }, //                  29
  op('mul', 28, 29), //               30  critic loss
  op('policy_sample', 0), //          31  ã
  op('policy_log_prob', 0), //        32
  op('Q1', 0, 31), //                 33
  op('Q2', 0, 31), //                 34
  op('min', 33, 34), //               35
  op('mul', 6, 32), //                36
  op('sub', 36, 35), //               37
  op('batch_mean', 37), //            38  actor loss
];

/** SAC's actor loss (output 0) and critic loss (output 1) as a loss graph. */
export const SAC_GRAPH: Graph = { inputs: 7, vertices: VERTICES, outputs: [38, 30] };
