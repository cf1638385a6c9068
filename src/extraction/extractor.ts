import type { Skill } from '../skills/model.js';
import { bundledExpansionSource } from './expansion-source.js';
import { lentTerms } from './expansion.js';
import { ImplicitMatcher, type ImplicitCandidate } from './implicit.js';
import { ambiguousWords, functionWords, isBoilerplate, isComplementWord, isObjectEndWord, isSkillFrame, isSkillListHeading, isSkillWord, isSoftwareRole, technologyCues } from './lexicon.js';
import { LiteralMatcher, type LiteralMatch, type MatchKind } from './literal.js';
import { scan, type ScannedText } from './scan.js';
import { describedUnits } from './units.js';

export type ExtractionMode = 'full' | 'literal';

export interface ExtractOptions {
  /** Skills below this confidence are left out (default 0.5). */
  confidenceThreshold?: number;
  /** `literal`: named mentions only (fastest); `full`: also implicit mentions. */
  mode?: ExtractionMode;
  /** Also report the candidates considered and why each was kept or dropped. */
  trace?: boolean;
  /** How many described skills a sentence may yield at most (default 3). */
  implicitPerSentence?: number;
}

export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
  kind: MatchKind | 'implicit';
}

export interface ExtractedSkill {
  skill: Skill;
  confidence: number;
  mention: 'literal' | 'implicit';
  spans: EvidenceSpan[];
}

export interface TraceEntry {
  skillId: string;
  name: string;
  span: { start: number; end: number; text: string };
  kind: MatchKind | 'implicit';
  confidence: number;
  kept: boolean;
  reason: string;
}

export interface Extraction {
  skills: ExtractedSkill[];
  trace?: TraceEntry[];
}

/** Where the implicit layer's document expansion comes from. */
export interface ExpansionOptions {
  /** The library whose skills lend their labels (default: the bundled default library; undefined: none). */
  source?: () => readonly Skill[] | undefined;
  /** Terms already worked out for these skills (by `lentTerms()` of an extractor of the same release). */
  lent?: ReadonlyMap<number, ReadonlyMap<string, number>>;
}

const baseConfidence: Record<MatchKind, number> = { name: 0.95, alias: 0.9, coordinated: 0.85, reordered: 0.8 };
const contextWindow = 15;
const cueMaskWords = 8;
/** Implicit mentions never outrank a named one. */
const implicitCeiling = 0.75;
/** A described skill that shares one word with the sentence stays below the default threshold. */
const singleWordCeiling = 0.45;
/**
 * Added to a sentence's best new description when it shares at least two
 * words: on the own evaluation set's dev split such a skill is right about
 * three times in four from 0.35 on, the sentence's other descriptions about
 * once in five, so only the best one reaches the default threshold.
 */
const leadingDescriptionBonus = 0.15;

/** How sure a description is, before the lift of a sentence's best one. One shared word is weak evidence: it stays below the default threshold, for callers who ask for more. */
function describedConfidence(candidate: ImplicitCandidate): number {
  return candidate.terms < 2
    ? Math.min(singleWordCeiling, 0.6 * candidate.strength)
    : Math.min(implicitCeiling, 0.6 * candidate.strength + 0.06 * Math.min(candidate.terms, 5));
}

/** Flags per token of where the document's matches start and end. */
const startsMatch = 1;
const endsMatch = 2;
/** Flags of where matches of software skills start and end: a tool listed next to a word says the word is one too ("python and pandas"). */
const startsSoftware = 4;
const endsSoftware = 8;
/** The token starts an unambiguous match of a software skill: a tool named for sure nearby is a technology cue ("R ... Shiny apps"). */
const startsNamedSoftware = 16;

/**
 * "teamwork and leadership", "Excel, Access": a word listed next to another
 * skill is listed as one. `startFlag` and `endFlag` say which matches count
 * as the neighbour (any, or software only).
 */
function listedWithSkill(match: LiteralMatch, scanned: ScannedText, edges: Uint8Array, startFlag = startsMatch, endFlag = endsMatch): boolean {
  const { words, phraseBreaks } = scanned;
  const before = match.first;
  const after = match.last + 1;
  const ends = (k: number) => k >= 0 && ((edges[k] as number) & endFlag) !== 0;
  const starts = (k: number) => k < scanned.count && ((edges[k] as number) & startFlag) !== 0;
  if (ends(before - 1) && phraseBreaks[before] === 1) return true;
  if (ends(before - 2) && isListWord(words[before - 1])) return true;
  if (starts(after) && phraseBreaks[after] === 1) return true;
  return starts(after + 1) && isListWord(words[after]);
}

function isListWord(word: string | undefined): boolean {
  return word === 'and' || word === 'or' || word === '&';
}

/**
 * Text to skills of one library release: literal mentions (names, aliases,
 * inflections, coordinations; ambiguous words decided from context), then
 * implicit ones (sentences that describe a skill without naming it).
 * See docs/extraction.md for the method.
 */
export class SkillExtractor {
  private readonly literal: LiteralMatcher;
  private implicitMatcher: ImplicitMatcher | undefined;
  /** Per skill, the numbered word forms of its description, field and tags that are not in its name. */
  private readonly cues = new Map<number, Set<number>>();
  /**
   * Per skill, 256 bits (8 words) with bit (form mod 256) set for each of its
   * cues: most words of a context window are no cue, and one bit test says so
   * without a hash lookup.
   */
  private readonly cueMasks: Uint32Array;
  /** Flags per token of where a text's matches start and end, reused between texts (see `edgeScratch`). */
  private edges = new Uint8Array(256);
  /** Flags per token of whether a named skill's span covers it, reused between texts (see `namedTokens`). */
  private named = new Uint8Array(256);
  /** Per label, per skill sharing it: whether the skill's name carries the label in brackets. */
  private readonly nameAbbreviations = new Map<string, Map<number, boolean>>();

  /**
   * `prevalence`: how widely each skill (by ID) is asked for, e.g. the
   * occupations that list it; the semantic layer favours widely needed
   * skills among equally good descriptions. Skills without one count as 0.
   */
  constructor(readonly skills: readonly Skill[], readonly prevalence?: ReadonlyMap<string, number>, private readonly expansion: ExpansionOptions = {}) {
    this.literal = new LiteralMatcher(skills);
    this.cueMasks = new Uint32Array(skills.length * cueMaskWords);
  }

  get patternCount(): number {
    return this.literal.patternCount;
  }

  /** The semantic layer is built on first use, so literal-only users never pay for it. */
  private get implicit(): ImplicitMatcher {
    this.implicitMatcher ??= new ImplicitMatcher(this.skills, (word) => this.literal.canonical(word), this.literal.vocabulary, this.prevalence, this.lentTerms());
    return this.implicitMatcher;
  }

  private lent: ReadonlyMap<number, ReadonlyMap<string, number>> | undefined;

  /**
   * The terms the expansion source lends this release's skills (see
   * expansion.ts), computed once; none when the release is that library itself.
   * Worker threads are handed them rather than working them out again.
   */
  lentTerms(): ReadonlyMap<number, ReadonlyMap<string, number>> {
    if (this.lent === undefined) {
      const source = this.expansion.lent === undefined ? (this.expansion.source ?? bundledExpansionSource)() : undefined;
      this.lent = this.expansion.lent ?? (source === undefined || sameLibrary(this.skills, source) ? new Map() : lentTerms(this.skills, source, (word) => this.literal.canonical(word)));
    }
    return this.lent;
  }

  extract(text: string, options: ExtractOptions = {}): Extraction {
    const threshold = options.confidenceThreshold ?? 0.5;
    const trace: TraceEntry[] | undefined = options.trace ? [] : undefined;
    if (text.length === 0) return trace ? { skills: [], trace } : { skills: [] };
    const scanned = this.literal.scan(text);
    const matches = this.literal.match(text, scanned);
    const found = new Map<number, ExtractedSkill>();
    const spanOf = (first: number, last: number) => {
      const start = scanned.starts[first] as number;
      const end = scanned.ends[last] as number;
      return { start, end, text: text.slice(start, end) };
    };

    // Named, unambiguous mentions are the context ambiguous words are read in.
    const certainCategories = new Map<string, number>();
    let edges: Uint8Array | undefined;
    if (matches.some((match) => match.ambiguous)) {
      edges = this.edgeScratch(scanned.count);
      for (const match of matches) {
        edges[match.first] = (edges[match.first] as number) | startsMatch;
        edges[match.last] = (edges[match.last] as number) | endsMatch;
        if ((this.skills[match.skillIndex] as Skill).isSoftware) {
          edges[match.first] = (edges[match.first] as number) | startsSoftware;
          edges[match.last] = (edges[match.last] as number) | endsSoftware;
          if (!match.ambiguous) edges[match.first] = (edges[match.first] as number) | startsNamedSoftware;
        }
        if (match.ambiguous) continue;
        const skill = this.skills[match.skillIndex] as Skill;
        certainCategories.set(skill.category, (certainCategories.get(skill.category) ?? 0) + 1);
      }
    }
    // Word forms of the text by number: the matcher keeps them per word ID, so a lookup is one array read.
    const { ids } = scanned;
    const formAt = (k: number) => this.literal.formNumberOf(ids[k] as number);
    const sharedLabelLosers = matches.length > 1 ? this.resolveSharedLabels(matches, scanned.count, formAt) : undefined;
    for (const match of matches) {
      const skill = this.skills[match.skillIndex] as Skill;
      const winner = sharedLabelLosers?.get(match);
      if (winner !== undefined) {
        trace?.push({ skillId: skill.id, name: skill.name, span: spanOf(match.first, match.last), kind: match.kind, confidence: 0, kept: false, reason: `shared label: ${winner} fits the context better` });
        continue;
      }
      let confidence = baseConfidence[match.kind];
      let support = -1;
      if (match.ambiguous) {
        support = Math.min(4, this.contextSupport(match, scanned, text, certainCategories, edges as Uint8Array, formAt) + introducedSupport(match, scanned, text, skill));
        // A soft skill's own words rarely surround it, so one point of support is enough for it.
        const needed = skill.type === 'common' ? 1 : 2;
        confidence = support >= needed ? Math.min(0.85, 0.55 + 0.1 * Math.max(support, 1)) : 0.2 + 0.15 * support;
      }
      const kept = confidence >= threshold;
      if (trace !== undefined) {
        const reason = support >= 0 ? `ambiguous word, context support ${support}` : match.kind === 'name' ? 'named' : match.kind;
        trace.push({ skillId: skill.id, name: skill.name, span: spanOf(match.first, match.last), kind: match.kind, confidence: round(confidence), kept, reason });
      }
      if (!kept) continue;
      const start = scanned.starts[match.first] as number;
      const end = scanned.ends[match.last] as number;
      let entry = found.get(match.skillIndex);
      if (entry === undefined) {
        entry = { skill, confidence, mention: 'literal', spans: [] };
        found.set(match.skillIndex, entry);
      } else if (confidence > entry.confidence) {
        entry.confidence = confidence;
      }
      if (!entry.spans.some((span) => span.start === start && span.end === end)) entry.spans.push({ start, end, text: text.slice(start, end), kind: match.kind });
    }
    for (const entry of found.values()) {
      // Several mentions make a skill surer, never certain.
      entry.confidence = round(Math.min(0.99, entry.confidence + 0.02 * (entry.spans.length - 1)));
    }

    if (options.mode !== 'literal') this.addImplicit(text, scanned, found, threshold, options.implicitPerSentence ?? 3, trace);

    const skills: ExtractedSkill[] = [];
    for (const entry of found.values()) skills.push(entry);
    // Ties go to the skill whose first span was found first; spans are put in text order after.
    if (skills.length > 1) skills.sort((x, y) => y.confidence - x.confidence || (x.spans[0]?.start ?? 0) - (y.spans[0]?.start ?? 0));
    for (const entry of skills) if (entry.spans.length > 1) entry.spans.sort((x, y) => x.start - y.start);
    return trace ? { skills, trace } : { skills };
  }

  /**
   * Where one label names several skills ("CPR" for the procedure and for a
   * peer-recovery credential), keeps the one whose description shares the
   * most words with the text around it; the others are returned with the winner's name.
   */
  private resolveSharedLabels(matches: LiteralMatch[], wordCount: number, formAt: (k: number) => number): Map<LiteralMatch, string> | undefined {
    let losers: Map<LiteralMatch, string> | undefined;
    const sharesLabel = (match: LiteralMatch) => match.kind !== 'coordinated' && match.kind !== 'reordered';
    // The matcher reports the skills of one label together, so a group is a run of matches over the same tokens.
    for (let a = 0; a < matches.length;) {
      const head = matches[a] as LiteralMatch;
      let b = a + 1;
      if (sharesLabel(head)) {
        for (let next = matches[b]; next !== undefined && next.first === head.first && next.last === head.last && sharesLabel(next); next = matches[b]) b += 1;
      }
      if (b - a >= 2) {
        // The words around the mention decide between the skills that share its label; each cue counts once.
        const from = Math.max(0, head.first - contextWindow);
        const to = Math.min(wordCount - 1, head.last + contextWindow);
        const fit = (match: LiteralMatch) => {
          const cues = this.cuesOf(match.skillIndex);
          let score = 0;
          const counted: number[] = [];
          for (let k = from; k <= to; k += 1) {
            const term = formAt(k);
            if (this.mayBeCue(match.skillIndex, term) && cues.has(term) && !counted.includes(term)) {
              counted.push(term);
              score += 1;
            }
          }
          if (this.abbreviatesName(match)) score += 2;
          if (match.kind === 'name') score += 2;
          return score;
        };
        const ranked = matches.slice(a, b).map((match) => ({ match, score: fit(match) })).sort((x, y) => y.score - x.score);
        const best = ranked[0] as { match: LiteralMatch; score: number };
        losers ??= new Map();
        for (const { match } of ranked.slice(1)) losers.set(match, (this.skills[best.match.skillIndex] as Skill).name);
      }
      a = b;
    }
    return losers;
  }

  /** Sentences that describe a skill without naming it. */
  private addImplicit(text: string, scanned: ScannedText, found: Map<number, ExtractedSkill>, threshold: number, perSentence: number, trace: TraceEntry[] | undefined): void {
    const boundaries = describedUnits(text, scanned);
    const named = this.namedTokens(scanned, found);
    for (let s = 0; s + 1 < boundaries.length; s += 1) {
      const first = boundaries[s] as number;
      const last = (boundaries[s + 1] as number) - 1;
      if (last - first < 3 || isBoilerplate(scanned.words, first, last + 1)) continue;
      const candidates = this.implicit.candidates(scanned.words, first, last + 1, perSentence, scanned.ids[0] === -1 ? undefined : scanned.ids);
      let namesSkills = false;
      for (let token = first; token <= last && !namesSkills; token += 1) namesSkills = named[token] === 1;
      let leader = -1;
      let leaderConfidence = -1;
      for (let k = 0; k < candidates.length; k += 1) {
        const candidate = candidates[k] as ImplicitCandidate;
        if (candidate.terms < 2 || found.has(candidate.skillIndex)) continue;
        const confidence = describedConfidence(candidate);
        if (confidence <= leaderConfidence) continue;
        // A description the sentence meets only in the names of skills it spells out is their neighbour, not what it describes.
        if (namesSkills && candidate.terms - this.implicit.termsNamed(candidate.skillIndex, scanned.words, first, last + 1, named) < 2) continue;
        leader = k;
        leaderConfidence = confidence;
      }
      for (let k = 0; k < candidates.length; k += 1) {
        const candidate = candidates[k] as ImplicitCandidate;
        const already = found.get(candidate.skillIndex);
        const confidence = round(k === leader ? Math.min(implicitCeiling, leaderConfidence + leadingDescriptionBonus) : describedConfidence(candidate));
        const kept = confidence >= threshold && already === undefined;
        if (!kept && trace === undefined) continue;
        const skill = this.skills[candidate.skillIndex] as Skill;
        const start = scanned.starts[first] as number;
        const end = scanned.ends[last] as number;
        const span = { start, end, text: text.slice(start, end) };
        trace?.push({ skillId: skill.id, name: skill.name, span, kind: 'implicit', confidence, kept, reason: already ? 'already named' : `described: ${candidate.terms} shared words${k === leader ? ', the best description of its sentence' : ''}` });
        if (!kept) continue;
        found.set(candidate.skillIndex, { skill, confidence, mention: 'implicit', spans: [{ ...span, kind: 'implicit' }] });
      }
    }
  }

  /** Flags of the tokens inside a span of a named (literal) skill, for `addImplicit`; scratch reused between texts. */
  private namedTokens(scanned: ScannedText, found: Map<number, ExtractedSkill>): Uint8Array {
    if (this.named.length < scanned.count) this.named = new Uint8Array(Math.max(scanned.count, this.named.length * 2));
    const named = this.named.subarray(0, scanned.count);
    named.fill(0);
    for (const entry of found.values()) {
      for (const span of entry.spans) {
        for (let token = firstTokenAtOrAfter(scanned.starts, scanned.count, span.start); token < scanned.count && (scanned.starts[token] as number) < span.end; token += 1) named[token] = 1;
      }
    }
    return named;
  }

  /**
   * How strongly the text around an ambiguous mention points at the skill:
   * words of the skill's own description and field nearby, technology cues
   * for software (a tool named for sure nearby, or one listed next to it,
   * even if itself ambiguous: "python and pandas"), other named skills of its
   * category, and a capitalised name inside a sentence. Being asked for as a
   * skill ("experience with python") is counted beside it (`introducedSupport`).
   */
  private contextSupport(match: LiteralMatch, scanned: ScannedText, text: string, certainCategories: Map<string, number>, edges: Uint8Array, formAt: (k: number) => number): number {
    const skill = this.skills[match.skillIndex] as Skill;
    const cues = this.cuesOf(match.skillIndex);
    let support = 0;
    const from = Math.max(0, match.first - contextWindow);
    const to = Math.min(scanned.count - 1, match.last + contextWindow);
    const capitalised = startsUpperCase(text, scanned.starts[match.first] as number);
    // Of a product named by an everyday word in lower case, other skills of its field in the document, tools among them,
    // say nothing of how this word is used.
    const everydayWord = isEverydayWordMention(match, scanned, text, skill);
    // The few supporting terms found so far: a short array beats a Set here.
    const seen: number[] = [];
    for (let i = from; i <= to && support < 4; i += 1) {
      if (i >= match.first && i <= match.last) continue;
      const term = formAt(i);
      const technology = skill.isSoftware && (technologyCues.has(scanned.words[i] as string) || (!everydayWord && ((edges[i] as number) & startsNamedSoftware) !== 0));
      if (((this.mayBeCue(match.skillIndex, term) && cues.has(term)) || technology) && !seen.includes(term)) {
        seen.push(term);
        support += 1;
      }
    }
    if (!everydayWord) support += Math.min(2, certainCategories.get(skill.category) ?? 0);
    if (listedWithSkill(match, scanned, edges)) {
      support += 1;
      // Listed among tools, a tool's name is meant as technology, as a technology cue says.
      if (skill.isSoftware && !everydayWord && listedWithSkill(match, scanned, edges, startsSoftware, endsSoftware)) support += 1;
    }
    if (support < 4 && capitalised && startsUpperCase(match.label, 0) && !isSentenceStart(scanned.sentenceStarts, match.first)) support += 1;
    return Math.min(support, 4);
  }

  /** Zeroed flags for `count` tokens, reused between texts: a new typed array per text costs more than clearing one. */
  private edgeScratch(count: number): Uint8Array {
    if (this.edges.length < count) this.edges = new Uint8Array(Math.max(count, this.edges.length * 2));
    this.edges.fill(0, 0, count);
    return this.edges;
  }

  /** The abbreviation a name carries in brackets is that skill's own: "Cardiopulmonary Resuscitation (CPR)". */
  private abbreviatesName(match: LiteralMatch): boolean {
    let bySkill = this.nameAbbreviations.get(match.label);
    if (bySkill === undefined) {
      bySkill = new Map();
      this.nameAbbreviations.set(match.label, bySkill);
    }
    let abbreviates = bySkill.get(match.skillIndex);
    if (abbreviates === undefined) {
      abbreviates = (this.skills[match.skillIndex] as Skill).name.toLowerCase().includes(`(${match.label.toLowerCase()})`);
      bySkill.set(match.skillIndex, abbreviates);
    }
    return abbreviates;
  }

  /** False when the form is surely no cue of the skill (its bit is clear); true when it may be. Call `cuesOf` first. */
  private mayBeCue(skillIndex: number, form: number): boolean {
    return (((this.cueMasks[skillIndex * cueMaskWords + ((form >>> 5) & (cueMaskWords - 1))] as number) >>> (form & 31)) & 1) === 1;
  }

  private cuesOf(skillIndex: number): Set<number> {
    let cues = this.cues.get(skillIndex);
    if (cues === undefined) {
      const skill = this.skills[skillIndex] as Skill;
      const own = new Set(scan(skill.name).words.map((word) => this.literal.canonical(word)));
      cues = new Set(
        scan(`${skill.description} ${skill.subcategory} ${skill.tags.join(' ')}`).words
          .filter((word) => word.length > 2 && !functionWords.has(word))
          .map((word) => this.literal.canonical(word))
          .filter((term) => !own.has(term))
          .map((term) => this.literal.numberOfForm(term)),
      );
      this.cues.set(skillIndex, cues);
      for (const form of cues) {
        const word = skillIndex * cueMaskWords + ((form >>> 5) & (cueMaskWords - 1));
        this.cueMasks[word] = (this.cueMasks[word] as number) | (1 << (form & 31));
      }
    }
    return cues;
  }
}

/** Whether most of a release's skills are the expansion source's own: a library lends nothing to itself. */
function sameLibrary(skills: readonly Skill[], source: readonly Skill[]): boolean {
  const sourceIds = new Set(source.map((skill) => skill.id));
  let shared = 0;
  for (const skill of skills) if (sourceIds.has(skill.id)) shared += 1;
  return shared * 2 >= skills.length && skills.length > 0;
}

function startsUpperCase(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return code >= 65 && code <= 90;
  const char = text.charAt(index);
  return char !== char.toLowerCase();
}

/**
 * Support for a mention asked for as a skill: right after a frame ("experience
 * with python") or a list heading and its colon ("Skills: python"), with no
 * complement after it ("access to care"). A tool's name is then the tool: two
 * points. An everyday word is only when it is the whole object ("experience
 * with excel required"), not the start of another noun ("spring planting").
 * A tool's name heading a role ("Java developer") is one point, to which the
 * role word itself adds one as a technology cue. A word followed by "skills"
 * is named as a skill ("troubleshooting skills"): one point, two for a tool.
 */
function introducedSupport(match: LiteralMatch, scanned: ScannedText, text: string, skill: Skill): number {
  const { words, count } = scanned;
  const { first, last } = match;
  const after = last + 1;
  // "Java developer": a role named after the tool. A lower-case everyday word stays the word ("project engineer").
  if (skill.isSoftware && after < count && isSoftwareRole(words[after] as string) && !isEverydayWordMention(match, scanned, text, skill)) return 1;
  // "troubleshooting skills", "excel skills": named as a skill by the word after it.
  if (after < count && isSkillWord(words[after] as string)) return skill.isSoftware && !isEverydayWordMention(match, scanned, text, skill) ? 2 : 1;
  if (first === 0) return 0;
  if (after < count && isComplementWord(words[after] as string)) return 0;
  const before = words[first - 1] as string;
  const introduced = (first >= 2 && isSkillFrame(words[first - 2] as string, before))
    || (isSkillListHeading(before) && text.slice(scanned.ends[first - 1] as number, scanned.starts[first] as number).includes(':'));
  if (!introduced) return 0;
  if (!skill.isSoftware) return 1;
  const wholeObject = !isEverydayWordMention(match, scanned, text, skill) || after >= count || scanned.phraseBreaks[after] === 1 || isSentenceStart(scanned.sentenceStarts, after) || isObjectEndWord(words[after] as string);
  return wholeObject ? 2 : 1;
}

/**
 * A product named by an everyday word and written in lower case ("keep your
 * word", "the outlook is good"), which is most often the word. An inflected
 * form ("chefs") is the everyday word all the more: products are not pluralised.
 */
function isEverydayWordMention(match: LiteralMatch, scanned: ScannedText, text: string, skill: Skill): boolean {
  return skill.isSoftware && match.first === match.last && !startsUpperCase(text, scanned.starts[match.first] as number)
    && isEverydayWordForm(scanned.words[match.first] as string);
}

/** An everyday word of the lexicon, or its plural ("chefs"). */
function isEverydayWordForm(word: string): boolean {
  return ambiguousWords.has(word) || (word.endsWith('s') && ambiguousWords.has(word.slice(0, -1)));
}

/** The first token starting at or after a character offset: binary search over the sorted token starts. */
function firstTokenAtOrAfter(starts: ArrayLike<number>, count: number, offset: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] as number) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether a token opens a sentence: binary search over the sorted sentence starts. */
function isSentenceStart(sentenceStarts: readonly number[], token: number): boolean {
  let low = 0;
  let high = sentenceStarts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = sentenceStarts[middle] as number;
    if (value === token) return true;
    if (value < token) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
