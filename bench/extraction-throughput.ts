import { SkillExtractor } from '../src/extraction/extractor.js';
import type { Skill } from '../src/skills/model.js';

export interface ExtractionThroughput {
  megabytes: number;
  documents: number;
  /** Seconds per pass over the text, best of several runs. */
  bare: number;
  literal: number;
  full: number;
}

/** Best-of-`repeat` seconds of one run of `work`: on a shared machine, slower runs measure the neighbours. */
export function bestSeconds(work: () => void, repeat: number): number {
  work();
  let best = Infinity;
  for (let i = 0; i < repeat; i += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best / 1000;
}

/**
 * Extraction speed side by side with a bare lower-case-and-split pass over
 * the same job-posting text (one document a CSV record), one thread.
 */
export function measureExtractionThroughput(skills: readonly Skill[], text: string, options: { repeat?: number; only?: 'literal' | 'full' } = {}): ExtractionThroughput {
  const repeat = options.repeat ?? 12;
  const documents = text.split(/\n(?=\d)/).filter((document) => document.length > 0);
  const bare = bestSeconds(() => { for (const document of documents) document.toLowerCase().split(/[^a-z0-9]+/); }, repeat);
  const extractor = new SkillExtractor(skills);
  extractor.extract('warm up the semantic layer with a sentence about budgets and people', { mode: 'full' });
  const literal = options.only === 'full' ? Number.NaN : bestSeconds(() => { for (const document of documents) extractor.extract(document, { mode: 'literal' }); }, repeat);
  const full = options.only === 'literal' ? Number.NaN : bestSeconds(() => { for (const document of documents) extractor.extract(document, { mode: 'full' }); }, repeat);
  return { megabytes: Buffer.byteLength(text) / 1e6, documents: documents.length, bare, literal, full };
}
