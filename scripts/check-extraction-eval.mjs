#!/usr/bin/env node
// Checks the extraction evaluation set (data/extraction-eval/*.jsonl) against
// the default skills library: every line parses, every gold skill ID exists
// and carries the library's exact name, mentions are literal or implicit,
// sentence IDs are unique across all files, and in the per-source files every
// third line (index 0, 3, 6, ...) is dev and the others test, while the extra
// dev files (seed-dev.jsonl, dev-extra.jsonl) hold dev lines only. Prints counts
// per file, source, split and mention type; exits 1 on any problem.
// Usage: node scripts/check-extraction-eval.mjs [evalDir] [skillsDir]
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = process.argv[2] ?? join(root, 'data', 'extraction-eval');
const skillsDir = process.argv[3] ?? join(root, 'data', 'default-library', 'skills');

// One file per source type; these follow the split rule and hold >= 80 lines.
const perSource = {
  'job-postings.jsonl': { source: 'job_posting', prefix: 'jp-' },
  'course-descriptions.jsonl': { source: 'course_description', prefix: 'cd-' },
  'learning-outcomes.jsonl': { source: 'learning_outcome', prefix: 'lo-' },
  'resumes.jsonl': { source: 'resume', prefix: 'rs-' },
};
const sources = new Set(Object.values(perSource).map((s) => s.source));
const minLines = 80;
// Extra development files: any source, no line minimum, every line dev (they were written to tune on).
const devOnly = new Set(['seed-dev.jsonl', 'dev-extra.jsonl']);

const library = new Map();
for (const file of readdirSync(skillsDir).filter((f) => f.endsWith('.yaml')).sort()) {
  for (const skill of parse(readFileSync(join(skillsDir, file), 'utf8')) ?? []) library.set(skill.id, skill.name);
}

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);
const seenIds = new Map();
const counts = new Map(); // key -> { sentences, literal, implicit, empty }
const bump = (key, sentence) => {
  const c = counts.get(key) ?? { sentences: 0, literal: 0, implicit: 0, empty: 0 };
  c.sentences += 1;
  if (sentence.gold.length === 0) c.empty += 1;
  for (const g of sentence.gold) if (g.mention === 'literal' || g.mention === 'implicit') c[g.mention] += 1;
  counts.set(key, c);
};

const files = readdirSync(evalDir).filter((f) => f.endsWith('.jsonl')).sort();
for (const name of Object.keys(perSource)) if (!files.includes(name)) problem(name, 'missing');

for (const file of files) {
  const rule = perSource[file];
  const lines = readFileSync(join(evalDir, file), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (rule && lines.length < minLines) problem(file, `${lines.length} lines, expected at least ${minLines}`);
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    let s;
    try {
      s = JSON.parse(line);
    } catch (error) {
      problem(where, `does not parse (${error.message})`);
      return;
    }
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return problem(where, 'not a JSON object');
    const extra = Object.keys(s).filter((k) => !['id', 'source', 'split', 'text', 'gold'].includes(k));
    if (extra.length) problem(where, `unexpected keys ${extra.join(', ')}`);
    if (typeof s.id !== 'string' || !s.id) problem(where, 'missing id');
    else if (seenIds.has(s.id)) problem(where, `duplicate id ${s.id} (also ${seenIds.get(s.id)})`);
    else seenIds.set(s.id, where);
    if (!sources.has(s.source)) problem(where, `bad source ${JSON.stringify(s.source)}`);
    if (s.split !== 'dev' && s.split !== 'test') problem(where, `bad split ${JSON.stringify(s.split)}`);
    if (typeof s.text !== 'string' || !s.text.trim()) problem(where, 'empty text');
    if (devOnly.has(file) && s.split !== 'dev') problem(where, `split ${s.split} in a dev-only file`);
    if (rule) {
      if (s.source !== rule.source) problem(where, `source ${s.source} in a ${rule.source} file`);
      const expected = `${rule.prefix}${String(index + 1).padStart(3, '0')}`;
      if (s.id !== expected) problem(where, `id ${s.id}, expected ${expected}`);
      const split = index % 3 === 0 ? 'dev' : 'test';
      if (s.split !== split) problem(where, `split ${s.split}, expected ${split}`);
    }
    if (!Array.isArray(s.gold)) {
      problem(where, 'gold is not an array');
      s.gold = [];
    }
    const goldIds = new Set();
    for (const g of s.gold) {
      if (!library.has(g.id)) problem(where, `unknown skill id ${g.id} (${g.name})`);
      else if (library.get(g.id) !== g.name) problem(where, `${g.id} is "${library.get(g.id)}" in the library, not "${g.name}"`);
      if (g.mention !== 'literal' && g.mention !== 'implicit') problem(where, `bad mention ${JSON.stringify(g.mention)} for ${g.name}`);
      if (goldIds.has(g.id)) problem(where, `${g.name} listed twice`);
      goldIds.add(g.id);
    }
    bump(`file ${file}`, s);
    bump(`source ${s.source}`, s);
    bump(`split ${s.split}`, s);
    bump(`source ${s.source} / ${s.split}`, s);
    bump('all', s);
  });
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
console.log(`${'group'.padEnd(42)} ${'lines'.padStart(5)} ${'no gold'.padStart(7)} ${'gold'.padStart(5)} ${'literal'.padStart(8)} ${'implicit'.padStart(8)} ${'implicit%'.padStart(9)}`);
for (const [key, c] of [...counts].sort(([a], [b]) => (a === 'all') - (b === 'all') || a.localeCompare(b))) {
  const gold = c.literal + c.implicit;
  console.log(`${key.padEnd(42)} ${String(c.sentences).padStart(5)} ${String(c.empty).padStart(7)} ${String(gold).padStart(5)} ${String(c.literal).padStart(8)} ${String(c.implicit).padStart(8)} ${pct(c.implicit, gold).padStart(9)}`);
}
console.log(`${library.size} library skills, ${seenIds.size} sentences checked`);
if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`${problems.length} problem(s)`);
  process.exitCode = 1;
} else {
  console.log('OK');
}
