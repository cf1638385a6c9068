/**
 * npm run eval:own: precision, recall and F1 of the extractor on the
 * project's own evaluation set (data/extraction-eval/*.jsonl, gold skill IDs
 * of the default library), per source type and split, for all mentions and
 * for literal mentions alone. The dev split may be tuned on; report the test
 * split. Figures are printed, never asserted.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SkillExtractor } from '../src/extraction/extractor.js';
import { readDefaultLibrary } from '../src/skills/default-library.js';

const root = resolve(import.meta.dirname, '..', '..');
const evalDir = process.env.OPENLER_EVAL_DIR ?? resolve(root, 'data', 'extraction-eval');

interface GoldSkill { id: string; mention: 'literal' | 'implicit' }
interface Sentence { id: string; source: string; split: 'dev' | 'test'; text: string; gold: GoldSkill[] }
interface Tally { tp: number; fp: number; fn: number }

const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });
const scores = (t: Tally) => {
  const p = t.tp + t.fp === 0 ? 0 : t.tp / (t.tp + t.fp);
  const r = t.tp + t.fn === 0 ? 0 : t.tp / (t.tp + t.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
};

// OPENLER_EVAL_SHOW=dev prints each dev sentence's false positives (+) and misses (-); only the dev split may be looked at.
const showErrors = process.env.OPENLER_EVAL_SHOW;

if (!existsSync(evalDir)) {
  console.log(`skip: no evaluation set at ${evalDir}`);
} else {
  const sentences: Sentence[] = readdirSync(evalDir)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(resolve(evalDir, file), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Sentence));
  const extractor = new SkillExtractor(readDefaultLibrary().content.skills);
  // all: every predicted skill against every gold skill. literal: literal predictions against literal gold,
  // where an implicit gold skill found literally counts neither way.
  const results = new Map<string, { all: Tally; literal: Tally; sentences: number }>();
  const bucket = (key: string) => {
    let entry = results.get(key);
    if (entry === undefined) {
      entry = { all: tally(), literal: tally(), sentences: 0 };
      results.set(key, entry);
    }
    return entry;
  };
  for (const sentence of sentences) {
    const predicted = extractor.extract(sentence.text).skills;
    const goldIds = new Set(sentence.gold.map((g) => g.id));
    const literalGold = new Set(sentence.gold.filter((g) => g.mention === 'literal').map((g) => g.id));
    const predictedIds = new Set(predicted.map((entry) => entry.skill.id));
    const literalPredicted = new Set(predicted.filter((entry) => entry.mention === 'literal').map((entry) => entry.skill.id));
    if (showErrors === sentence.split) {
      const nameById = new Map(extractor.skills.map((skill) => [skill.id, skill.name]));
      const names = (ids: Iterable<string>) => [...ids].map((id) => nameById.get(id) ?? id).join('; ');
      const falsePositives = [...predictedIds].filter((id) => !goldIds.has(id));
      const missed = [...goldIds].filter((id) => !predictedIds.has(id));
      if (falsePositives.length + missed.length > 0) {
        console.log(`${sentence.id}: ${sentence.text}`);
        if (falsePositives.length > 0) console.log(`  + ${predicted.filter((e) => falsePositives.includes(e.skill.id)).map((e) => `${e.skill.name} [${e.mention} ${e.confidence.toFixed(2)} "${e.spans.map((s) => s.text).join('|')}"]`).join('; ')}`);
        if (missed.length > 0) console.log(`  - ${names(missed)}`);
      }
    }
    for (const key of [`${sentence.split} ${sentence.source}`, `${sentence.split} all`]) {
      const entry = bucket(key);
      entry.sentences += 1;
      for (const id of predictedIds) {
        if (goldIds.has(id)) entry.all.tp += 1;
        else entry.all.fp += 1;
      }
      for (const id of goldIds) if (!predictedIds.has(id)) entry.all.fn += 1;
      for (const id of literalPredicted) {
        if (literalGold.has(id)) entry.literal.tp += 1;
        else if (!goldIds.has(id)) entry.literal.fp += 1;
      }
      for (const id of literalGold) if (!literalPredicted.has(id)) entry.literal.fn += 1;
    }
  }
  console.log(`own evaluation set: ${sentences.length} sentences (default library, confidence >= 0.5)\n`);
  console.log(`${'split / source'.padEnd(28)} ${'n'.padStart(4)}   all P / R / F1            literal P / R / F1`);
  const show = (t: Tally) => {
    const s = scores(t);
    return `${s.p.toFixed(3)} / ${s.r.toFixed(3)} / ${s.f1.toFixed(3)}`;
  };
  for (const key of [...results.keys()].sort()) {
    const entry = results.get(key) as { all: Tally; literal: Tally; sentences: number };
    console.log(`${key.padEnd(28)} ${String(entry.sentences).padStart(4)}   ${show(entry.all)}    ${show(entry.literal)}`);
  }
}
