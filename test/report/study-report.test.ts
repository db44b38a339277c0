import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Objective } from '../../src/core/types.ts';
import { formatStudyReport, studyPlotSpec, studyReport, trialsAsCsv } from '../../src/report/index.ts';
import { memoryStore, sqliteStore } from '../../src/store/index.ts';
import type { StudySpec, StudyStore } from '../../src/store/index.ts';
import { fullSortPlotData, fullSortReportIds } from '../helpers/full-sort-report.ts';

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
    const spec = studyPlotSpec(s, s.study('two')!) as unknown as { hconcat: { title: string }[] };
    assert.deepEqual(spec.hconcat.map((p) => p.title), [
      'best error so far (min) vs trials',
      'best error so far (min) vs time',
      'error vs accuracy: 2 on the front',
    ]);
  });
});

/** A study of random trials: small integer values (many ties), finishing in a random order, some failed. */
const randomStudies = fc.record({
  goals: fc.array(fc.constantFrom<Objective['goal']>('min', 'max'), { minLength: 1, maxLength: 3 }),
  trials: fc.array(fc.record({ values: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 3, maxLength: 3 }), failed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0) }), { minLength: 1, maxLength: 60 }),
  order: fc.infiniteStream(fc.nat()),
});

function storeOf(open: () => StudyStore, goals: readonly Objective['goal'][], trials: readonly { values: number[]; failed: boolean }[], order: Iterator<number>): StudyStore {
  const s = open();
  s.createStudy({ ...SPEC, objectives: goals.map((goal, i) => ({ name: `o${i}`, goal })) });
  const log = s.log('two');
  const pending = trials.map((_, id) => id);
  let seq = 0;
  for (const id of pending) log.proposed({ id, genotype: id, key: `k${id}`, hash: undefined, seq: seq++, proposedMs: id });
  while (pending.length > 0) {
    const [id] = pending.splice(order.next().value % pending.length, 1) as [number];
    const { values, failed } = trials[id]!;
    log.finished({ id, status: failed ? 'failed' : 'done', values: failed ? goals.map(() => NaN) : values.slice(0, goals.length), error: failed ? 'x' : undefined, cached: false, info: undefined, seq: seq++, finishedMs: seq });
  }
  return s;
}

for (const [name, open] of [
  ['memoryStore', () => memoryStore()],
  ['sqliteStore', () => sqliteStore({ path: ':memory:' })],
] as const) {
  describe(`reports streamed from a ${name}`, () => {
    it('list the same best trials or front as a full sort of every trial', () => {
      fc.assert(
        fc.property(randomStudies, ({ goals, trials, order }) => {
          const s = storeOf(open, goals, trials, order);
          const study = s.study('two')!;
          assert.deepEqual(studyReport(s, study, 3).trials.map((t) => t.id), fullSortReportIds(study, s.trials('two'), 3));
          s.close();
        }),
        { numRuns: 200 },
      );
    });

    it('draw the same curve, scatter and front as a full sort of every trial', () => {
      fc.assert(
        fc.property(randomStudies, ({ goals, trials, order }) => {
          const s = storeOf(open, goals, trials, order);
          const study = s.study('two')!;
          const expected = fullSortPlotData(study, s.trials('two'));
          if (expected.progress.length === 0) {
            assert.throws(() => studyPlotSpec(s, study), /no finished trials/);
            return;
          }
          const spec = studyPlotSpec(s, study) as unknown as { hconcat: { data: { values: unknown[] }; layer?: { data: { values: unknown[] } }[] }[] };
          assert.deepEqual(spec.hconcat[0]!.data.values, expected.progress);
          assert.deepEqual(spec.hconcat[1]!.data.values, expected.progress);
          if (goals.length >= 2) {
            assert.deepEqual(spec.hconcat[2]!.layer![0]!.data.values, expected.points);
            assert.deepEqual(spec.hconcat[2]!.layer![1]!.data.values, expected.frontPoints);
          }
          s.close();
        }),
        { numRuns: 200 },
      );
    });
  });
}
