/**
 * npm run bench: the skills library's performance figures, measured on this
 * machine and printed beside their targets. Nothing here is asserted.
 *
 * 1. ESCO import, end to end through the CLI, into a fresh embedded database.
 * 2. In-process search latency over ESCO (and the default library).
 * 3. `openler serve` cold start to first answer, on that populated database.
 * 4. HTTP search throughput and latency under load from the same machine.
 * 5. Extraction throughput: literal and full modes against a bare tokenizer, in a
 *    process of its own (bench/extraction-speed.ts), with that process's RSS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { openContext } from '../src/context.js';
import { operator } from '../src/skills/catalog.js';
import type { SkillSearchIndex } from '../src/skills/search-index.js';

const root = resolve(import.meta.dirname, '..', '..');
const escoDir = process.env.OPENLER_BENCH_ESCO ?? resolve(root, '..', 'shared', 'data', 'esco');
const postingsFile = process.env.OPENLER_BENCH_POSTINGS ?? resolve(root, '..', 'shared', 'data', 'postings', 'nyc-jobs-2019.csv');
const bin = join(root, 'bin', 'openler.js');
const json = process.argv.includes('--json');

interface Row { name: string; value: number; unit: string; target?: { value: number; better: 'lower' | 'higher' }; note?: string }
const rows: Row[] = [];
function report(row: Row): void {
  rows.push(row);
  if (json) return;
  const figure = `${format(row.value)} ${row.unit}`;
  const target = row.target ? `target ${row.target.better === 'lower' ? '<=' : '>='} ${format(row.target.value)} ${row.unit}` : '';
  const ratio = row.target ? row.value / row.target.value : undefined;
  const verdict = row.target ? ((row.target.better === 'lower' ? row.value <= row.target.value : row.value >= row.target.value) ? 'PASS' : 'MISS') : '';
  console.log(`${row.name.padEnd(44)} ${figure.padStart(16)}   ${target.padEnd(24)} ${ratio === undefined ? '' : `ratio ${ratio.toFixed(2)}`.padEnd(12)} ${verdict}${row.note ? `  (${row.note})` : ''}`);
}
function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const queryMix: string[] = [
  'p', 'py', 'pyt', 'pyth', 'pytho', 'python', 'pyton', 'm', 'ma', 'man', 'mana', 'manag', 'manage', 'manage staff', 'project management',
  'managment', 'comunication', 'teamwork', 'java', 'sql', 'data analysis', 'customer service', 'welding', 'nursing care', 'teach',
  'english', 'accounting', 'budget', 'excel', 'marketing strategy', 'machine learning', 'c++', 'first aid', 'forklift', 'bookkeeping',
  'spreadsheets', 'cloud computing', 'kubernetes', 'negotiate', 'supervise', 'statistics', 'recruit', 'install', 'repair', 'safety',
  'a', 'co', 'dat', 'soft', 'lead',
];

async function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('server did not answer in time');
}

/** Latency of distinct queries, each computed afresh (the ranking cache off), then of the same queries repeated (cache on). */
function searchLatency(index: SkillSearchIndex, queries: string[]): { p50: number; p90: number; p99: number; max: number; perSecond: number; cachedP50: number } {
  for (const q of queries.slice(0, 200)) index.search({ q, limit: 10, offset: 0, cache: false });
  const times: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    const t = performance.now();
    index.search({ q, limit: 10, offset: 0, cache: false });
    times.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  const cached: number[] = [];
  for (const q of queries) index.search({ q, limit: 10, offset: 0 });
  for (const q of queries) {
    const t = performance.now();
    index.search({ q, limit: 10, offset: 0 });
    cached.push(performance.now() - t);
  }
  cached.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p90: percentile(times, 90), p99: percentile(times, 99), max: times[times.length - 1] ?? NaN, perSecond: (queries.length / elapsed) * 1000, cachedP50: percentile(cached, 50) };
}

async function main(): Promise<void> {
  if (!existsSync(escoDir)) {
    console.log(`skip: no ESCO download at ${escoDir}`);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'openler-bench-'));
  let server: ChildProcess | undefined;
  try {
    if (!json) console.log(`openler benchmarks on ${process.platform} ${process.arch}, Node ${process.version}\n`);
    // 1. ESCO import through the CLI, as a user runs it (the first run also creates the database and loads the default library).
    spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'db', 'migrate'], { encoding: 'utf8' });
    spawnSync(process.execPath, [bin, '--data-dir', dataDir, 'skills', 'libraries'], { encoding: 'utf8' });
    const importStarted = performance.now();
    const imported = spawnSync(process.execPath, [bin, '--data-dir', dataDir, '--json', 'skills', 'import', 'esco', escoDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const importSeconds = (performance.now() - importStarted) / 1000;
    if (imported.status !== 0) throw new Error(`ESCO import failed: ${imported.stderr}`);
    const summary = JSON.parse(imported.stdout) as { skills: number; source: { altLabels: number; relations: number } };
    report({ name: 'ESCO import (CLI, end to end)', value: importSeconds, unit: 's', target: { value: 30, better: 'lower' }, note: `${summary.skills} skills, ${summary.source.altLabels} alt labels, ${summary.source.relations} relations` });
    const again = spawnSync(process.execPath, [bin, '--data-dir', dataDir, '--json', 'skills', 'import', 'esco', escoDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
    report({ name: 'ESCO re-import (idempotent, no change)', value: (JSON.parse(again.stdout) as { seconds: number }).seconds, unit: 's' });

    // 2. In-process search latency.
    const context = await openContext({ dataDir });
    const esco = await context.catalog.index(context.catalog.resolve({ library: 'esco' }, operator));
    const own = await context.catalog.index(context.catalog.resolve({}, operator));
    const escoQueries = httpQueries(esco.skills.map((skill) => skill.name));
    const escoLatency = searchLatency(esco, [...queryMix, ...escoQueries]);
    report({ name: `search p50, ESCO (${esco.size} skills, ${esco.labelCount} labels)`, value: escoLatency.p50, unit: 'ms', target: { value: 0.2, better: 'lower' }, note: `${queryMix.length + escoQueries.length} distinct queries, no cache` });
    report({ name: 'search p99, ESCO', value: escoLatency.p99, unit: 'ms', note: `p90 ${format(escoLatency.p90)}, max ${format(escoLatency.max)}` });
    report({ name: 'search throughput, one thread, ESCO', value: escoLatency.perSecond, unit: 'q/s' });
    report({ name: 'search p50, ESCO, repeated query (cache)', value: escoLatency.cachedP50, unit: 'ms' });
    const ownLatency = searchLatency(own, [...queryMix, ...httpQueries(own.skills.map((skill) => skill.name))]);
    report({ name: `search p50, default library (${own.size} skills)`, value: ownLatency.p50, unit: 'ms', target: { value: 0.2, better: 'lower' }, note: `p99 ${format(ownLatency.p99)}, no cache` });

    // 5. Extraction speed, side by side with a bare lower-case-and-split pass over the same text, in a process of
    // its own: its RSS is then the ESCO extractor's, and the search indexes above share neither its heap nor its GC.
    if (existsSync(postingsFile)) {
      const measured = spawnSync(process.execPath, [join(import.meta.dirname, 'extraction-speed.js'), '--json'], {
        encoding: 'utf8',
        env: { ...process.env, OPENLER_BENCH_ESCO: escoDir, OPENLER_BENCH_POSTINGS: postingsFile },
      });
      if (measured.status !== 0) throw new Error(`extraction benchmark failed: ${measured.stderr}`);
      const { megabytes, bare, literal, full, rss } = JSON.parse(measured.stdout) as { megabytes: number; bare: number; literal: number; full: number; rss: number };
      report({ name: `bare tokenization (${megabytes.toFixed(1)} MB postings)`, value: megabytes / bare, unit: 'MB/s' });
      report({ name: 'extraction, literal mode, ESCO, one thread', value: megabytes / literal, unit: 'MB/s', note: `${(literal / bare).toFixed(2)}x the bare pass; target within 3x` });
      report({ name: 'extraction, full mode, ESCO, one thread', value: megabytes / full, unit: 'MB/s', target: { value: 10, better: 'higher' } });
      report({ name: 'RSS of a process with the ESCO extractor', value: rss / 1e6, unit: 'MB', target: { value: 500, better: 'lower' } });
    }
    await context.close();

    // 3. Cold start: a new `openler serve` on the populated data directory, to its first answer.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const startedAt = performance.now();
    server = spawn(process.execPath, [bin, '--data-dir', dataDir, 'serve', '--port', String(port)], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    await waitForHealth(url, server, 30000);
    report({ name: 'openler serve: cold start to first answer', value: (performance.now() - startedAt) / 1000, unit: 's', target: { value: 5, better: 'lower' } });
    // The first ESCO search builds its index; wait for that before loading the server.
    await fetch(`${url}/v1/skills?library=esco&q=warm`);

    // 4. HTTP throughput, with a load generator on the same machine: wrk when installed (it leaves the
    // server more of the CPU), autocannon otherwise. Queries: prefixes as typed, whole labels, and typos of real ESCO labels.
    const queries = httpQueries(esco.skills.map((skill) => skill.name));
    const useWrk = hasWrk();
    // First the autocomplete traffic of many users: a set of queries, each asked many times.
    if (useWrk) await loadWithWrk(url, queries, dataDir, 3); // warm-up: connections, JIT, first computation of each query
    const repeated = useWrk ? await loadWithWrk(url, queries, dataDir) : await loadWithAutocannon(url, queries);
    report({ name: `HTTP search, repeated queries (${repeated.tool}, 50 conn.)`, value: repeated.requestsPerSecond, unit: 'req/s', target: { value: 5000, better: 'higher' }, note: `${queries.length} distinct queries, ${repeated.errors} errors` });
    report({ name: 'HTTP search latency p50, repeated', value: repeated.p50, unit: 'ms' });
    report({ name: 'HTTP search latency p99, repeated', value: repeated.p99, unit: 'ms', target: { value: 20, better: 'lower' } });
    // Then queries that are all different: every ESCO label and a prefix of it, so the ranking cache cannot help.
    const unique = [...new Set(esco.skills.flatMap((skill) => [skill.name, skill.name.slice(0, Math.max(3, Math.floor(skill.name.length / 2)))]))];
    const distinct = useWrk ? await loadWithWrk(url, unique, dataDir) : await loadWithAutocannon(url, unique);
    report({ name: `HTTP search, distinct queries (${distinct.tool}, 50 conn.)`, value: distinct.requestsPerSecond, unit: 'req/s', target: { value: 5000, better: 'higher' }, note: `${unique.length} queries, ${distinct.errors} errors` });
    report({ name: 'HTTP search latency p99, distinct', value: distinct.p99, unit: 'ms', target: { value: 20, better: 'lower' }, note: `p50 ${format(distinct.p50)}` });
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    report({ name: 'server RSS after the load (ESCO + default)', value: rss, unit: 'MB' });
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (json) console.log(JSON.stringify(rows, null, 2));
}

/** Distinct queries a search box sees: 2 to 6 typed letters, whole labels, first words, and a typo. */
function httpQueries(names: string[]): string[] {
  const out = new Set<string>();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 400; i += 1) {
    const name = names[Math.floor(random() * names.length)] as string;
    const first = name.split(' ')[0] as string;
    for (let length = 2; length <= Math.min(6, first.length); length += 2) out.add(first.slice(0, length));
    out.add(name);
    out.add(name.split(' ').slice(0, 2).join(' '));
    if (first.length > 5) out.add(first.slice(0, 2) + first[3] + first[2] + first.slice(4));
  }
  return [...out];
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

interface LoadResult { tool: string; requestsPerSecond: number; p50: number; p99: number; errors: number }

async function loadWithWrk(url: string, queries: string[], dir: string, seconds = 10): Promise<LoadResult> {
  const script = join(dir, 'queries.lua');
  const paths = queries.map((q) => `"/v1/skills?library=esco&limit=10&q=${encodeURIComponent(q)}"`);
  writeFileSync(script, `local paths = {${paths.join(',')}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`);
  const child = spawnSync('wrk', ['-t1', '-c50', `-d${seconds}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const out = child.stdout;
  const ms = (label: string) => {
    const match = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: connect (\d+)/.exec(out)?.[1] ?? 0);
  return { tool: 'wrk', requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN), p50: ms('50%'), p99: ms('99%'), errors };
}

async function loadWithAutocannon(url: string, queries: string[]): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: 50,
    duration: 10,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/v1/skills?library=esco&limit=10&q=${encodeURIComponent(queries[next++ % queries.length] as string)}` }) }],
  });
  return { tool: 'autocannon', requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors };
}

await main();
