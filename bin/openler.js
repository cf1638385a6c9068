#!/usr/bin/env node
// Entry point of the `openler` command: runs the compiled CLI (npm run build).
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// A larger young generation: the server allocates many short-lived objects per
// request, and fewer scavenges mean a shorter latency tail.
setFlagsFromString('--max-semi-space-size=64');
const cli = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('openler: not built yet; run npm run build (npm start and npm test build it for you)\n');
  process.exit(1);
}
import(cli.href).then((module) => module.main(process.argv));
