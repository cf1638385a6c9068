/**
 * npm run bench:extraction: extraction throughput alone, with ESCO read
 * straight from its download (no database), for profiling the hot path: a
 * bare lower-case-and-split pass, literal mode and full mode over the same
 * job-posting text, one thread. `npm run bench` prints the same figures.
 * OPENLER_BENCH_ONLY=literal|full and OPENLER_BENCH_REPEAT=N narrow a run;
 * --json prints the figures (seconds per pass, RSS in bytes) as one JSON line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEsco } from '../src/skills/importers/esco.js';
import { measureExtractionThroughput } from './extraction-throughput.js';

const root = resolve(import.meta.dirname, '..', '..');
const escoDir = process.env.OPENLER_BENCH_ESCO ?? resolve(root, '..', 'shared', 'data', 'esco');
const postingsFile = process.env.OPENLER_BENCH_POSTINGS ?? resolve(root, '..', 'shared', 'data', 'postings', 'nyc-jobs-2019.csv');

if (!existsSync(escoDir) || !existsSync(postingsFile)) {
  console.log('skip: needs ../shared/data/esco and ../shared/data/postings');
} else {
  const only = process.env.OPENLER_BENCH_ONLY;
  const result = measureExtractionThroughput(readEsco([escoDir]).content.skills, readFileSync(postingsFile, 'utf8'), {
    // Twelve passes: the optimiser may recompile the hot path a few passes in (a transient 30-40% slower), and
    // the figure meant is the steady speed over millions of postings. A pass is 0.01-0.1 s, so this costs about a second.
    repeat: Number(process.env.OPENLER_BENCH_REPEAT ?? 12),
    ...(only === 'literal' || only === 'full' ? { only } : {}),
  });
  const { megabytes, bare, literal, full } = result;
  if (process.argv.includes('--json')) {
    // For `npm run bench`, which runs this in a process of its own so that nothing else shares the heap or the RSS.
    console.log(JSON.stringify({ ...result, rss: process.memoryUsage().rss }));
    process.exit(0);
  }
  console.log(`${megabytes.toFixed(1)} MB of postings in ${result.documents} documents, one thread, best of several runs`);
  console.log(`bare tokenization  ${(megabytes / bare).toFixed(1)} MB/s`);
  console.log(`literal mode       ${(megabytes / literal).toFixed(1)} MB/s  (${(literal / bare).toFixed(2)}x the bare pass; target within 3x)`);
  console.log(`full mode          ${(megabytes / full).toFixed(1)} MB/s  (target >= 10)`);
  console.log(`RSS                ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}
