#!/usr/bin/env node
// Checks the ESCO-linked posting evaluation set (data/extraction-eval/esco/postings.jsonl,
// described in data/extraction-eval/esco/README.md) against the data it points into:
// every line parses and has the expected shape; its sentence exists in SkillSpan
// with the recorded tokensSha1, qualifies under the selection rule and is one of the
// sampled sentences; its split follows the split rule; every gold URI is an ESCO
// skill carrying that exact preferredLabel. Prints a summary per split, the number
// of sampled sentences that were dropped, and, as a sanity baseline, the share of
// gold skills whose preferred or alternative label appears verbatim in the sentence.
// Exits 1 on any problem. The set stores no text: sentences are read from SkillSpan here.
// Usage: node scripts/check-esco-eval.mjs [evalFile] [skillspanDir] [escoZipOrDir]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import { unzipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'data');
const evalFile = process.argv[2] || join(root, 'data', 'extraction-eval', 'esco', 'postings.jsonl');
const skillspanDir = process.argv[3] || join(shared, 'skillspan');
const escoSource = process.argv[4] || join(shared, 'esco', 'esco-v1.1.1-classification-en-csv.zip');

// The selection and split rules of esco/README.md, recomputed here so the file cannot drift from them.
const skillspanFiles = ['dev.json', 'train.json'];
const sampleSize = 270;
const minTokens = 6;
const maxSpans = 3;
const boilerplate = /equal opportunit|regardless of|sexual orientation|gender identity|national origin|job benefits|how to apply|apply now|send (your|us) (cv|application)|privacy policy|cookie/i;
const minSentences = { all: 200, tune: 60, test: 150 };

const sha1 = (text) => createHash('sha1').update(text).digest('hex');
const splitOf = (file, line) => (parseInt(sha1(`esco-split:${file}:${line}`).slice(0, 8), 16) % 3 === 0 ? 'tune' : 'test');
const spanCount = (tags) => tags.filter((tag) => tag.startsWith('B')).length;

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

function fail(message) {
  console.error(message);
  process.exit(1);
}

// SkillSpan: sentences by file and 0-based line, and the sample the set was annotated from.
const sentences = new Map(); // "file:line" -> { tokens, source, text }
const pool = [];
const seenTexts = new Set();
for (const file of skillspanFiles) {
  const path = join(skillspanDir, file);
  if (!existsSync(path)) fail(`SkillSpan file missing: ${path} (expected the shared data folder beside the repository)`);
  readFileSync(path, 'utf8').split('\n').forEach((raw, line) => {
    if (!raw.trim()) return;
    const row = JSON.parse(raw);
    const text = row.tokens.join(' ');
    const key = `${file}:${line}`;
    const spans = spanCount(row.tags_skill) + spanCount(row.tags_knowledge);
    const qualifies = row.tokens.length >= minTokens && spans >= 1 && spans <= maxSpans && !boilerplate.test(text);
    sentences.set(key, { tokens: row.tokens, source: row.source, text, qualifies });
    // Duplicate sentences (postings repeat lines) enter the pool once, at their first occurrence.
    if (qualifies && !seenTexts.has(text)) pool.push({ key, rank: sha1(`esco-sample:${key}`) });
    if (qualifies) seenTexts.add(text);
  });
}
pool.sort((a, b) => a.rank.localeCompare(b.rank));
const sampled = new Set(pool.slice(0, sampleSize).map((entry) => entry.key));

// ESCO skills: conceptUri -> { preferredLabel, altLabels }, from the zip or an unpacked directory.
function readSkillsCsv(source) {
  if (!existsSync(source)) fail(`ESCO source missing: ${source}`);
  if (statSync(source).isDirectory()) {
    const path = join(source, 'skills_en.csv');
    if (!existsSync(path)) fail(`no skills_en.csv in ${source}`);
    return readFileSync(path, 'utf8');
  }
  const entries = unzipSync(readFileSync(source), { filter: (entry) => entry.name.endsWith('skills_en.csv') && !entry.name.includes('/') });
  const bytes = entries['skills_en.csv'];
  if (!bytes) fail(`no skills_en.csv in ${source}`);
  return new TextDecoder('utf-8').decode(bytes);
}

// RFC 4180 records: quoted fields may hold commas, doubled quotes and newlines.
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const [header, ...rows] = parseCsv(readSkillsCsv(escoSource).replace(/^\uFEFF/, ''));
const column = (name) => {
  const index = header.indexOf(name);
  if (index < 0) fail(`skills_en.csv has no ${name} column`);
  return index;
};
const [uriColumn, preferredColumn, altColumn] = [column('conceptUri'), column('preferredLabel'), column('altLabels')];
const skills = new Map();
for (const row of rows) {
  if (row.length < header.length) continue;
  const altLabels = row[altColumn].split('\n').map((label) => label.trim()).filter(Boolean);
  skills.set(row[uriColumn], { preferredLabel: row[preferredColumn], altLabels });
}

// A label appears verbatim when it occurs, case-insensitively, between non-alphanumeric boundaries.
const isWordChar = (char) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
function appearsVerbatim(label, text) {
  const needle = label.toLowerCase();
  const haystack = text.toLowerCase();
  if (!needle) return false;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (!isWordChar(haystack[at - 1]) && !isWordChar(haystack[at + needle.length])) return true;
  }
  return false;
}

// The evaluation set itself.
const expectedKeys = ['file', 'line', 'tokensSha1', 'split', 'gold'];
const counts = new Map(); // group -> { sentences, gold, verbatim, anyVerbatim }
const bump = (group, gold, verbatim) => {
  const c = counts.get(group) ?? { sentences: 0, gold: 0, verbatim: 0, anyVerbatim: 0 };
  c.sentences += 1;
  c.gold += gold;
  c.verbatim += verbatim;
  if (verbatim > 0) c.anyVerbatim += 1;
  counts.set(group, c);
};
const seen = new Map();
if (!existsSync(evalFile)) fail(`evaluation set missing: ${evalFile}`);
const lines = readFileSync(evalFile, 'utf8').split('\n');
if (lines.at(-1) === '') lines.pop();
lines.forEach((raw, index) => {
  const where = `line ${index + 1}`;
  let entry;
  try {
    entry = JSON.parse(raw);
  } catch (error) {
    return problem(where, `does not parse (${error.message})`);
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return problem(where, 'not a JSON object');
  const keys = Object.keys(entry);
  const extra = keys.filter((key) => !expectedKeys.includes(key));
  const missing = expectedKeys.filter((key) => !keys.includes(key));
  if (extra.length) problem(where, `unexpected keys ${extra.join(', ')}`);
  if (missing.length) return problem(where, `missing keys ${missing.join(', ')}`);
  if (!skillspanFiles.includes(entry.file)) return problem(where, `file ${JSON.stringify(entry.file)} is not one of ${skillspanFiles.join(', ')}`);
  if (!Number.isInteger(entry.line) || entry.line < 0) return problem(where, `line ${JSON.stringify(entry.line)} is not a 0-based line number`);
  const key = `${entry.file}:${entry.line}`;
  if (seen.has(key)) problem(where, `${key} listed twice (also line ${seen.get(key)})`);
  seen.set(key, index + 1);
  const sentence = sentences.get(key);
  if (!sentence) return problem(where, `${key} is not a sentence of SkillSpan`);
  const digest = sha1(sentence.text).slice(0, 12);
  if (entry.tokensSha1 !== digest) problem(where, `${key} has tokensSha1 ${digest}, not ${entry.tokensSha1}`);
  if (!sentence.qualifies) problem(where, `${key} does not qualify under the selection rule`);
  else if (!sampled.has(key)) problem(where, `${key} is not among the ${sampleSize} sampled sentences`);
  const split = splitOf(entry.file, entry.line);
  if (entry.split !== split) problem(where, `${key} has split ${JSON.stringify(entry.split)}, the rule gives ${split}`);
  if (!Array.isArray(entry.gold) || entry.gold.length < 1 || entry.gold.length > 3) return problem(where, 'gold must list 1 to 3 skills');
  const uris = new Set();
  let verbatim = 0;
  for (const gold of entry.gold) {
    const skill = skills.get(gold?.uri);
    if (gold === null || typeof gold !== 'object' || Object.keys(gold).sort().join() !== 'label,uri') problem(where, `gold entry ${JSON.stringify(gold)} must be {uri, label}`);
    if (!skill) {
      problem(where, `${gold?.uri} is not an ESCO skill`);
      continue;
    }
    if (skill.preferredLabel !== gold.label) problem(where, `${gold.uri} is "${skill.preferredLabel}" in ESCO, not "${gold.label}"`);
    if (uris.has(gold.uri)) problem(where, `${gold.uri} listed twice`);
    uris.add(gold.uri);
    if ([skill.preferredLabel, ...skill.altLabels].some((label) => appearsVerbatim(label, sentence.text))) verbatim += 1;
  }
  for (const group of ['all', `split ${entry.split}`, `file ${entry.file}`, `source ${sentence.source}`, `split ${entry.split} / ${sentence.source}`]) bump(group, entry.gold.length, verbatim);
});

for (const [group, minimum] of Object.entries(minSentences)) {
  const found = counts.get(group === 'all' ? 'all' : `split ${group}`)?.sentences ?? 0;
  if (found < minimum) problem(group, `${found} sentences, expected at least ${minimum}`);
}
const dropped = [...sampled].filter((key) => !seen.has(key)).length;

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
console.log(`${'group'.padEnd(24)} ${'sentences'.padStart(9)} ${'gold'.padStart(5)} ${'gold/sent'.padStart(9)} ${'verbatim gold'.padStart(13)} ${'sent. w/ verbatim'.padStart(17)}`);
const order = (a, b) => (a === 'all') - (b === 'all') || a.localeCompare(b);
for (const [group, c] of [...counts].sort(([a], [b]) => order(a, b))) {
  console.log(`${group.padEnd(24)} ${String(c.sentences).padStart(9)} ${String(c.gold).padStart(5)} ${(c.gold / c.sentences).toFixed(2).padStart(9)} ${pct(c.verbatim, c.gold).padStart(13)} ${pct(c.anyVerbatim, c.sentences).padStart(17)}`);
}
console.log(`${sampleSize} sentences sampled from ${pool.length} qualifying, ${seen.size} annotated, ${dropped} dropped; ${skills.size} ESCO skills`);
console.log('verbatim gold: gold skills whose ESCO preferred or alternative label occurs in the sentence (case-insensitive, whole words)');
if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`${problems.length} problem(s)`);
  process.exitCode = 1;
} else {
  console.log('OK');
}
