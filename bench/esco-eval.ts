/**
 * npm run eval:esco: skill linking on real job-posting sentences. With ESCO
 * read from ../shared/data/esco, each sentence of
 * data/extraction-eval/esco/postings.jsonl (SkillSpan sentences, read from
 * ../shared/data/skillspan at run time, with the ESCO skills they are about)
 * is ranked by the extractor, and R-Precision@5 says how many of its gold
 * skills are among the first five ranked, out of at most five:
 *   RP@5 = mean over sentences of |gold ∩ top 5| / min(5, |gold|)
 * Side by side: a plain BM25 over ESCO labels (preferred and alternative) and
 * exact label matching. Only the tune split may be looked at while tuning;
 * the test split is the one to report. Figures are printed, never asserted.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SkillExtractor } from '../src/extraction/extractor.js';
import { scan } from '../src/extraction/scan.js';
import { stem } from '../src/extraction/stem.js';
import { functionWords } from '../src/extraction/lexicon.js';
import { readEsco } from '../src/skills/importers/esco.js';
import { rollUpPrevalence } from '../src/skills/prevalence.js';
import type { Skill } from '../src/skills/model.js';

const root = resolve(import.meta.dirname, '..', '..');
const escoDir = process.env.OPENLER_BENCH_ESCO ?? resolve(root, '..', 'shared', 'data', 'esco');
const skillspanDir = process.env.OPENLER_SKILLSPAN_DIR ?? resolve(root, '..', 'shared', 'data', 'skillspan');
const setFile = process.env.OPENLER_ESCO_EVAL ?? resolve(root, 'data', 'extraction-eval', 'esco', 'postings.jsonl');
const showSplit = process.env.OPENLER_EVAL_SHOW;

interface Entry { file: string; line: number; tokensSha1: string; split: string; gold: Array<{ uri: string; label: string }> }
interface Sentence { entry: Entry; text: string }

type Ranker = (text: string) => string[];

function readSentences(): Sentence[] {
  const files = new Map<string, string[]>();
  const linesOf = (file: string) => {
    let lines = files.get(file);
    if (lines === undefined) {
      lines = readFileSync(resolve(skillspanDir, file), 'utf8').split('\n');
      files.set(file, lines);
    }
    return lines;
  };
  return readFileSync(setFile, 'utf8').split('\n').filter((line) => line.trim()).map((line) => {
    const entry = JSON.parse(line) as Entry;
    const tokens = (JSON.parse(linesOf(entry.file)[entry.line] as string) as { tokens: string[] }).tokens;
    const text = tokens.join(' ');
    const sha = createHash('sha1').update(text).digest('hex').slice(0, 12);
    if (sha !== entry.tokensSha1) throw new Error(`${entry.file}:${entry.line}: the sentence is not the one annotated`);
    return { entry, text };
  });
}

/** A plain BM25 over each skill's preferred and alternative labels: the baseline. */
function labelBm25(skills: readonly Skill[]): Ranker {
  const k1 = 1.2;
  const b = 0.75;
  const terms = (text: string) => scan(text).words.filter((word) => !functionWords.has(word)).map(stem);
  const postings = new Map<string, Array<[number, number]>>();
  const lengths: number[] = [];
  skills.forEach((skill, index) => {
    const counts = new Map<string, number>();
    for (const label of [skill.name, ...skill.aliases]) for (const term of terms(label)) counts.set(term, (counts.get(term) ?? 0) + 1);
    lengths.push([...counts.values()].reduce((sum, n) => sum + n, 0));
    for (const [term, n] of counts) {
      const list = postings.get(term) ?? [];
      list.push([index, n]);
      postings.set(term, list);
    }
  });
  const average = lengths.reduce((sum, n) => sum + n, 0) / lengths.length;
  return (text) => {
    const scores = new Map<number, number>();
    for (const term of new Set(terms(text))) {
      const list = postings.get(term);
      if (list === undefined) continue;
      const idf = Math.log(1 + (skills.length - list.length + 0.5) / (list.length + 0.5));
      for (const [index, n] of list) {
        const score = (idf * n * (k1 + 1)) / (n + k1 * (1 - b + (b * (lengths[index] as number)) / average));
        scores.set(index, (scores.get(index) ?? 0) + score);
      }
    }
    return [...scores.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([index]) => (skills[index] as Skill).id);
  };
}

/** Exact label matching: the skills one of whose labels occurs verbatim (case-folded, on word boundaries). */
function exactMatch(skills: readonly Skill[]): Ranker {
  const byLabel = new Map<string, string[]>();
  for (const skill of skills) {
    for (const label of [skill.name, ...skill.aliases]) {
      const key = scan(label).words.join(' ');
      if (!key) continue;
      const list = byLabel.get(key) ?? [];
      list.push(skill.id);
      byLabel.set(key, list);
    }
  }
  return (text) => {
    const words = scan(text).words;
    const found: string[] = [];
    for (let i = 0; i < words.length; i += 1) {
      for (let j = Math.min(words.length, i + 8); j > i; j -= 1) {
        for (const id of byLabel.get(words.slice(i, j).join(' ')) ?? []) if (!found.includes(id)) found.push(id);
      }
    }
    return found;
  };
}

function rPrecisionAt5(sentences: Sentence[], rank: Ranker): { rp5: number; recall: number; mrr: number } {
  let rp = 0;
  let hits = 0;
  let golds = 0;
  let reciprocal = 0;
  for (const { entry, text } of sentences) {
    const ranked = rank(text);
    const gold = new Set(entry.gold.map((g) => g.uri));
    const cutoff = Math.min(5, gold.size);
    rp += ranked.slice(0, 5).filter((id) => gold.has(id)).length / cutoff;
    hits += ranked.filter((id) => gold.has(id)).length;
    golds += gold.size;
    const first = ranked.findIndex((id) => gold.has(id));
    reciprocal += first < 0 || first >= 5 ? 0 : 1 / (first + 1);
  }
  return { rp5: rp / sentences.length, recall: hits / golds, mrr: reciprocal / sentences.length };
}

if (!existsSync(escoDir) || !existsSync(skillspanDir) || !existsSync(setFile)) {
  console.log('skip: needs ../shared/data/esco, ../shared/data/skillspan and data/extraction-eval/esco/postings.jsonl');
} else {
  const { skills, relations } = readEsco([escoDir]).content;
  // As the catalog loads a release: the importer's figures, carried up the hierarchy.
  const prevalence = rollUpPrevalence(new Map(skills.flatMap((skill) => (typeof skill.extra?.['prevalence'] === 'number' ? [[skill.id, skill.extra['prevalence']] as const] : []))), relations);
  const sentences = readSentences();
  const extractor = new SkillExtractor(skills, prevalence);
  const nameOf = new Map(skills.map((skill) => [skill.id, skill.name]));
  const openler: Ranker = (text) => extractor.extract(text, { confidenceThreshold: 0, implicitPerSentence: 5 }).skills.slice(0, 5).map((entry) => entry.skill.id);
  const rankers: Array<[string, Ranker]> = [
    ['openler extractor (full)', openler],
    ['plain BM25 over ESCO labels', labelBm25(skills)],
    ['exact label matching', exactMatch(skills)],
  ];
  console.log(`ESCO skill linking on SkillSpan posting sentences (${skills.length} ESCO skills)\n`);
  console.log(`${'split'.padEnd(6)} ${'n'.padStart(4)}  ${'method'.padEnd(30)} RP@5    recall@5  MRR@5`);
  for (const split of ['tune', 'test']) {
    const subset = sentences.filter((sentence) => sentence.entry.split === split);
    for (const [name, rank] of rankers) {
      const score = rPrecisionAt5(subset, rank);
      console.log(`${split.padEnd(6)} ${String(subset.length).padStart(4)}  ${name.padEnd(30)} ${score.rp5.toFixed(3)}   ${score.recall.toFixed(3)}     ${score.mrr.toFixed(3)}`);
    }
  }
  if (showSplit === 'tune') {
    for (const { entry, text } of sentences.filter((sentence) => sentence.entry.split === 'tune')) {
      const ranked = openler(text);
      const gold = new Set(entry.gold.map((g) => g.uri));
      if (ranked.slice(0, 5).every((id) => !gold.has(id))) {
        console.log(`\n${entry.file}:${entry.line} ${text}\n  gold: ${entry.gold.map((g) => g.label).join('; ')}\n  top5: ${ranked.map((id) => nameOf.get(id)).join('; ')}`);
      }
    }
  }
}
