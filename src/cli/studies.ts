import { DEFAULT_STORE_FILE, openStoreFile, requireStudy } from '../store/index.ts';
import { processIo } from './command.ts';
import type { CliCommand } from './command.ts';

/**
 * `amoeba studies`: lists the studies in a store with their status and trial counts, or
 * deletes one with `--delete NAME`.
 *
 * @example
 * amoeba studies --db runs.db
 * amoeba studies --db runs.db --delete sr-2
 */
export const studiesCommand: CliCommand = (program, io = processIo) => {
  program
    .command('studies')
    .description('list the studies in a store')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--json', 'print JSON instead of a table')
    .option('--delete <name>', 'delete this study, its trials and snapshots, from the store')
    .action((flags: { db?: string; json?: boolean; delete?: string }) => {
      const store = openStoreFile(flags.db, { mustExist: true });
      try {
        if (flags.delete !== undefined) {
          const study = requireStudy(store, flags.delete);
          const counts = store.counts(study.name);
          store.deleteStudy(study.name);
          io.out(`deleted study '${study.name}' (${counts.done + counts.failed + counts.running + counts.pending} trials) from ${flags.db ?? DEFAULT_STORE_FILE}\n`);
          return;
        }
        const rows = store.studies().map((s) => ({ name: s.name, task: s.task.id, status: s.status, stopReason: s.stopReason ?? null, ...store.counts(s.name), budget: s.budgetTrials ?? null, updated: new Date(s.updatedAt).toISOString() }));
        if (flags.json === true) {
          io.out(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        if (rows.length === 0) {
          io.out('no studies in this store yet\n');
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
