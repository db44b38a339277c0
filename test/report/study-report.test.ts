import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStudyReport, studyPlotSpec, studyReport, trialsAsCsv } from '../../src/report/index.ts';
import { memoryStore } from '../../src/store/index.ts';
import type { StudySpec } from '../../src/store/index.ts';

const SPEC: StudySpec = {
  name: 'two',
  task: { id: 't', config: null },
  space: undefined,
  algorithm: undefined,
  objectives: [{ name: 'error', goal: 'min' }, { name: 'accuracy', goal: 'max' }],
  seed: 0,
  budgetTrials: 5,
  budgetSeconds: undefined,
};

/** Trials (error, accuracy): (1, 0.5) (2, 0.9) (3, 0.4) dominated, (1, 0.5) again, one failed. */
function store() {
  const s = memoryStore();
  s.createStudy(SPEC);
  const log = s.log('two');
  const points = [[1, 0.5], [2, 0.9], [3, 0.4], [1, 0.5]];
  points.forEach(([error, accuracy], id) => {
    log.proposed({ id, genotype: { g: id, note: 'a,"b"' }, key: `k${id}`, hash: undefined, seq: 2 * id, proposedMs: id });
    log.finished({ id, status: 'done', values: [error!, accuracy!], error: undefined, cached: false, info: undefined, seq: 2 * id + 1, finishedMs: id + 1 });
  });
  log.proposed({ id: 4, genotype: 4, key: 'k4', hash: undefined, seq: 8, proposedMs: 9 });
  log.finished({ id: 4, status: 'failed', values: [NaN, NaN], error: 'timeout', cached: false, info: undefined, seq: 9, finishedMs: 10 });
  return s;
}

describe('studyReport', () => {
  it('gives the Pareto front for several objectives, each point once, turning max goals into losses', () => {
    const s = store();
    const report = studyReport(s, s.study('two')!);
    assert.equal(report.kind, 'front');
    assert.deepEqual(report.trials.map((t) => [t.id, t.values]), [[0, { error: 1, accuracy: 0.5 }], [1, { error: 2, accuracy: 0.9 }]]);
    assert.deepEqual(report.counts, { pending: 0, running: 0, done: 4, failed: 1 });
    assert.match(formatStudyReport(report), /Pareto front \(2 trials\):\n {2}#0 {2}error 1, accuracy 0\.5\n {6}\{"g":0/);
  });
});

describe('trialsAsCsv', () => {
  it('quotes cells holding commas and quotes, and leaves failed values empty', () => {
    const s = store();
    const lines = trialsAsCsv(s.study('two')!, s.trials('two')).trimEnd().split('\n');
    assert.ok(lines[1]!.endsWith(',"{""g"":0,""note"":""a,\\""b\\""""}",'), lines[1]);
    assert.match(lines[5]!, /^4,failed,,,timeout,/);
  });
});

describe('studyPlotSpec', () => {
  it('adds a front panel for two objectives after the two progress panels', () => {
    const s = store();
    const spec = studyPlotSpec(s.study('two')!, s.trials('two')) as unknown as { hconcat: { title: string }[] };
    assert.deepEqual(spec.hconcat.map((p) => p.title), [
      'best error so far (min) vs trials',
      'best error so far (min) vs time',
      'error vs accuracy: 2 on the front',
    ]);
  });
});
