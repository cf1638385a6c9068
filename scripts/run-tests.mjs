#!/usr/bin/env node
// Runs the compiled tests (npm run build first) with Node's test runner:
// unit tests beside the code (dist/src/**/*.test.js) and end-to-end tests (dist/test/**/*.test.js).
// Arguments narrow the run to files whose path contains one of them, e.g. `node scripts/run-tests.mjs skills/`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  let out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(find(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [...find('dist/src'), ...find('dist/test')].filter((file) => filters.length === 0 || filters.some((f) => file.includes(f))).sort();
if (files.length === 0) {
  console.error('no test files found: run npm run build first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
