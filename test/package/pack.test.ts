import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { ROOT, installPackedPackage, plainEnv, type InstalledPackage } from './installed-package.ts';

// The README's quickstart as plain JavaScript: what a user's `.mjs` file would hold.
const quickstart = ts.transpileModule(readFileSync(join(ROOT, 'examples/quickstart.ts'), 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
}).outputText;

/** The quickstart as CommonJS: the static import becomes `await import()` inside an async function. */
function asCommonJs(esm: string): string {
  const body = esm.replace(/^import \{([^}]*)\} from 'amoeba';$/m, "const {$1} = await import('amoeba');");
  assert.notEqual(body, esm, 'the quickstart no longer starts with one import from amoeba');
  return `'use strict';\n(async () => {\n${body}\n})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
}

function plainNode(args: readonly string[], cwd: string): string {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

const subpaths = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: object }).exports).filter((p) => p !== './package.json');

describe('the packed package', { timeout: 240_000 }, () => {
  let installed: InstalledPackage;
  before(() => {
    installed = installPackedPackage();
  });
  after(() => {
    if (installed !== undefined) rmSync(installed.dir, { recursive: true, force: true });
  });

  it('holds compiled JavaScript with types, and no TypeScript sources', () => {
    assert.ok(installed.files.includes('dist/index.js') && installed.files.includes('dist/index.d.ts'));
    assert.ok(installed.files.includes('dist/executors/worker.js'), 'the worker threads entry is missing');
    assert.ok(installed.files.includes('dist/dashboard/assets/common.js'), "the dashboard's page scripts are missing");
    const sources = installed.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    assert.deepEqual(sources, []);
    assert.deepEqual(installed.files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('bench/')), []);
  });

  it('runs the README quickstart with plain node from a "type": "module" project', () => {
    writeFileSync(join(installed.esmProject, 'quickstart.js'), quickstart);
    assert.match(plainNode(['quickstart.js'], installed.esmProject), /best: .*\(error 0\)/);
  });

  it('runs the README quickstart with plain node from a CommonJS project, through await import()', () => {
    writeFileSync(join(installed.cjsProject, 'quickstart.js'), asCommonJs(quickstart));
    assert.match(plainNode(['quickstart.js'], installed.cjsProject), /best: .*\(error 0\)/);
  });

  it('loads every subpath export with plain node, none exporting a class other than an error', () => {
    const specifiers = subpaths.map((p) => `amoeba${p.slice(1)}`);
    // Users build with factories; only error classes are exported, for instanceof checks.
    const script = `const found = {};
for (const s of ${JSON.stringify(specifiers)}) {
  const m = await import(s);
  if (Object.keys(m).length === 0) throw new Error(s + ' exports nothing');
  found[s] = Object.entries(m).filter(([, v]) => typeof v === 'function' && /^class\\b/.test(Function.prototype.toString.call(v)) && !(v.prototype instanceof Error)).map(([k]) => k);
}
console.log(JSON.stringify(found));`;
    writeFileSync(join(installed.esmProject, 'subpaths.js'), script);
    const classes = JSON.parse(plainNode(['subpaths.js'], installed.esmProject)) as { [specifier: string]: string[] };
    assert.deepEqual(Object.keys(classes), specifiers);
    for (const [specifier, names] of Object.entries(classes)) assert.deepEqual(names, [], `${specifier} exports classes`);
  });

  it('gives TypeScript users the types of the quickstart', () => {
    const project = installed.esmProject;
    writeFileSync(join(project, 'quickstart.ts'), readFileSync(join(ROOT, 'examples/quickstart.ts'), 'utf8'));
    const options = { strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, module: 'nodenext', target: 'es2023', noEmit: true, skipLibCheck: true, types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['quickstart.ts'] }));
    plainNode([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
  });

  it('runs the amoeba command from the install: a stored search on worker threads, listed by its store', () => {
    const project = installed.esmProject;
    const rows = Array.from({ length: 30 }, (_, i) => `${i / 10},${(i / 10) ** 2 + 1}`);
    writeFileSync(join(project, 'data.csv'), `x,y\n${rows.join('\n')}\n`);
    const bin = join(installed.dir, 'node_modules/.bin/amoeba');
    const search = execFileSync(bin, ['sr', 'data.csv', '--target', 'y', '--budget', '200', '--workers', '2', '--executor', 'threads', '--seed', '1', '--db', 'runs.db', '--quiet'], {
      cwd: project,
      encoding: 'utf8',
      env: plainEnv(),
    });
    assert.match(search, /best/);
    assert.match(execFileSync(bin, ['studies', '--db', 'runs.db'], { cwd: project, encoding: 'utf8', env: plainEnv() }), /sr-1/);
  });

  it("serves the dashboard from the install: its page scripts and the libraries' browser builds", async () => {
    const project = installed.esmProject;
    const bin = join(installed.dir, 'node_modules/.bin/amoeba');
    const dashboard = spawn(bin, ['dashboard', '--db', 'runs.db', '--port', '0'], { cwd: project, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        dashboard.stdout.setEncoding('utf8').on('data', (t: string) => void ((out += t), /^http\S+\n/.test(out) && resolve(out.trim())));
        dashboard.on('exit', (code) => reject(new Error(`amoeba dashboard exited with ${code}`)));
      });
      for (const path of ['/', '/assets/study.js', '/lib/vega/vega.min.js', '/lib/vega-lite/vega-lite.min.js', '/lib/katex/katex.min.js', '/api/studies']) {
        assert.equal((await fetch(new URL(path, url))).status, 200, path);
      }
    } finally {
      dashboard.kill('SIGTERM');
    }
  });
});
