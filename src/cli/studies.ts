import { UsageError } from '../core/errors.ts';
import { DEFAULT_STORE_FILE, openStoreFile, requireStudy } from '../store/index.ts';
import type { StoredGroup, StoredStudy, StudyStore } from '../store/index.ts';
import { processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { groupProgress } from './study-group.ts';

/** One line of the table: a study, or a group summed over its members. */
interface Row {
  readonly name: string;
  readonly task: string;
  readonly status: string;
  readonly stopReason: string | null;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
  readonly pending: number;
  readonly budget: number | null;
  readonly updated: string;
  /** Groups only: the command that made it and how many of its studies are finished. */
  readonly group?: { readonly command: string; readonly members: number; readonly finished: number };
}

/**
 * `amoeba studies [group]`: lists the studies in a store with their status and trial counts,
 * a group of studies as one line; with a group's name, lists its members. `--delete NAME`
 * deletes a study, or a group with all its members.
 *
 * @example
 * amoeba studies --db runs.db
 * amoeba studies nas-compare-1 --db runs.db
 * amoeba studies --db runs.db --delete sr-2
 */
export const studiesCommand: CliCommand = (program, io = processIo) => {
  program
    .command('studies')
    .description('list the studies in a store, or the members of a group of studies')
    .argument('[group]', 'list the members of this group')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--json', 'print JSON instead of a table')
    .option('--delete <name>', 'delete this study, its trials and snapshots (a group: with all its studies) from the store')
    .action((groupName: string | undefined, flags: { db?: string; json?: boolean; delete?: string }) => {
      const store = openStoreFile(flags.db, { mustExist: true });
      try {
        if (flags.delete !== undefined) {
          io.out(`${deleteNamed(store, flags.delete)} from ${flags.db ?? DEFAULT_STORE_FILE}\n`);
          return;
        }
        const rows = groupName === undefined ? topLevelRows(store) : memberRows(store, groupName);
        if (flags.json === true) {
          io.out(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) {
          io.out(groupName === undefined ? 'no studies in this store yet\n' : `group '${groupName}' has no studies yet\n`);
          return;
        }
        const table = [['name', 'task', 'status', 'done', 'failed', 'running', 'budget', 'updated'], ...rows.map((r) => [r.name, r.task, r.stopReason === null ? r.status : `${r.status} (${r.stopReason})`, String(r.done), String(r.failed), String(r.running + r.pending), String(r.budget ?? '—'), r.updated])];
        const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
        io.out(table.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n');
      } finally {
        store.close();
      }
    });
};

/** Deletes a study or a group and says what went. */
function deleteNamed(store: StudyStore, name: string): string {
  const group = store.group(name);
  if (group !== undefined) {
    const { counts } = groupProgress(store, group);
    store.deleteStudy(name);
    return `deleted group '${name}' (${group.members.length} studies, ${counts.done + counts.failed + counts.running + counts.pending} trials)`;
  }
  const study = requireStudy(store, name);
  const counts = store.counts(study.name);
  store.deleteStudy(study.name);
  return `deleted study '${study.name}' (${counts.done + counts.failed + counts.running + counts.pending} trials)`;
}

/** The studies outside every group and one line per group, in the order they were made. */
function topLevelRows(store: StudyStore): Row[] {
  const groups = store.groups();
  const members = new Set(groups.flatMap((g) => g.members));
  const items: { createdAt: number; row: () => Row }[] = [
    ...store.studies().filter((s) => !members.has(s.name)).map((s) => ({ createdAt: s.createdAt, row: () => studyRow(store, s) })),
    ...groups.map((g) => ({ createdAt: g.createdAt, row: () => groupRow(store, g) })),
  ];
  // A stable sort: studies and groups made in the same millisecond keep their own order.
  return items.sort((a, b) => a.createdAt - b.createdAt).map((item) => item.row());
}

function memberRows(store: StudyStore, name: string): Row[] {
  const group = store.group(name);
  if (group === undefined) {
    const hint = store.study(name) === undefined ? "'amoeba studies' lists the groups" : `'${name}' is a study; 'amoeba show ${name}' shows it`;
    throw new UsageError(`no study group named '${name}' in the store; ${hint}`);
  }
  return group.members.map((member) => studyRow(store, store.study(member)!));
}

function studyRow(store: StudyStore, s: StoredStudy): Row {
  return { name: s.name, task: s.task.id, status: s.status, stopReason: s.stopReason ?? null, ...store.counts(s.name), budget: s.budgetTrials ?? null, updated: new Date(s.updatedAt).toISOString() };
}

function groupRow(store: StudyStore, g: StoredGroup): Row {
  const p = groupProgress(store, g);
  const status = p.members > 0 && p.finished === p.members ? 'ended' : 'running';
  return {
    name: g.name,
    task: `${g.command} (group)`,
    status,
    stopReason: `${p.finished}/${p.members} studies`,
    ...p.counts,
    budget: p.budget ?? null,
    updated: new Date(p.updatedAt).toISOString(),
    group: { command: g.command, members: p.members, finished: p.finished },
  };
}
