/**
 * Packs this repository with `npm pack` and installs the tarball into two fresh npm projects
 * that share one install: a workspace root whose members are a `"type": "module"` project and
 * a CommonJS one, both depending on the tarball. npm installs the tarball's dependencies at
 * the versions of this repository's lockfile, from the local npm cache, so the install works
 * without a network; better-sqlite3 gets this checkout's compiled binary instead of building
 * from source (a minute or two), which is the only file not installed by npm.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/** Where the two projects live, and what was packed. */
export interface InstalledPackage {
  readonly dir: string;
  readonly esmProject: string;
  readonly cjsProject: string;
  readonly tarball: string;
  /** The paths of the packed files (`dist/index.js`, ...). */
  readonly files: readonly string[];
}

interface LockEntry {
  readonly dev?: boolean;
  readonly [field: string]: unknown;
}

/** Runs npm with the environment of a plain shell: no loader flags inherited from the test. */
export function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The environment without `NODE_OPTIONS`, so nothing but plain Node runs the installed code. */
export function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Packs the repository, then installs the tarball into the two projects. */
export function installPackedPackage(): InstalledPackage {
  const dir = mkdtempSync(join(tmpdir(), 'amoeba-pack-'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
  const { filename, files } = packed[0]!;
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: object; bin: object; engines: object };
  const spec = `file:../${filename}`;
  const projects = {
    esm: { name: 'esm-user', version: '1.0.0', private: true, type: 'module', dependencies: { amoeba: spec } },
    cjs: { name: 'cjs-user', version: '1.0.0', private: true, type: 'commonjs', dependencies: { amoeba: spec } },
  };
  const workspaces = Object.keys(projects);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'amoeba-pack-test', private: true, workspaces }));
  const packages: { [path: string]: unknown } = {
    '': { name: 'amoeba-pack-test', workspaces },
    'node_modules/amoeba': { version: manifest.version, resolved: `file:${filename}`, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
  };
  for (const [folder, project] of Object.entries(projects)) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'package.json'), JSON.stringify(project));
    packages[folder] = { name: project.name, version: project.version, dependencies: project.dependencies };
    packages[`node_modules/${project.name}`] = { resolved: folder, link: true };
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: { [path: string]: LockEntry } };
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && entry.dev !== true) packages[path] = entry;
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'amoeba-pack-test', lockfileVersion: 3, requires: true, packages }));
  const install = ['ci', '--no-audit', '--no-fund', '--ignore-scripts'];
  try {
    npm([...install, '--offline'], dir);
  } catch {
    // A cache without some tarball (a machine that never ran `npm ci` here) may still reach the registry.
    npm([...install, '--prefer-offline'], dir);
  }
  const binary = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(join(dir, binary, '..'), { recursive: true });
  copyFileSync(join(ROOT, binary), join(dir, binary));
  return { dir, esmProject: join(dir, 'esm'), cjsProject: join(dir, 'cjs'), tarball: join(dir, filename), files: files.map((f) => f.path) };
}
