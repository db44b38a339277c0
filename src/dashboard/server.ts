import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError, isUsageError } from '../core/errors.ts';
import { csvCell } from '../report/trial-table.ts';
import { allowed, TOKEN_COOKIE } from './access.ts';
import { comparePayload, programPayload, studiesPayload, studyPayload, trialTable, type TableQuery } from './api.ts';
import { assetFile, contentType, libraryFile } from './libraries.ts';
import { pageHtml, PAGES } from './pages.ts';
import type { StoreWatch } from './store-watch.ts';

/** Options of `startDashboard`. */
export interface DashboardOptions {
  readonly watch: StoreWatch;
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  /** Every request must carry it (a dashboard served beyond loopback); undefined on loopback. */
  readonly token?: string | undefined;
  /** How often the store is looked at for new trials (default 250 ms). */
  readonly pollMs?: number;
}

/** A running dashboard. */
export interface Dashboard {
  /** The address to open, the token included when there is one. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Rows a table page holds at most. */
const MAX_TABLE_ROWS = 1000;

/**
 * Serves the dashboard: the pages, their scripts and libraries, the JSON they read, CSV
 * exports, and one server-sent event stream that says which studies changed each time the
 * store's poll sees a commit.
 */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const { watch, token } = options;
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      const status = isUsageError(error) ? 400 : 500;
      send(response, status, 'text/plain; charset=utf-8', isUsageError(error) ? error.message : 'internal error');
      if (!isUsageError(error)) process.stderr.write(`amoeba dashboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  });

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://dashboard');
    if (!allowed(request, url, token)) {
      send(response, token === undefined ? 421 : 401, 'text/plain; charset=utf-8', token === undefined ? 'this dashboard answers only requests addressed to localhost' : 'this dashboard needs its access token: open the address it printed (…?token=…)');
      return;
    }
    if (token !== undefined && url.searchParams.get('token') === token) response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'the dashboard only reads');
      return;
    }
    const path = url.pathname;
    const page = PAGES.find((p) => p.path === path);
    if (page !== undefined) return send(response, 200, 'text/html; charset=utf-8', pageHtml(page));
    if (path === '/events') return openStream(response);
    if (path.startsWith('/assets/')) return sendFile(response, assetFile(path.slice('/assets/'.length)));
    const lib = /^\/lib\/([\w-]+)\/(.+)$/.exec(path);
    if (lib !== null) return sendFile(response, libraryFile(lib[1]!, lib[2]!));
    const q = url.searchParams;
    const name = () => required(q, 'name');
    switch (path) {
      case '/api/studies':
        return sendJson(response, studiesPayload(watch));
      case '/api/study':
        return sendJson(response, studyPayload(watch, name()));
      case '/api/program':
        return sendJson(response, programPayload(watch, name(), wholeNumber(q, 'id', 0)));
      case '/api/compare':
        return sendJson(response, comparePayload(watch, required(q, 'names').split(',').filter((n) => n !== '')));
      case '/api/trials': {
        const csv = q.get('format') === 'csv';
        const query: TableQuery = {
          sort: q.get('sort') ?? 'id',
          descending: q.get('desc') === '1',
          status: q.get('status') ?? 'all',
          offset: csv ? 0 : wholeNumber(q, 'offset', 0),
          limit: csv ? Infinity : Math.min(MAX_TABLE_ROWS, wholeNumber(q, 'limit', 100)),
        };
        const table = trialTable(watch, name(), query);
        if (!csv) return sendJson(response, table);
        response.setHeader('Content-Disposition', `attachment; filename="${name().replace(/[^\w.-]/g, '_')}-trials.csv"`);
        const text = [table.columns, ...table.rows].map((row) => row.map((cell) => csvCell(cell === null ? '' : String(cell))).join(',')).join('\n') + '\n';
        return send(response, 200, 'text/csv; charset=utf-8', text);
      }
      default:
        send(response, 404, 'text/plain; charset=utf-8', `no page at ${path}`);
    }
  }

  function openStream(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    response.write(`event: hello\ndata: ${JSON.stringify({ version: watch.version })}\n\n`);
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  let heartbeat = 0;
  const pollMs = options.pollMs ?? 250;
  const timer = setInterval(() => {
    let changed: string[];
    try {
      changed = watch.poll();
    } catch (error) {
      process.stderr.write(`amoeba dashboard: reading the store failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return;
    }
    heartbeat += pollMs;
    if (changed.length > 0) {
      const message = `event: change\ndata: ${JSON.stringify({ version: watch.version, studies: changed })}\n\n`;
      for (const stream of streams) stream.write(message);
    } else if (heartbeat >= 15_000) {
      // A comment now and then keeps proxies from closing an idle stream.
      for (const stream of streams) stream.write(': idle\n\n');
      heartbeat = 0;
    }
  }, pollMs);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearInterval(timer);
      reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} on ${options.host} is taken; pick another with --port`) : error.code === 'EADDRNOTAVAIL' ? new UsageError(`${options.host} is not an address of this machine; give --host one of its own`) : error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shown}:${port}/${token === undefined ? '' : `?token=${token}`}`,
    port,
    close: () => closeServer(server, timer, streams),
  };
}

function closeServer(server: Server, timer: NodeJS.Timeout, streams: Set<ServerResponse>): Promise<void> {
  clearInterval(timer);
  for (const stream of streams) stream.end();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(body);
}

function sendJson(response: ServerResponse, value: unknown): void {
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendFile(response: ServerResponse, path: string | undefined): void {
  if (path === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'no such file');
  const stream = createReadStream(path);
  stream.once('error', () => send(response, 404, 'text/plain; charset=utf-8', 'no such file'));
  stream.once('open', () => {
    response.writeHead(200, { 'Content-Type': contentType(path), 'Cache-Control': 'max-age=3600' });
    stream.pipe(response);
  });
}

function required(q: URLSearchParams, key: string): string {
  const value = q.get(key);
  if (value === null || value === '') throw new UsageError(`the request needs ?${key}=`);
  return value;
}

function wholeNumber(q: URLSearchParams, key: string, fallback: number): number {
  const raw = q.get(key);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`?${key} must be a whole number >= 0, got '${raw}'`);
  return value;
}
