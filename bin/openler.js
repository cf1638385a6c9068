#!/usr/bin/env node
// Entry point of the `openler` command: runs the compiled CLI (npm run build).
import('../dist/src/cli/main.js').then((cli) => cli.main(process.argv));
