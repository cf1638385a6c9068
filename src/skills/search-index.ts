import type { Skill, SkillRelation, SkillType } from './model.js';
import { allowedTypos, editDistance, labelKey, tokenize, tokenVariants } from './text.js';

export interface SearchQuery {
  q?: string | undefined;
  type?: SkillType | undefined;
  category?: string | undefined;
  limit: number;
  offset: number;
  /** Use the ranking cache (default true); benchmarks turn it off to measure the search itself. */
  cache?: boolean;
}

export interface SearchHit {
  skill: Skill;
  score: number;
  /** The name or alias the query matched. */
  matched: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** The best places of one query's ranking, as kept between calls. */
interface CachedRanking {
  total: number;
  skills: Int32Array;
  scores: Float32Array;
  labels: Int32Array;
}

/** Score tiers: an exact name beats an exact alias beats a prefix beats word matches beats typos. */
const exactNameScore = 1000;
const exactAliasScore = 950;
const prefixScore = 800;
const wordMatchScore = 400;
const aliasPenalty = 20;
/** Bounds that keep a one-letter query as cheap as a precise one. */
const maxPrefixLabels = 4000;
const maxPrefixTokens = 400;
const maxCandidateLabels = 30000;
/** Words of a query beyond this many are not matched (a search box, not a document). */
const maxQueryWords = 8;
/**
 * Search-as-you-type repeats itself: the same prefixes and names come back
 * from every user. The first 200 places of the last 4,096 distinct queries
 * are kept (about 10 MB), so a repeated query costs a map lookup.
 */
const rankingCacheSize = 4096;
const cachedRankingLength = 200;

/**
 * The in-memory search structure of one library release: exact, prefix
 * (autocomplete), word and typo-tolerant matching over names and aliases.
 * Built once from the database when a release is first read; immutable.
 */
export class SkillSearchIndex {
  readonly skills: readonly Skill[];
  private readonly skillById = new Map<string, number>();
  private readonly labelSkill: Int32Array;
  private readonly labelIsAlias: Uint8Array;
  private readonly labelText: string[] = [];
  private readonly labelKeys: string[] = [];
  private readonly labelTokens: string[][] = [];
  /** The same, as word numbers in one flat array: label l's words are labelWordIds[labelWordStart[l] .. labelWordStart[l + 1]). */
  private labelWordIds = new Int32Array(0);
  private labelWordStart = new Int32Array(0);
  private readonly wordIds = new Map<string, number>();
  private wordPostings: Int32Array[] = [];
  /** Per query word, the match quality of every vocabulary word (zero when it does not match); reset after each query. */
  private readonly qualityScratch: Float32Array[] = [];
  private readonly exactLabels = new Map<string, number[]>();
  private readonly labelsByKey: Int32Array;
  private readonly postings = new Map<string, number[]>();
  private readonly vocabulary: string[];
  private readonly deletions = new Map<string, string[]>();
  private readonly nameOrder: Int32Array;
  private readonly relationsBySkill = new Map<string, SkillRelation[]>();
  /** Tie-break among equal scores: shorter names first, then alphabetical. */
  private readonly tieRank: Int32Array;
  private readonly scratch: { scores: Float64Array; bestLabel: Int32Array; stamps: Uint32Array; touched: Int32Array };
  private epoch = 0;
  private readonly rankings = new Map<string, CachedRanking>();

  /**
   * `prevalence`: how widely each skill (by ID) is asked for, where the
   * library says; extraction uses it as a prior.
   */
  constructor(skills: readonly Skill[], relations: readonly SkillRelation[] = [], readonly prevalence: ReadonlyMap<string, number> = new Map()) {
    this.skills = skills;
    const labelSkill: number[] = [];
    const labelIsAlias: number[] = [];
    skills.forEach((skill, skillIndex) => {
      this.skillById.set(skill.id, skillIndex);
      const seen = new Set<string>();
      [skill.name, ...skill.aliases].forEach((label, position) => {
        const key = labelKey(label);
        if (key.length === 0 || seen.has(key)) return;
        seen.add(key);
        const labelIndex = labelSkill.length;
        labelSkill.push(skillIndex);
        labelIsAlias.push(position === 0 ? 0 : 1);
        this.labelText.push(label);
        this.labelKeys.push(key);
        const tokens = key.split(' ');
        this.labelTokens.push(tokens);
        pushTo(this.exactLabels, key, labelIndex);
        const indexed = new Set<string>();
        for (const token of tokens) for (const form of [token, ...tokenVariants(token)]) indexed.add(form);
        // "e-commerce" is also found as "ecommerce".
        if (tokens.length > 1 && /-/.test(label)) for (const joined of joinedHyphenForms(label)) indexed.add(joined);
        for (const form of indexed) pushTo(this.postings, form, labelIndex);
      });
    });
    this.labelSkill = Int32Array.from(labelSkill);
    this.labelIsAlias = Uint8Array.from(labelIsAlias);
    this.labelsByKey = Int32Array.from(this.labelKeys.keys()).sort((a, b) => compare(this.labelKeys[a] as string, this.labelKeys[b] as string));
    this.vocabulary = [...this.postings.keys()].sort(compare);
    this.vocabulary.forEach((word, id) => this.wordIds.set(word, id));
    this.wordPostings = this.vocabulary.map((word) => Int32Array.from(this.postings.get(word) ?? []));
    this.labelWordStart = new Int32Array(this.labelTokens.length + 1);
    let wordCount = 0;
    this.labelTokens.forEach((tokens, label) => {
      this.labelWordStart[label] = wordCount;
      wordCount += tokens.length;
    });
    this.labelWordStart[this.labelTokens.length] = wordCount;
    this.labelWordIds = new Int32Array(wordCount);
    this.labelTokens.forEach((tokens, label) => tokens.forEach((token, k) => (this.labelWordIds[(this.labelWordStart[label] as number) + k] = this.wordIds.get(token) ?? -1)));
    for (const token of this.vocabulary) {
      if (token.length < 4) continue;
      for (const deleted of singleDeletions(token)) pushTo(this.deletions, deleted, token);
    }
    this.nameOrder = Int32Array.from(skills.keys()).sort((a, b) => compare((skills[a] as Skill).name.toLowerCase(), (skills[b] as Skill).name.toLowerCase()));
    const byLengthThenName = Int32Array.from(skills.keys()).sort((a, b) => {
      const nameA = (skills[a] as Skill).name;
      const nameB = (skills[b] as Skill).name;
      return nameA.length - nameB.length || compare(nameA, nameB);
    });
    this.tieRank = new Int32Array(skills.length);
    byLengthThenName.forEach((skillIndex, rank) => (this.tieRank[skillIndex] = rank));
    this.scratch = { scores: new Float64Array(skills.length), bestLabel: new Int32Array(skills.length), stamps: new Uint32Array(skills.length), touched: new Int32Array(skills.length) };
    for (const relation of relations) {
      pushTo(this.relationsBySkill, relation.sourceId, relation);
      pushTo(this.relationsBySkill, relation.targetId, relation);
    }
  }

  get size(): number {
    return this.skills.length;
  }

  get labelCount(): number {
    return this.labelText.length;
  }

  get(id: string): Skill | undefined {
    const index = this.skillById.get(id);
    return index === undefined ? undefined : this.skills[index];
  }

  search(query: SearchQuery): SearchResult {
    const accepts = (skill: Skill) =>
      (query.type === undefined || skill.type === query.type) &&
      (query.category === undefined || skill.category.toLowerCase() === query.category.toLowerCase());
    const tokens = tokenize(query.q ?? '');
    // No query lists the library; a query of no words (punctuation, an emoji) matches nothing, rather than everything.
    if (tokens.length === 0) return (query.q ?? '').trim() === '' ? this.browse(accepts, query) : { total: 0, hits: [] };

    // Per-query scratch space reused across queries: one slot per skill, valid when stamped with this query's epoch.
    const epoch = this.nextEpoch();
    const { scores, bestLabel, stamps, touched } = this.scratch;
    let touchedCount = 0;
    const offer = (label: number, score: number) => {
      const skillIndex = this.labelSkill[label] as number;
      if (stamps[skillIndex] !== epoch) {
        stamps[skillIndex] = epoch;
        if (!accepts(this.skills[skillIndex] as Skill)) {
          scores[skillIndex] = -1;
          return;
        }
        scores[skillIndex] = score;
        bestLabel[skillIndex] = label;
        touched[touchedCount++] = skillIndex;
      } else if ((scores[skillIndex] as number) >= 0 && score > (scores[skillIndex] as number)) {
        scores[skillIndex] = score;
        bestLabel[skillIndex] = label;
      }
    };

    const key = tokens.join(' ');
    const cacheKey = query.cache !== false && query.offset + query.limit <= cachedRankingLength ? `${key}\u0000${query.type ?? ''}\u0000${query.category?.toLowerCase() ?? ''}` : undefined;
    const cached = cacheKey === undefined ? undefined : this.rankings.get(cacheKey);
    if (cached !== undefined) {
      // Refresh its place in the least-recently-used order.
      this.rankings.delete(cacheKey as string);
      this.rankings.set(cacheKey as string, cached);
      return this.presentCached(cached, query.offset, query.limit);
    }

    for (const label of this.exactLabels.get(key) ?? []) offer(label, this.labelIsAlias[label] ? exactAliasScore : exactNameScore);
    this.matchLabelPrefix(key, offer);
    this.matchWords(tokens, offer);

    const wanted = cacheKey === undefined ? query.offset + query.limit : cachedRankingLength;
    const ranked = topRanked(touched.subarray(0, touchedCount), wanted, (a, b) =>
      (scores[b] as number) - (scores[a] as number) || (this.tieRank[a] as number) - (this.tieRank[b] as number));
    const ranking: CachedRanking = {
      total: touchedCount,
      skills: Int32Array.from(ranked),
      scores: Float32Array.from(ranked, (skillIndex) => scores[skillIndex] as number),
      labels: Int32Array.from(ranked, (skillIndex) => bestLabel[skillIndex] as number),
    };
    if (cacheKey !== undefined) {
      if (this.rankings.size >= rankingCacheSize) this.rankings.delete(this.rankings.keys().next().value as string);
      this.rankings.set(cacheKey, ranking);
    }
    return this.presentCached(ranking, query.offset, query.limit);
  }

  private presentCached(ranking: CachedRanking, offset: number, limit: number): SearchResult {
    const hits: SearchHit[] = [];
    for (let i = offset; i < Math.min(ranking.skills.length, offset + limit); i += 1) {
      hits.push({
        skill: this.skills[ranking.skills[i] as number] as Skill,
        score: Math.round((ranking.scores[i] as number) * 10) / 10,
        matched: this.labelText[ranking.labels[i] as number] as string,
      });
    }
    return { total: ranking.total, hits };
  }

  private nextEpoch(): number {
    this.epoch = this.epoch >= 0xfffffffe ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.scratch.stamps.fill(0);
    return this.epoch;
  }

  /** Skills related to `id`: the release's own relations first, then the closest skills of its subcategory. */
  related(id: string, limit: number): Array<{ skill: Skill; relation: string }> {
    const skill = this.get(id);
    if (skill === undefined) return [];
    const out: Array<{ skill: Skill; relation: string }> = [];
    const seen = new Set<string>([id]);
    for (const relation of this.relationsBySkill.get(id) ?? []) {
      const otherId = relation.sourceId === id ? relation.targetId : relation.sourceId;
      const other = this.get(otherId);
      if (other === undefined || seen.has(otherId)) continue;
      seen.add(otherId);
      const kind = relation.kind === 'broader' ? (relation.sourceId === id ? 'broader' : 'narrower') : relation.kind;
      out.push({ skill: other, relation: kind });
    }
    if (out.length < limit && skill.subcategory) {
      const ownWords = new Set([...tokenize(skill.name), ...skill.tags.flatMap(tokenize), ...tokenize(skill.description)]);
      const siblings = this.skills
        .filter((candidate) => candidate.subcategory === skill.subcategory && candidate.category === skill.category && !seen.has(candidate.id))
        .map((candidate) => {
          const words = new Set([...tokenize(candidate.name), ...candidate.tags.flatMap(tokenize), ...tokenize(candidate.description)]);
          let shared = 0;
          for (const word of words) if (word.length > 3 && ownWords.has(word)) shared += 1;
          return { candidate, shared };
        })
        .sort((a, b) => b.shared - a.shared || compare(a.candidate.name, b.candidate.name));
      for (const { candidate } of siblings) out.push({ skill: candidate, relation: 'same-subcategory' });
    }
    return out.slice(0, limit);
  }

  private browse(accepts: (skill: Skill) => boolean, query: SearchQuery): SearchResult {
    const hits: SearchHit[] = [];
    let total = 0;
    for (const skillIndex of this.nameOrder) {
      const skill = this.skills[skillIndex] as Skill;
      if (!accepts(skill)) continue;
      if (total >= query.offset && hits.length < query.limit) hits.push({ skill, score: 0, matched: skill.name });
      total += 1;
    }
    return { total, hits };
  }

  /** Labels that start with the whole query ("java" finds "JavaScript"), shorter labels first. */
  private matchLabelPrefix(key: string, offer: (label: number, score: number) => void): void {
    let position = lowerBound(this.labelsByKey.length, (i) => compare(this.labelKeys[this.labelsByKey[i] as number] as string, key) < 0);
    for (let seen = 0; position < this.labelsByKey.length && seen < maxPrefixLabels; position += 1, seen += 1) {
      const label = this.labelsByKey[position] as number;
      const text = this.labelKeys[label] as string;
      if (!text.startsWith(key)) break;
      if (text.length === key.length) continue;
      const score = prefixScore + 100 * (key.length / text.length) - (this.labelIsAlias[label] ? aliasPenalty : 0);
      offer(label, score);
    }
  }

  /**
   * Labels holding every query word: exactly, as a prefix (above all for the
   * word being typed), or within the typo budget of its length ("pyton" finds "python").
   */
  private matchWords(allTokens: string[], offer: (label: number, score: number) => void): void {
    const tokens = allTokens.slice(0, maxQueryWords);
    const matchSets = tokens.map((token, i) => this.wordMatches(token, i === tokens.length - 1));
    if (matchSets.some((set) => set.size === 0)) return;
    // Walk the postings of the rarest word; check the others on each candidate label through the quality tables.
    let anchor = 0;
    let anchorCost = Infinity;
    matchSets.forEach((set, i) => {
      let cost = 0;
      for (const word of set.keys()) cost += this.wordPostings[this.wordIds.get(word) as number]?.length ?? 0;
      if (cost < anchorCost) [anchor, anchorCost] = [i, cost];
    });
    const tables = matchSets.map((set, i) => {
      let table = this.qualityScratch[i];
      if (table === undefined) {
        table = new Float32Array(this.vocabulary.length);
        this.qualityScratch[i] = table;
      }
      for (const [word, quality] of set) table[this.wordIds.get(word) as number] = quality;
      return table;
    });
    try {
      let scanned = 0;
      for (const [word, anchorQuality] of matchSets[anchor] as Map<string, number>) {
        const postings = this.wordPostings[this.wordIds.get(word) as number] as Int32Array;
        for (let p = 0; p < postings.length; p += 1) {
          if ((scanned += 1) > maxCandidateLabels) return;
          const label = postings[p] as number;
          const from = this.labelWordStart[label] as number;
          const to = this.labelWordStart[label + 1] as number;
          let qualitySum = anchorQuality;
          let matchedAll = true;
          for (let i = 0; i < tables.length && matchedAll; i += 1) {
            if (i === anchor) continue;
            const table = tables[i] as Float32Array;
            let quality = 0;
            for (let k = from; k < to; k += 1) {
              const q = table[this.labelWordIds[k] as number] as number;
              if (q > quality) quality = q;
            }
            if (quality === 0) matchedAll = false;
            qualitySum += quality;
          }
          if (!matchedAll) continue;
          const coverage = Math.min(1, tokens.length / (to - from));
          const quality = qualitySum / tokens.length;
          offer(label, wordMatchScore + 200 * quality * (0.5 + 0.5 * coverage) - (this.labelIsAlias[label] ? aliasPenalty : 0));
        }
      }
    } finally {
      matchSets.forEach((set, i) => {
        const table = tables[i] as Float32Array;
        for (const word of set.keys()) table[this.wordIds.get(word) as number] = 0;
      });
    }
  }

  /** Vocabulary words a query word stands for, each with a match quality in (0, 1]. */
  private wordMatches(token: string, isLastWord: boolean): Map<string, number> {
    const matches = new Map<string, number>();
    if (this.postings.has(token)) matches.set(token, 1);
    for (const variant of tokenVariants(token)) if (this.postings.has(variant)) matches.set(variant, 1);
    const known = matches.size > 0;
    // A known word is taken as typed, except the word being typed, which may still grow ("manage" to "management").
    // An unknown word may be an abbreviation ("proj") or carry a typo ("pyton").
    // A one-letter word is matched as the start of labels only: as a word prefix it would be everywhere.
    const expandPrefix = isLastWord ? token.length >= 2 && !queryFunctionWords.has(token) : !known && token.length >= 3;
    if (expandPrefix) {
      const prefixQuality = isLastWord ? 0.6 : 0.4;
      let position = lowerBound(this.vocabulary.length, (i) => compare(this.vocabulary[i] as string, token) < 0);
      for (let seen = 0; position < this.vocabulary.length && seen < maxPrefixTokens; position += 1, seen += 1) {
        const word = this.vocabulary[position] as string;
        if (!word.startsWith(token)) break;
        if (!matches.has(word)) matches.set(word, prefixQuality + 0.3 * (token.length / word.length));
      }
    }
    const typos = known ? 0 : allowedTypos(token);
    if (typos > 0) {
      for (const [word, distance] of this.typoNeighbours(token, typos)) {
        if (!matches.has(word)) matches.set(word, distance === 1 ? 0.6 : 0.45);
      }
    }
    return matches;
  }

  /** Vocabulary words within `maxDistance` edits, found through the deletion index. */
  private typoNeighbours(token: string, maxDistance: number): Map<string, number> {
    const found = new Map<string, number>();
    const consider = (word: string) => {
      if (found.has(word) || word === token) return;
      const distance = editDistance(token, word, maxDistance);
      if (distance <= maxDistance) found.set(word, distance);
    };
    for (const word of this.deletions.get(token) ?? []) consider(word);
    for (const deleted of singleDeletions(token)) {
      if (this.postings.has(deleted)) consider(deleted);
      for (const word of this.deletions.get(deleted) ?? []) consider(word);
    }
    return found;
  }
}

/**
 * The first `count` items of `items` in `order`, without sorting them all:
 * a bounded max-heap keeps the best `count` seen so far.
 */
function topRanked(items: Int32Array, count: number, order: (a: number, b: number) => number): number[] {
  if (items.length <= count * 4) return Array.from(items).sort(order).slice(0, count);
  const heap: number[] = [];
  const worseThan = (a: number, b: number) => order(a, b) > 0;
  const siftUp = (index: number) => {
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!worseThan(heap[index] as number, heap[parent] as number)) break;
      [heap[index], heap[parent]] = [heap[parent] as number, heap[index] as number];
      index = parent;
    }
  };
  const siftDown = (index: number) => {
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let worst = index;
      if (left < heap.length && worseThan(heap[left] as number, heap[worst] as number)) worst = left;
      if (right < heap.length && worseThan(heap[right] as number, heap[worst] as number)) worst = right;
      if (worst === index) return;
      [heap[index], heap[worst]] = [heap[worst] as number, heap[index] as number];
      index = worst;
    }
  };
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (count > 0 && order(item, heap[0] as number) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(order);
}

/** Complete little words a query may end in ("types of", "develop the"): not the start of a longer word. */
const queryFunctionWords = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'and', 'or', 'for', 'with', 'at', 'by', 'as']);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

function singleDeletions(token: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < token.length; i += 1) out.add(token.slice(0, i) + token.slice(i + 1));
  return out;
}

function joinedHyphenForms(label: string): string[] {
  return tokenize(label.replace(/(\p{L})-(\p{L})/gu, '$1$2')).filter((token) => !tokenize(label).includes(token));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index in [0, length) for which `isBefore` is false. */
function lowerBound(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
