#!/usr/bin/env node
// In a checkout the TypeScript sources run through tsx, so there is nothing to rebuild; the
// published package has no sources and runs its compiled JavaScript on plain Node.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(sources.href);
} else {
  await import('../dist/cli/main.js');
}
