import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/store/sqlite-driver.ts';
import { sqliteStore } from '../../src/store/index.ts';
import { cli, spawnCli, type RunningCli } from '../helpers/cli.ts';
import { writeSyntheticStudy } from '../helpers/synthetic-study.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-dashboard-cli-'));
const db = join(dir, 'runs.db');

before(() => {
  const store = sqliteStore({ path: db });
  writeSyntheticStudy(store, 'one', 20);
  store.close();
});

/** The address a started dashboard prints on its standard output. */
async function printedUrl(dashboard: RunningCli): Promise<string> {
  await dashboard.waitForErr(/read-only/);
  while (!/^http/.test(dashboard.out())) await new Promise((resolve) => setTimeout(resolve, 20));
  return dashboard.out().trim();
}

/** Resolves true when a TCP connection to host:port opens, false when it is refused. */
function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('amoeba dashboard refuses a store it cannot read, with one line and exit code 2', () => {
  it('a file that is not SQLite', async () => {
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'x,y\n1,2\n');
    const { code, err } = await cli('dashboard', '--db', csv, '--port', '0');
    assert.equal(code, 2);
    assert.equal(err.trim().split('\n').length, 1);
    assert.match(err, /data\.csv is not a study store \(not a SQLite file\)/);
  });

  it('a missing file, without creating it', async () => {
    const { code, err } = await cli('dashboard', '--db', join(dir, 'missing.db'), '--port', '0');
    assert.equal(code, 2);
    assert.match(err, /no study store at .*missing\.db/);
  });

  it('a SQLite file that holds no study store', async () => {
    const other = join(dir, 'other.db');
    const plain = openDatabase(other);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    const { code, err } = await cli('dashboard', '--db', other, '--port', '0');
    assert.equal(code, 2);
    assert.match(err, /other\.db is a SQLite file but not a study store/);
  });

  it('a store another process holds locked', async () => {
    const locked = join(dir, 'locked.db');
    const store = sqliteStore({ path: locked });
    writeSyntheticStudy(store, 'x', 3);
    store.close();
    const holder = openDatabase(locked);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const { code, err } = await cli('dashboard', '--db', locked, '--port', '0');
      assert.equal(code, 2);
      assert.match(err, /locked\.db is locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('a host other machines reach, without --allow-remote', async () => {
    const { code, err } = await cli('dashboard', '--db', db, '--host', '0.0.0.0', '--port', '0');
    assert.equal(code, 2);
    assert.match(err, /--host 0\.0\.0\.0 lets other machines reach the dashboard; add --allow-remote/);
  });
});

describe('amoeba dashboard on its default host', () => {
  let dashboard: RunningCli;
  after(async () => {
    dashboard?.child.kill('SIGTERM');
    await dashboard?.exited;
  });

  it('listens on loopback only and stops on SIGTERM', async () => {
    dashboard = spawnCli(['dashboard', '--db', db, '--port', '0']);
    const url = new URL(await printedUrl(dashboard));
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.search, '', 'no token on loopback');
    assert.equal((await fetch(new URL('/api/studies', url))).status, 200);
    const outside = Object.values(networkInterfaces()).flat().find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
    if (outside !== undefined) assert.equal(await canConnect(outside.address, Number(url.port)), false, `reachable on ${outside.address}`);
    dashboard.child.kill('SIGTERM');
    const { code, err } = await dashboard.exited;
    assert.equal(code, 0, err); // stopping is how a dashboard ends: not a failure
    assert.match(err, /SIGTERM: stopped/);
  });
});

describe('amoeba dashboard --allow-remote', () => {
  it('prints an address with a token, and refuses requests without it', async () => {
    const dashboard = spawnCli(['dashboard', '--db', db, '--port', '0', '--host', '0.0.0.0', '--allow-remote']);
    try {
      const url = new URL(await printedUrl(dashboard));
      const token = url.searchParams.get('token');
      assert.match(token ?? '', /^[0-9a-f]{32}$/);
      assert.match(dashboard.err(), /every request must carry this token/);
      const local = `http://127.0.0.1:${url.port}`;
      assert.equal((await fetch(`${local}/api/studies`)).status, 401);
      assert.equal((await fetch(`${local}/api/studies?token=${token}`)).status, 200);
    } finally {
      dashboard.child.kill('SIGTERM');
      await dashboard.exited;
    }
  });
});
