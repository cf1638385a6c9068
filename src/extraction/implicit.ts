import type { Skill } from '../skills/model.js';
import { functionWords } from './lexicon.js';
import { scan } from './scan.js';
import { stem } from './stem.js';
import { Vocabulary, WordTable } from './vocabulary.js';

/** How many of each word's best-matching skills are kept: impact-ordered truncation bounds the cost of a sentence. */
const postingsPerTerm = 64;
const k1 = 1.2;
const b = 0.75;
/** A word in the name says most; a description is long and general, so each of its words says less than an alias's. */
const nameWeight = 3;
const aliasWeight = 1;
const descriptionWeight = 0.3;
/** How much a widely needed skill is favoured: its score grows by this times the log of its prevalence. */
const prevalenceWeight = 0.3;

interface Posting {
  skills: Int32Array;
  weights: Float32Array;
  /** The sentence (epoch) that last counted this term. */
  seenIn: number;
  /** Its number in the matcher's posting list. */
  index: number;
}

export interface ImplicitCandidate {
  skillIndex: number;
  /** Share of the best score this sentence could give, in [0, 1]. */
  strength: number;
  /** Distinct sentence words that support it. */
  terms: number;
}

/**
 * The semantic layer: a sentence that describes a skill without naming it
 * finds the skills whose names, aliases and descriptions share its rarer
 * words, by BM25 over what the library itself says about each skill.
 */
export class ImplicitMatcher {
  private readonly postings = new Map<string, Posting>();
  /** Each word of text straight to its term's posting (null: none), one lookup per word. */
  private readonly wordPostings = new Map<string, Posting | null>();
  private readonly scores: Float32Array;
  private readonly termCounts: Uint8Array;
  private readonly stamps: Uint32Array;
  private epoch = 0;
  /** Scratch reused across sentences: the skills a sentence touched, and the epoch each term was last seen in. */
  private touched: Int32Array;

  /**
   * `canonical` is the literal matcher's cached word form, so both layers agree and share the cache.
   * `lent`: per skill index, terms (canonical forms) another library lends its document, with their weights (see expansion.ts).
   */
  constructor(
    readonly skills: readonly Skill[],
    private readonly canonical: (word: string) => string = stem,
    private readonly vocabulary?: Vocabulary,
    prevalence?: ReadonlyMap<string, number>,
    lent?: ReadonlyMap<number, ReadonlyMap<string, number>>,
  ) {
    const documents = skills.map((skill) => {
      const counts = new Map<string, number>();
      // A certification is held, not described: it is found by name only.
      if (skill.type === 'certification') return counts;
      const add = (text: string, weight: number) => {
        for (const word of scan(text).words) {
          if (functionWords.has(word) || word.length < 3) continue;
          const term = this.canonical(word);
          counts.set(term, (counts.get(term) ?? 0) + weight);
        }
      };
      add(skill.name, nameWeight);
      for (const alias of skill.aliases) add(alias, aliasWeight);
      add(skill.description, descriptionWeight);
      return counts;
    });
    // Lent terms add to what a document says but not to its length: a skill is not the less about its own words for them.
    const lengths = documents.map((counts) => [...counts.values()].reduce((sum, n) => sum + n, 0));
    for (const [skillIndex, terms] of lent ?? []) {
      const counts = documents[skillIndex];
      if (counts === undefined || (skills[skillIndex] as Skill).type === 'certification') continue;
      for (const [term, weight] of terms) counts.set(term, (counts.get(term) ?? 0) + weight);
    }
    const averageLength = lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, lengths.length);
    const byTerm = new Map<string, Array<[number, number]>>();
    documents.forEach((counts, skillIndex) => {
      for (const [term, frequency] of counts) {
        const list = byTerm.get(term) ?? [];
        list.push([skillIndex, frequency]);
        byTerm.set(term, list);
      }
    });
    const n = skills.length;
    const prior = skills.map((skill) => 1 + prevalenceWeight * Math.log1p(Math.max(0, prevalence?.get(skill.id) ?? 0)));
    for (const [term, list] of byTerm) {
      // Words in over a tenth of all skills say little about any one of them.
      if (list.length > Math.max(20, n / 10)) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      const weighted = list.filter(([, frequency]) => frequency > 0).map(([skillIndex, frequency]) => {
        const norm = frequency + k1 * (1 - b + (b * (lengths[skillIndex] as number)) / averageLength);
        return [skillIndex, ((prior[skillIndex] as number) * idf * frequency * (k1 + 1)) / norm] as const;
      });
      if (weighted.length === 0) continue;
      weighted.sort((x, y) => y[1] - x[1]);
      const kept = weighted.slice(0, postingsPerTerm);
      const posting = { skills: Int32Array.from(kept, (entry) => entry[0]), weights: Float32Array.from(kept, (entry) => entry[1]), seenIn: 0, index: this.postingList.length };
      this.postingList.push(posting);
      this.postings.set(term, posting);
    }
    this.scores = new Float32Array(n);
    this.termCounts = new Uint8Array(n);
    this.stamps = new Uint32Array(n);
    this.touched = new Int32Array(Math.max(16, n));
  }

  private postingOf(word: string): Posting | null {
    let posting = this.wordPostings.get(word);
    if (posting === undefined) {
      posting = word.length < 3 || functionWords.has(word) ? null : this.postings.get(this.canonical(word)) ?? null;
      if (this.wordPostings.size > 500_000) this.wordPostings.clear();
      this.wordPostings.set(word, posting);
    }
    return posting;
  }

  /** Every posting, numbered for `postingByWord`. */
  private readonly postingList: Posting[] = [];
  /** Word ID of the extractor's vocabulary to posting number + 1 (-1 + 1 = 0 is "not looked up", so none is stored as -1). */
  private postingByWord: WordTable | undefined;

  /**
   * How many distinct words of [from, to) that `named` marks support a skill:
   * the words a sentence spells out as names of skills ("Java and Spring"),
   * which describe no neighbour of theirs (Spring Security). Few words are
   * marked, so this reads only them.
   */
  termsNamed(skillIndex: number, words: readonly string[], from: number, to: number, named: Uint8Array): number {
    let count = 0;
    let previous: Posting | null = null;
    for (let w = from; w < to; w += 1) {
      if (named[w] !== 1) continue;
      const posting = this.postingOf(words[w] as string);
      if (posting === null || posting === previous || !posting.skills.includes(skillIndex)) continue;
      previous = posting;
      count += 1;
    }
    return count;
  }

  /**
   * Candidate skills for one sentence: the lower-cased words [from, to) of a
   * scanned text, with their vocabulary IDs when it was scanned with one.
   */
  candidates(words: readonly string[], from: number, to: number, limit: number, ids?: Int32Array): ImplicitCandidate[] {
    const table = ids === undefined ? undefined : (this.postingByWord ??= new WordTable(this.vocabulary as Vocabulary));
    this.epoch = this.epoch >= 0xfffffffe ? 1 : this.epoch + 1;
    if (this.epoch === 1) {
      this.stamps.fill(0);
      for (const posting of this.postings.values()) posting.seenIn = 0;
    }
    const epoch = this.epoch;
    // Locals for the hot loop: V8 cannot keep `this.x` loads out of it.
    const { stamps, scores, termCounts, touched } = this;
    let touchedCount = 0;
    let bestPossible = 0;
    for (let w = from; w < to; w += 1) {
      let posting: Posting | null;
      if (table === undefined || ids === undefined) {
        posting = this.postingOf(words[w] as string);
      } else {
        const id = ids[w] as number;
        const stored = table.get(id);
        if (stored === 0) {
          posting = this.postingOf(words[w] as string);
          table.set(id, posting === null ? -1 : (posting.index as number) + 1);
        } else {
          posting = stored < 0 ? null : (this.postingList[stored - 1] as Posting);
        }
      }
      // A term counts once per sentence, however often it is written.
      if (posting === null || posting.seenIn === epoch) continue;
      posting.seenIn = epoch;
      const { skills: postingSkills, weights } = posting;
      bestPossible += weights[0] as number;
      for (let i = 0; i < postingSkills.length; i += 1) {
        const skillIndex = postingSkills[i] as number;
        if (stamps[skillIndex] !== epoch) {
          stamps[skillIndex] = epoch;
          scores[skillIndex] = weights[i] as number;
          termCounts[skillIndex] = 1;
          touched[touchedCount++] = skillIndex;
        } else {
          scores[skillIndex] = (scores[skillIndex] as number) + (weights[i] as number);
          termCounts[skillIndex] = (termCounts[skillIndex] as number) + 1;
        }
      }
    }
    if (touchedCount === 0 || bestPossible === 0) return [];
    // The best few by insertion into a short sorted list: cheaper than sorting every touched skill.
    const best: number[] = [];
    let floor = -1;
    for (let t = 0; t < touchedCount; t += 1) {
      const skillIndex = touched[t] as number;
      const score = scores[skillIndex] as number;
      if (score <= floor) continue;
      let position = best.length;
      while (position > 0 && (scores[best[position - 1] as number] as number) < score) position -= 1;
      best.splice(position, 0, skillIndex);
      if (best.length > limit) best.pop();
      // Once the list is full, only a score above its last can enter.
      if (best.length === limit) floor = scores[best[limit - 1] as number] as number;
    }
    return best.map((skillIndex) => ({
      skillIndex,
      strength: Math.min(1, (scores[skillIndex] as number) / bestPossible),
      terms: termCounts[skillIndex] as number,
    }));
  }
}
