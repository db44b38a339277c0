import type { Study, StudySummary } from '../core/study.ts';
import type { Json, Trial } from '../core/types.ts';
import { formatNumber, formatStudyReport, studyReport } from '../report/index.ts';
import type { StoredStudy, StudySpec, StudyStore } from '../store/index.ts';
import { controlStudyOutput } from './control.ts';
import { formulaStudyOutput } from './sr.ts';

/** A study's result as its own command prints it (`text`) and writes it with `--json`. */
export interface StudyOutput {
  readonly text: string;
  readonly json: Json;
}

/** Builds the result of a study of one task after it ran (fresh or resumed). */
type StudyOutputBuilder = (study: Study<unknown>, stored: StoredStudy, summary: StudySummary) => StudyOutput;

/**
 * The commands' own result formats, by task id: what `amoeba resume` prints so that a resumed
 * study ends as the command that started it would. A task without one gets the `show` report.
 */
const OUTPUTS: ReadonlyMap<string, StudyOutputBuilder> = new Map([
  ['symbolic-regression', formulaStudyOutput],
  ['control', controlStudyOutput],
]);

/** The result of a stored study that has just run: its command's format, else the `show` report. */
export function studyOutput(store: StudyStore, study: Study<unknown>, stored: StoredStudy, summary: StudySummary): StudyOutput {
  const own = OUTPUTS.get(stored.task.id);
  if (own !== undefined) return own(study, stored, summary);
  return reportOutput(store, store.study(stored.name) ?? stored);
}

/** A stored study's `show` report as a result: what a study without its own format prints. */
export function reportOutput(store: StudyStore, stored: StoredStudy): StudyOutput {
  const report = studyReport(store, stored);
  return { text: formatStudyReport(report), json: report as unknown as Json };
}

/** A trial's objective values in a few characters, for the progress line: `error 0.013, ops 7`. */
export function describeBest(spec: Pick<StudySpec, 'objectives'>, best: Trial<unknown>): string {
  return spec.objectives.map((o, i) => `${o.name} ${formatNumber(best.values[i]!)}`).join(', ');
}
