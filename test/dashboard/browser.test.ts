import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sqliteStore } from '../../src/store/index.ts';
import { spawnCli, type RunningCli } from '../helpers/cli.ts';
import { GRAPH_SPACE, writeSyntheticStudy } from '../helpers/synthetic-study.ts';

/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against a
 * formula search running in another process. Screenshots of every page go to
 * out/test/dashboard/ for a person to look at.
 */

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = join(import.meta.dirname, '../../out/test/dashboard');

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

/** The address a started dashboard prints on its standard output. */
export async function dashboardUrl(dashboard: RunningCli): Promise<string> {
  await dashboard.waitForErr(/read-only/);
  while (!/^http/.test(dashboard.out())) await new Promise((resolve) => setTimeout(resolve, 20));
  return dashboard.out().trim().replace(/\/$/, '');
}

/** The part of the browser's `document` the page functions read (the tests compile without the DOM types). */
interface BrowserDocument {
  readonly document: { querySelector(selector: string): { readonly textContent: string | null } | null };
}

const chromiumPath = findChromium();
const skip = chromiumPath === undefined ? 'chromium is not installed (apt-get install chromium; .ci/run installs it): the browser tests need it' : false;

describe('the dashboard in a browser, beside a running search', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'amoeba-dashboard-browser-'));
  const db = join(dir, 'runs.db');
  let search: RunningCli;
  let dashboard: RunningCli;
  let url = '';
  // playwright-core's types are loaded only when the browser is there.
  let browser: import('playwright-core').Browser;
  let page: import('playwright-core').Page;
  const consoleErrors: string[] = [];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const rows = ['x,y', ...Array.from({ length: 60 }, (_, i) => { const x = i / 6 - 5; return `${x},${x * x * x - 2 * x + Math.cos(3 * x)}`; })];
    writeFileSync(join(dir, 'data.csv'), rows.join('\n') + '\n');
    search = spawnCli(['sr', join(dir, 'data.csv'), '--target', 'y', '--db', db, '--workers', '1', '--budget', '10000000', '--time-limit', '120'], dir);
    await search.waitForErr(/study 'sr-1'/);
    // A finished group of two studies beside the running search, written while it writes.
    const store = sqliteStore({ path: db });
    store.createGroup({ name: 'seeds', command: 'test', config: null });
    for (const member of ['seeds/a', 'seeds/b']) writeSyntheticStudy(store, member, 400, { failEvery: 9, cachedEvery: 6, space: GRAPH_SPACE });
    store.close();
    dashboard = spawnCli(['dashboard', '--db', db, '--port', '0'], dir);
    url = await dashboardUrl(dashboard);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(`${message.text()} (${message.location().url})`)));
    page.on('pageerror', (error) => void consoleErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    for (const child of [dashboard, search]) child?.child.kill('SIGKILL');
    await Promise.all([dashboard?.exited, search?.exited]);
  });

  it('lists the running study on the studies page, and the group with its members', async () => {
    await page.goto(`${url}/`);
    const link = page.locator('a.study-link', { hasText: 'sr-1' });
    await link.waitFor({ timeout: 10_000 });
    const text = await page.locator('#studies').innerText();
    assert.match(text, /symbolic-regression\s+running/);
    assert.match(text, /group seeds — test, 2\/2 studies ended/);
    await page.screenshot({ path: join(SCREENSHOTS, 'studies.png'), fullPage: true });
  });

  it("shows a trial the search writes within 2 s, and draws the study's charts and front", async () => {
    await page.goto(`${url}/study?name=sr-1`);
    const trials = page.locator('[data-fact="trials"] b');
    await trials.waitFor();
    await page.locator('#front svg').waitFor({ timeout: 10_000 });
    const before = Number(await trials.innerText());
    // The store's own batching (100 ms) and the dashboard's poll (250 ms) sit inside the 2 s.
    await page.waitForFunction(({ selector, seen }) => Number((globalThis as unknown as BrowserDocument).document.querySelector(selector)?.textContent) > seen, { selector: '[data-fact="trials"] b', seen: before }, { timeout: 2000 });
    assert.ok((await page.locator('#trials svg').count()) === 1, 'the best-so-far chart is drawn');
    assert.ok((await page.locator('#trials-table tbody tr').count()) > 0, 'the trial table has rows');
    await page.screenshot({ path: join(SCREENSHOTS, 'study.png'), fullPage: true });
  });

  it("exports a plot as PNG and SVG and the trial table as CSV", async () => {
    const saved = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = join(SCREENSHOTS, download.suggestedFilename());
      await download.saveAs(path);
      return { name: download.suggestedFilename(), head: readFileSync(path).subarray(0, 8) };
    };
    const png = await saved(() => page.locator('#trials button', { hasText: 'PNG' }).click());
    assert.equal(png.name, 'sr-1-best-by-trials.png');
    assert.deepEqual([...png.head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = await saved(() => page.locator('#front button', { hasText: 'SVG' }).click());
    assert.match(svg.head.toString(), /^<svg/);
    const csv = await saved(() => page.locator('#table a', { hasText: 'CSV' }).click());
    assert.equal(csv.name, 'sr-1-trials.csv');
    assert.match(csv.head.toString(), /^id,statu/);
  });

  it('renders a program of the front as text, math and a graph', async () => {
    const front = (await (await fetch(`${url}/api/study?name=sr-1`)).json()) as { front: { id: number }[] };
    const id = front.front[0]!.id; // the most accurate formula, which reads x
    await page.goto(`${url}/program?name=sr-1&id=${id}`);
    await page.locator('#program-text').waitFor();
    await page.locator('#program-math .katex').first().waitFor();
    await page.locator('#program-dag svg').waitFor();
    assert.match(await page.locator('#program-text').innerText(), /x/);
    await page.screenshot({ path: join(SCREENSHOTS, 'program.png'), fullPage: true });
  });

  it('plots studies against each other on the compare page', async () => {
    await page.goto(`${url}/compare?names=${encodeURIComponent('seeds/a,seeds/b')}`);
    await page.locator('#compare-chart svg').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'compare.png'), fullPage: true });
  });

  it('wrote no errors to the browser console on any page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
