import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('gives the set-up-and-demo command and the test command on its first screen', () => {
    const firstScreen = readme.split('\n').slice(0, 24).join('\n');
    assert.match(firstScreen, /npm install && npx amoeba demo/);
    assert.match(firstScreen, /npm test/);
  });

  it('shows the quickstart example exactly as it is in examples/', () => {
    const example = readFileSync(join(root, 'examples/quickstart.ts'), 'utf8');
    assert.ok(readme.includes('```ts\n' + example + '```'), 'README code block and examples/quickstart.ts differ');
  });

  it('runs the quickstart example to an exact fit', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'examples/quickstart.ts')], { cwd: root, encoding: 'utf8' });
    assert.match(out, /best: .*\(error 0\)/);
  });

  it('shows the search file exactly as it is in examples/, and amoeba run finds its exact fit', () => {
    const example = readFileSync(join(root, 'examples/search.ts'), 'utf8');
    assert.ok(readme.includes('```ts\n' + example + '```'), 'README code block and examples/search.ts differ');
    const out = execFileSync(process.execPath, [join(root, 'bin/amoeba.js'), 'run', 'examples/search.ts', '--no-db', '--workers', '1', '--budget', '3000', '--quiet'], { cwd: root, encoding: 'utf8' });
    assert.match(out, /best \d+ trials:\n {2}#\d+ {2}error 0\n/);
  });

  it('shows the symbolic-regression example exactly as it is in examples/, and it fits and reads back its model', () => {
    const example = readFileSync(join(root, 'examples/symbolic-regression.ts'), 'utf8');
    assert.ok(readme.includes('```ts\n' + example + '```'), 'README code block and examples/symbolic-regression.ts differ');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'examples/symbolic-regression.ts')], { cwd: root, encoding: 'utf8' });
    assert.match(out, /validation R² 1\b/);
    assert.match(out, /predicted: 2\n/);
    assert.match(out, /read back: /);
  });
});
