import { UsageError } from '../core/errors.ts';
import { isLoopbackHost, newToken } from '../dashboard/access.ts';
import { startDashboard } from '../dashboard/server.ts';
import { StoreWatch } from '../dashboard/store-watch.ts';
import { DEFAULT_STORE_FILE } from '../store/index.ts';
import { intFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { STOP_SIGNALS } from './signals.ts';

/**
 * `amoeba dashboard`: serves a live page of a study store (read-only, beside the searches
 * writing to it) until Ctrl-C. Bound to loopback; another host needs `--allow-remote`, and
 * then every request must carry the token it prints.
 *
 * @example
 * amoeba dashboard --db runs.db
 * amoeba dashboard --db runs.db --host 0.0.0.0 --allow-remote --port 8080
 */
export const dashboardCommand: CliCommand = (program, io = processIo) => {
  program
    .command('dashboard')
    .description('watch the studies of a store live in the browser: progress, fronts, failures, programs, comparisons')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--port <n>', 'the port to listen on (0: any free one)', intFlag('port', 0, 65535), 8080)
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option('--allow-remote', 'serve on a host other machines can reach; every request must then carry the printed token')
    .action(async (flags: { db?: string; port: number; host: string; allowRemote?: boolean }) => {
      const remote = !isLoopbackHost(flags.host);
      if (remote && flags.allowRemote !== true) {
        throw new UsageError(`--host ${flags.host} lets other machines reach the dashboard; add --allow-remote to serve it there behind an access token, or leave --host at 127.0.0.1`);
      }
      const watch = new StoreWatch(flags.db ?? DEFAULT_STORE_FILE);
      let dashboard;
      try {
        dashboard = await startDashboard({ watch, host: flags.host, port: flags.port, token: remote ? newToken() : undefined });
      } catch (error) {
        watch.close();
        throw error;
      }
      const count = watch.studies().length;
      io.err(`amoeba dashboard: ${count} ${count === 1 ? 'study' : 'studies'} in ${flags.db ?? DEFAULT_STORE_FILE}, read-only; Ctrl-C stops it\n`);
      if (remote) io.err('amoeba dashboard: every request must carry this token; share the address below only with whom may read the store\n');
      io.out(`${dashboard.url}\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        const stop = (s: NodeJS.Signals) => {
          for (const each of STOP_SIGNALS) process.off(each, stop);
          resolve(s);
        };
        for (const each of STOP_SIGNALS) process.on(each, stop);
      });
      await dashboard.close();
      watch.close();
      io.err(`amoeba dashboard: ${signal}: stopped\n`);
    });
};
