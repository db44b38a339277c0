import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newToken } from '../../src/dashboard/access.ts';
import { startDashboard, type Dashboard } from '../../src/dashboard/server.ts';
import { StoreWatch } from '../../src/dashboard/store-watch.ts';
import { sqliteStore } from '../../src/store/index.ts';
import { GRAPH_SPACE, writeSyntheticStudy } from '../helpers/synthetic-study.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-dashboard-'));
const db = join(dir, 'runs.db');

/** GETs `path` with the given headers through node:http (fetch may not set Host). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (t: string) => void (body += t));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(() => {
  const store = sqliteStore({ path: db });
  writeSyntheticStudy(store, 'two', 70, { failEvery: 7, cachedEvery: 5, workers: 3, space: GRAPH_SPACE, running: true });
  store.createGroup({ name: 'seeds', command: 'test', config: null });
  writeSyntheticStudy(store, 'seeds/a', 10);
  store.close();
});

describe('a dashboard on loopback', () => {
  let watch: StoreWatch;
  let dashboard: Dashboard;
  before(async () => {
    watch = new StoreWatch(db);
    dashboard = await startDashboard({ watch, host: '127.0.0.1', port: 0, pollMs: 50 });
  });
  after(async () => {
    await dashboard.close();
    watch.close();
  });

  it('lists every study with its counts, group members under their group', async () => {
    const { studies, groups } = JSON.parse((await get(dashboard.port, '/api/studies')).body);
    const two = studies.find((s: { name: string }) => s.name === 'two');
    assert.deepEqual([two.trials, two.done, two.failed, two.cached, two.workers, two.frontSize > 0], [70, 60, 10, 14, 3, true]);
    assert.deepEqual(groups.map((g: { name: string; members: string[] }) => [g.name, g.members]), [['seeds', ['seeds/a']]]);
    assert.equal(studies.find((s: { name: string }) => s.name === 'seeds/a').group, 'seeds');
  });

  it('gives a study its best-so-far curve, front and failures by reason', async () => {
    const s = JSON.parse((await get(dashboard.port, '/api/study?name=two')).body);
    const bests = s.curve.map((p: { best: number }) => p.best);
    assert.deepEqual(bests, [...bests].sort((a, b) => b - a), 'the best only improves');
    assert.deepEqual(s.failures.map((f: { count: number }) => f.count).reduce((a: number, b: number) => a + b), 10);
    assert.ok(s.front.length > 0 && s.front.every((p: { values: number[] }) => p.values.length === 2));
    assert.equal(s.cacheHitRate, 14 / 70);
  });

  it('sorts and filters the trial table, and exports it as CSV', async () => {
    const t = JSON.parse((await get(dashboard.port, '/api/trials?name=two&sort=error&status=done&limit=1000')).body);
    assert.deepEqual(t.columns, ['id', 'status', 'error', 'complexity', 'cached', 'finished_s']);
    assert.equal(t.total, 60);
    const errors = t.rows.map((r: number[]) => r[2]);
    assert.deepEqual(errors, [...errors].sort((a, b) => a - b));
    const page = JSON.parse((await get(dashboard.port, '/api/trials?name=two&sort=complexity&desc=1&offset=10&limit=20')).body);
    const whole = (await get(dashboard.port, '/api/trials?name=two&sort=complexity&desc=1&format=csv')).body.trimEnd().split('\n').slice(1);
    assert.deepEqual(page.rows.map((r: number[]) => r[0]), whole.slice(10, 30).map((l) => Number(l.split(',')[0])), 'a page is the slice of the whole sorted table');
    const csv = await get(dashboard.port, '/api/trials?name=two&status=failed&format=csv');
    const lines = csv.body.trimEnd().split('\n');
    assert.equal(lines[0], 'id,status,error,complexity,cached,finished_s');
    assert.equal(lines.length, 11);
    assert.match(String(csv.headers['content-disposition']), /two-trials\.csv/);
  });

  it('renders a graph program as math and as an SVG graph', async () => {
    const p = JSON.parse((await get(dashboard.port, '/api/program?name=two&id=4')).body);
    assert.match(p.text, /sin\(.*y/);
    assert.match(p.latex[0], /\\sin.*\\mathrm\{y\}/);
    assert.match(p.dagSvg, /^<svg[^>]*>[\s\S]*>sin<[\s\S]*>output<[\s\S]*<\/svg>$/);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const refused = await get(dashboard.port, '/api/studies', { Host: 'attacker.example:80' });
    assert.equal(refused.status, 421);
  });

  it('serves the libraries the page loads and nothing else from node_modules', async () => {
    assert.equal((await get(dashboard.port, '/lib/vega/vega.min.js')).status, 200);
    assert.equal((await get(dashboard.port, '/lib/katex/fonts/KaTeX_Main-Regular.woff2')).status, 200);
    assert.equal((await get(dashboard.port, '/lib/vega/package.json')).status, 404);
    assert.equal((await get(dashboard.port, '/lib/katex/%2e%2e/package.json')).status, 404);
  });

  it('sends a change event naming the study when another connection writes a trial', async () => {
    const events: string[] = [];
    const seen = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: dashboard.port, path: '/events' }, (res) => {
        res.setEncoding('utf8').on('data', (t: string) => {
          events.push(t);
          if (/event: hello/.test(events.join(''))) writer();
          if (/event: change\ndata: .*"two"/.test(events.join(''))) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (error) => (/aborted|socket hang up/.test(error.message) ? undefined : reject(error)));
      req.end();
    });
    let wrote = false;
    const writer = () => {
      if (wrote) return;
      wrote = true;
      const store = sqliteStore({ path: db });
      const log = store.log('two');
      log.proposed({ id: 70, genotype: { inputs: 2, vertices: [], outputs: [0] }, key: 'new', hash: undefined, seq: 140, proposedMs: 10 });
      log.finished({ id: 70, status: 'done', values: [0.5, 1], error: undefined, cached: false, info: undefined, seq: 141, finishedMs: 11 });
      store.close();
    };
    await seen;
    const { studies } = JSON.parse((await get(dashboard.port, '/api/studies')).body);
    assert.equal(studies.find((s: { name: string }) => s.name === 'two').trials, 71);
  });
});

describe('a dashboard beyond loopback', () => {
  let watch: StoreWatch;
  let dashboard: Dashboard;
  const token = newToken();
  before(async () => {
    watch = new StoreWatch(db);
    dashboard = await startDashboard({ watch, host: '0.0.0.0', port: 0, token });
  });
  after(async () => {
    await dashboard.close();
    watch.close();
  });

  it('refuses a request without the token', async () => {
    assert.equal((await get(dashboard.port, '/')).status, 401);
    assert.equal((await get(dashboard.port, '/api/studies')).status, 401);
    assert.equal((await get(dashboard.port, `/api/studies?token=${newToken()}`)).status, 401);
  });

  it('answers a request carrying the token in the link, a bearer header or the cookie the link sets', async () => {
    const first = await get(dashboard.port, `/?token=${token}`);
    assert.equal(first.status, 200);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    assert.equal((await get(dashboard.port, '/api/studies', { Cookie: cookie })).status, 200);
    assert.equal((await get(dashboard.port, '/api/studies', { Authorization: `Bearer ${token}` })).status, 200);
    assert.match(dashboard.url, new RegExp(`\\?token=${token}$`));
  });
});
