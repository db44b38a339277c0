import '../tasks/symbolic-regression/register.ts';
import { formatNumber, formatStudyReport, studyReport } from '../report/index.ts';
import { openStoreFile } from '../store/index.ts';
import type { StoredGroup, StoredStudy, StudyStore } from '../store/index.ts';
import type { Json } from '../core/types.ts';
import { formulaStudyReport } from './sr.ts';
import { intFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { requireStudyOrGroup } from './study-group.ts';

/**
 * `amoeba show [study|group]`: a study's summary, trial counts by status, and its best trials
 * (one objective) or Pareto front (several), programs printed; for a group, one line per
 * member study. The newest study or group by default.
 *
 * @example
 * amoeba show --db runs.db
 * amoeba show sr-1 --json
 * amoeba show nas-compare-1
 */
export const showCommand: CliCommand = (program, io = processIo) => {
  program
    .command('show')
    .description('summarise a stored study (counts by status and the best trials or Pareto front), or each study of a group')
    .argument('[study]', 'the study or group name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--top <n>', 'best trials to list for a single objective', intFlag('top', 1), 5)
    .option('--json', 'print JSON')
    .action((name: string | undefined, flags: { db?: string; top: number; json?: boolean }) => {
      const store = openStoreFile(flags.db, { mustExist: true });
      try {
        const target = requireStudyOrGroup(store, name);
        if (target.kind === 'group') {
          const members = groupMembers(store, target.group);
          io.out(flags.json === true ? `${JSON.stringify({ group: target.group.name, command: target.group.command, members }, null, 2)}\n` : formatGroup(target.group, members));
          return;
        }
        const own = SHOW_FORMATS.get(target.study.task.id);
        if (own !== undefined) {
          const output = own(store, target.study);
          io.out(flags.json === true ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
          return;
        }
        const report = studyReport(store, target.study, flags.top);
        io.out(flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatStudyReport(report));
      } finally {
        store.close();
      }
    });
};

/**
 * Tasks whose studies `show` prints in their own command's terms: a formula study as the
 * front `sr` prints (each formula fitted and simplified, with the same complexity).
 */
const SHOW_FORMATS: ReadonlyMap<string, (store: StudyStore, study: StoredStudy) => { readonly text: string; readonly json: Json }> = new Map([['symbolic-regression', formulaStudyReport]]);

/** One member of a group as `show` summarises it. */
interface MemberSummary {
  readonly name: string;
  readonly status: string;
  readonly stopReason: string | null;
  readonly done: number;
  readonly failed: number;
  readonly budget: number | null;
  /** The best trial's values (one objective) or the front's size (several); null before any finished. */
  readonly best: { readonly [objective: string]: number } | null;
  readonly front: number | null;
}

function groupMembers(store: StudyStore, group: StoredGroup): MemberSummary[] {
  return group.members.map((name) => {
    const report = studyReport(store, store.study(name)!, 1);
    const s = report.study;
    return {
      name,
      status: s.status,
      stopReason: s.stopReason ?? null,
      done: report.counts.done,
      failed: report.counts.failed,
      budget: s.budgetTrials ?? null,
      best: report.kind === 'best' ? (report.trials[0]?.values ?? null) : null,
      front: report.kind === 'front' ? report.trials.length : null,
    };
  });
}

function formatGroup(group: StoredGroup, members: readonly MemberSummary[]): string {
  const lines = [`group ${group.name}: ${group.command}, ${members.length} studies, created ${new Date(group.createdAt).toISOString()}`];
  const width = Math.max(0, ...members.map((m) => m.name.length));
  for (const m of members) {
    const status = m.stopReason === null ? m.status : `${m.status} (${m.stopReason})`;
    const result = m.front !== null ? `front of ${m.front}` : m.best === null ? 'no finished trials yet' : `best ${Object.entries(m.best).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ')}`;
    lines.push(`  ${m.name.padEnd(width)}  ${status}, ${m.done}/${m.budget ?? '—'} done, ${m.failed} failed; ${result}`);
  }
  if (members.length === 0) lines.push('  (no studies yet)');
  return lines.join('\n') + '\n';
}
