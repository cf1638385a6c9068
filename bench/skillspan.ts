/**
 * npm run eval:skillspan: span-level precision, recall and F1 of the extractor
 * on the SkillSpan train and dev job-posting sentences (Zhang et al., NAACL
 * 2022; data CC BY 4.0), against the default library and, when the ESCO
 * download is at hand, against ESCO. Gold spans are the union of the skill and
 * knowledge BIO spans. Strict: same token span; loose: any token overlap.
 * Figures are printed, never asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SkillExtractor, type ExtractionMode } from '../src/extraction/extractor.js';
import { readDefaultLibrary } from '../src/skills/default-library.js';
import { readEsco } from '../src/skills/importers/esco.js';
import type { Skill } from '../src/skills/model.js';

const root = resolve(import.meta.dirname, '..', '..');
const skillspanDir = process.env.OPENLER_EVAL_SKILLSPAN ?? resolve(root, '..', 'shared', 'data', 'skillspan');
const escoDir = process.env.OPENLER_BENCH_ESCO ?? resolve(root, '..', 'shared', 'data', 'esco');

interface Sentence { tokens: string[]; tags_skill: string[]; tags_knowledge: string[] }
type Span = [number, number];

function bioSpans(tags: string[]): Span[] {
  const spans: Span[] = [];
  let start = -1;
  tags.forEach((tag, i) => {
    if (tag === 'B' || (tag === 'I' && start < 0)) {
      if (start >= 0) spans.push([start, i - 1]);
      start = i;
    } else if (tag === 'O' && start >= 0) {
      spans.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) spans.push([start, tags.length - 1]);
  return spans;
}

function evaluate(sentences: Sentence[], extractor: SkillExtractor, mode: ExtractionMode) {
  let gold = 0;
  let predicted = 0;
  let strict = 0;
  let looseGold = 0;
  let loosePredicted = 0;
  for (const sentence of sentences) {
    const goldSpans = [...bioSpans(sentence.tags_skill), ...bioSpans(sentence.tags_knowledge)];
    // Token i of the sentence starts at offsets[i] in the text the extractor reads.
    const offsets: number[] = [];
    let text = '';
    for (const token of sentence.tokens) {
      offsets.push(text.length);
      text += `${token} `;
    }
    const tokenAt = (char: number) => {
      let index = 0;
      while (index + 1 < offsets.length && (offsets[index + 1] as number) <= char) index += 1;
      return index;
    };
    const predictedSpans = new Map<string, Span>();
    for (const entry of extractor.extract(text, { mode }).skills) {
      for (const span of entry.spans) {
        if (span.kind === 'implicit') continue;
        const tokenSpan: Span = [tokenAt(span.start), tokenAt(span.end - 1)];
        predictedSpans.set(tokenSpan.join(':'), tokenSpan);
      }
    }
    const predictions = [...predictedSpans.values()];
    gold += goldSpans.length;
    predicted += predictions.length;
    const overlaps = (a: Span, b: Span) => a[0] <= b[1] && b[0] <= a[1];
    strict += goldSpans.filter((g) => predictions.some((p) => p[0] === g[0] && p[1] === g[1])).length;
    looseGold += goldSpans.filter((g) => predictions.some((p) => overlaps(g, p))).length;
    loosePredicted += predictions.filter((p) => goldSpans.some((g) => overlaps(g, p))).length;
  }
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  const strictP = predicted ? strict / predicted : 0;
  const strictR = gold ? strict / gold : 0;
  const looseP = predicted ? loosePredicted / predicted : 0;
  const looseR = gold ? looseGold / gold : 0;
  return { gold, predicted, strict: { p: strictP, r: strictR, f1: f1(strictP, strictR) }, loose: { p: looseP, r: looseR, f1: f1(looseP, looseR) } };
}

function readSplit(name: string): Sentence[] {
  return readFileSync(resolve(skillspanDir, `${name}.json`), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Sentence);
}

if (!existsSync(skillspanDir)) {
  console.log(`skip: no SkillSpan data at ${skillspanDir}`);
} else {
  const libraries: Array<[string, Skill[]]> = [['default', readDefaultLibrary().content.skills]];
  if (existsSync(escoDir)) libraries.push(['ESCO', readEsco([escoDir]).content.skills]);
  console.log('SkillSpan span-level evaluation (skill + knowledge spans), literal mentions\n');
  console.log(`${'split'.padEnd(6)} ${'library'.padEnd(8)} ${'gold'.padStart(6)} ${'pred'.padStart(6)}   strict P / R / F1        loose P / R / F1`);
  for (const [name, skills] of libraries) {
    const extractor = new SkillExtractor(skills);
    for (const split of ['train', 'dev']) {
      const result = evaluate(readSplit(split), extractor, 'literal');
      const show = (m: { p: number; r: number; f1: number }) => `${m.p.toFixed(3)} / ${m.r.toFixed(3)} / ${m.f1.toFixed(3)}`;
      console.log(`${split.padEnd(6)} ${name.padEnd(8)} ${String(result.gold).padStart(6)} ${String(result.predicted).padStart(6)}   ${show(result.strict)}    ${show(result.loose)}`);
    }
  }
}
