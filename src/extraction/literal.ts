import type { Skill } from '../skills/model.js';
import { tokenize } from '../skills/text.js';
import { ambiguousWords, functionWords, isActionNoun, isIdiom } from './lexicon.js';
import { scan, type ScannedText } from './scan.js';
import { stem } from './stem.js';
import { TokenTrie } from './token-trie.js';
import { Vocabulary, WordTable } from './vocabulary.js';

/** How a label was written into the matcher; it sets the base confidence of a match. */
export type MatchKind = 'name' | 'alias' | 'reordered' | 'coordinated';

export interface LiteralMatch {
  skillIndex: number;
  /** Token range [first, last] of the evidence. */
  first: number;
  last: number;
  kind: MatchKind;
  /** The label as the library writes it. */
  label: string;
  /** Needs context to count: an ordinary word, a short token, or a product name written in lower case. */
  ambiguous: boolean;
}

interface Pattern {
  skillIndex: number;
  label: string;
  kind: MatchKind;
  length: number;
  /** Single-word labels that are also ordinary words or very short. */
  ambiguousWord: boolean;
  /** The label's own letter case, for the lower-case check on product names and acronyms. */
  casedForm: string | undefined;
  /** For one-word labels, the word as written (lower case, without inner dots). */
  word: string | undefined;
  /** Checks a found occurrence must pass (see `isPlausible`); 0 for none. */
  checks: number;
}

/** A short mixed-case name ("SAFe") counts only as written or in capitals: "safe" and "Safe" are ordinary words. */
const exactCase = 1;
/** The label's last word is an -ing activity ("data engineering"): an agent noun ("data engineer") is a job title, not the activity. */
const gerundLast = 2;
/** The label's last word is not a past participle: "developer experienced" is not Developer Experience. */
const noParticipleLast = 4;
/** A one-word -ing label ("Engineering"): an agent noun ("engineers") is a job, not the activity. */
const gerundWord = 8;
/** A reordered action noun that is an -ing form ("building engineering"): "engineers building" is no such action. */
const gerundAction = 16;

const negations = new Set(['no', 'without']);

function labelChecks(variant: string[], label: string, kind: MatchKind): number {
  const last = variant[variant.length - 1] as string;
  let checks = 0;
  if (variant.length === 1 && label.length <= 5 && /\p{Ll}/u.test(label) && /.\p{Lu}/u.test(label)) checks |= exactCase;
  if (last.endsWith('ing')) checks |= variant.length === 1 ? gerundWord : gerundLast;
  if (variant.length > 1 && !last.endsWith('ed')) checks |= noParticipleLast;
  if (kind === 'reordered' && last.endsWith('ing')) checks |= gerundAction;
  return checks;
}

/**
 * Finds every name and alias of a library's skills in a text: in any case,
 * inflected ("managed budgets"), reordered for action nouns, with hyphens or
 * dots written or not, and inside coordinations ("written and verbal
 * communication"). Built once per release; matching is one pass over the
 * tokens with a few array reads per token.
 */
export class LiteralMatcher {
  /** The labels' token sequences, over label-token IDs (see `tokenIds`). */
  private readonly trie = new TokenTrie();
  /** Trie node to the patterns whose label ends there. */
  private patternsByNode: Array<Pattern[] | undefined> = [];
  /** Every canonical word that occurs in some label, numbered: a word of text outside it can neither start nor continue a label. */
  private readonly tokenIds = new Map<string, number>();
  private readonly canonicalCache = new Map<string, string>();
  /** The words met so far; per-word facts below are tables indexed by word ID. */
  readonly vocabulary = new Vocabulary();
  /** Distinct canonical forms, numbered for `canonicalByWord`. */
  private readonly canonicalForms: string[] = [];
  private readonly canonicalNumbers = new Map<string, number>();
  private readonly canonicalByWord = new WordTable(this.vocabulary);
  /** A word's label-token ID + 1; -1 when it is in no label. */
  private readonly tokenByWord = new WordTable(this.vocabulary);
  readonly patternCount: number;

  constructor(readonly skills: readonly Skill[]) {
    let patterns = 0;
    skills.forEach((skill, skillIndex) => {
      const seen = new Set<string>();
      [skill.name, ...skill.aliases].forEach((label, position) => {
        const kind: MatchKind = position === 0 ? 'name' : 'alias';
        for (const variant of labelVariants(label)) {
          const tokens = variant.map((token) => this.canonical(token));
          const key = tokens.join(' ');
          if (tokens.length === 0 || seen.has(key)) continue;
          seen.add(key);
          const ambiguousWord = tokens.length === 1 && isAmbiguousToken(variant[0] as string, skill);
          const casedForm = tokens.length === 1 && /[A-Z]/.test(label) && (skill.isSoftware || skill.type === 'certification' || /^[A-Z0-9]{2,}$/.test(label)) ? label : undefined;
          const word = tokens.length === 1 ? undotted(variant[0] as string) : undefined;
          this.insert(tokens, { skillIndex, label, kind, length: tokens.length, ambiguousWord, casedForm, word, checks: labelChecks(variant, label, kind) });
          patterns += 1;
          // "budget management" is also found as "managed budgets", "managing the budget".
          if (tokens.length === 2 && isActionNoun(variant[1] as string)) {
            const [object, action] = tokens as [string, string];
            const checks = labelChecks(variant, label, 'reordered');
            this.insert([action, object], { skillIndex, label, kind: 'reordered', length: 2, ambiguousWord: false, casedForm: undefined, word: undefined, checks });
            for (const filler of ['the', 'a', 'an', 'of', 'our', 'their', 'all']) {
              this.insert([action, filler, object], { skillIndex, label, kind: 'reordered', length: 3, ambiguousWord: false, casedForm: undefined, word: undefined, checks });
            }
            patterns += 8;
          }
        }
      });
    });
    this.patternCount = patterns;
    // Dense, so that the hot loop reads it without meeting holes.
    this.patternsByNode = Array.from({ length: this.trie.size }, (_, node) => this.patternsByNode[node]);
  }

  /** Scans a text with this matcher's vocabulary, so that matching reads word IDs. */
  scan(text: string): ScannedText {
    return scan(text, this.vocabulary);
  }

  /** The canonical form of the word with this ID (see `canonical`). */
  canonicalOf(id: number): string {
    return this.canonicalForms[this.formNumberOf(id)] as string;
  }

  /** The number of the canonical form of the word with this ID: equal numbers, equal forms. */
  formNumberOf(id: number): number {
    const stored = this.canonicalByWord.get(id);
    if (stored !== 0) return stored - 1;
    const number = this.numberOfForm(this.canonical(this.vocabulary.words[id] as string));
    this.canonicalByWord.set(id, number + 1);
    return number;
  }

  /** The number of a canonical form, numbering it when new. */
  numberOfForm(form: string): number {
    let number = this.canonicalNumbers.get(form);
    if (number === undefined) {
      number = this.canonicalForms.length;
      this.canonicalForms.push(form);
      this.canonicalNumbers.set(form, number);
    }
    return number;
  }

  /** The label-token ID of the word with this ID, -1 when no label has it. */
  private tokenOf(id: number): number {
    const stored = this.tokenByWord.get(id);
    if (stored !== 0) return stored < 0 ? -1 : stored - 1;
    const token = this.tokenIds.get(this.canonicalOf(id)) ?? -1;
    this.tokenByWord.set(id, token < 0 ? -1 : token + 1);
    return token;
  }

  /** Every match in the scanned text, longest first where matches share tokens. */
  match(text: string, scanned: ScannedText): LiteralMatch[] {
    const { count, phraseBreaks } = scanned;
    const ids = this.idsOf(scanned);
    const canonAt = (k: number) => this.canonicalOf(ids[k] as number);
    const found: LiteralMatch[] = [];
    const { trie, patternsByNode } = this;
    for (let i = 0; i < count; i += 1) {
      const token = this.tokenOf(ids[i] as number);
      if (token < 0) continue;
      let node = trie.child(0, token);
      if (node < 0) continue;
      // Every label that starts here counts, not only the longest: "SQL" and "SQL Developer".
      let j = i;
      for (;;) {
        const patterns = patternsByNode[node];
        if (patterns !== undefined) {
          for (const pattern of patterns) {
            if (!this.isPlausible(pattern, text, scanned, i, j)) continue;
            found.push({ skillIndex: pattern.skillIndex, first: i, last: j, kind: pattern.kind, label: pattern.label, ambiguous: this.needsContext(pattern, text, scanned, i) });
          }
          this.coordinations(patterns, i, j, canonAt, count, found);
        }
        if (!trie.hasChildren(node) || j + 1 >= count || phraseBreaks[j + 1] === 1) break;
        const token = this.tokenOf(ids[j + 1] as number);
        if (token < 0) break;
        const next = trie.child(node, token);
        if (next < 0) break;
        node = next;
        j += 1;
      }
    }
    return dropContained(found, this.skills);
  }

  /**
   * "written and verbal communication": a label X-head matched after
   * "Y and" also yields Y-head when Y-head is a label; "data collection and
   * analysis" likewise yields data-analysis.
   */
  private coordinations(patterns: Pattern[], first: number, last: number, canonAt: (k: number) => string, wordCount: number, found: LiteralMatch[]): void {
    const lengthOf = last - first + 1;
    if (lengthOf < 2) return;
    const head: string[] = [];
    for (let k = first + 1; k <= last; k += 1) head.push(canonAt(k));
    // Backwards: "<Y> (, <Z>)* and <X> <head...>".
    let k = first - 1;
    while (k >= 1 && isConjunction(canonAt(k))) {
      const modifier = canonAt(k - 1);
      const hit = this.lookup([modifier, ...head]);
      if (hit === undefined) break;
      for (const pattern of hit) found.push({ skillIndex: pattern.skillIndex, first: k - 1, last, kind: 'coordinated', label: pattern.label, ambiguous: false });
      k -= 2;
    }
    // Forwards: "<modifier> <X> and <Y>" where modifier-Y is a label.
    if (lengthOf === 2 && patterns.some((p) => p.kind !== 'reordered')) {
      const modifier = canonAt(first);
      let m = last + 1;
      while (m + 1 < wordCount && isConjunction(canonAt(m))) {
        const hit = this.lookup([modifier, canonAt(m + 1)]);
        if (hit === undefined) break;
        for (const pattern of hit) if (pattern.kind !== 'reordered') found.push({ skillIndex: pattern.skillIndex, first, last: m + 1, kind: 'coordinated', label: pattern.label, ambiguous: false });
        m += 2;
      }
    }
  }

  /**
   * Whether the words found can be the label at all, from their form: the
   * stems match, but "engineers building", "team, build" or "safe" are not
   * Building Engineering, Team Building or SAFe.
   */
  private isPlausible(pattern: Pattern, text: string, scanned: ScannedText, first: number, last: number): boolean {
    const { checks } = pattern;
    if (checks !== 0) {
      const lastWord = scanned.words[last] as string;
      if (checks & exactCase) {
        const surface = text.slice(scanned.starts[first], scanned.ends[last]);
        if (surface !== pattern.label && surface !== pattern.label.toUpperCase()) return false;
      }
      if (checks & (gerundWord | gerundLast) && /(?:er|ers|or|ors)$/.test(lastWord)) return false;
      // "roofs", "brand", "teaches": the thing or a verb form, not the activity a one-word -ing label names ("patched" still did it).
      if (checks & gerundWord && !lastWord.endsWith('ing') && !lastWord.endsWith('ed')) return false;
      if (checks & noParticipleLast && lastWord.endsWith('ed')) return false;
      if (checks & gerundAction && /(?:er|ers|or|ors)$/.test(scanned.words[first] as string)) return false;
    }
    // "no Java background is required": a skill written right after "no" or "without" is what the text rules out.
    if (first > 0 && negations.has(scanned.words[first - 1] as string)) return false;
    return pattern.length !== 1 || !isIdiom(scanned.words, first);
  }

  /** Whether this occurrence needs context to count as the skill. */
  private needsContext(pattern: Pattern, text: string, scanned: ScannedText, tokenIndex: number): boolean {
    if (pattern.ambiguousWord) return true;
    // One word met only through its stem is weak evidence: "networks" is not Networking, "experienced" not Experience.
    if (pattern.word !== undefined && undotted(scanned.words[tokenIndex] as string) !== pattern.word) return true;
    // "Excel" and "CPR" are names; "excel" and "cpr" in lower case may be anything.
    if (pattern.casedForm !== undefined && !hasUpperCase(text, scanned.starts[tokenIndex] as number, scanned.ends[tokenIndex] as number)) return true;
    return false;
  }

  private lookup(tokens: string[]): Pattern[] | undefined {
    let node = 0;
    for (let i = 0; node >= 0 && i < tokens.length; i += 1) node = this.trie.child(node, this.tokenIds.get(tokens[i] as string) ?? -1);
    return node < 0 ? undefined : this.patternsByNode[node]?.filter((pattern) => pattern.kind !== 'reordered');
  }

  private insert(tokens: string[], pattern: Pattern): void {
    if (tokens.length === 0) return;
    let node = 0;
    for (const word of tokens) {
      let token = this.tokenIds.get(word);
      if (token === undefined) {
        token = this.tokenIds.size;
        this.tokenIds.set(word, token);
      }
      node = this.trie.addChild(node, token);
    }
    const patterns = (this.patternsByNode[node] ??= []);
    if (!patterns.some((p) => p.skillIndex === pattern.skillIndex)) patterns.push(pattern);
  }

  /** The scanned text's word IDs in this matcher's vocabulary, interning them if it was scanned without it. */
  private idsOf(scanned: ScannedText): Int32Array {
    if (scanned.count === 0 || (scanned.ids[0] as number) >= 0) return scanned.ids;
    const ids = new Int32Array(scanned.count);
    for (let k = 0; k < scanned.count; k += 1) ids[k] = this.vocabulary.internWord(scanned.words[k] as string);
    return ids;
  }


  /** The form a token is matched under: dots dropped inside words ("nodejs"), then stemmed. */
  canonical(word: string): string {
    let form = this.canonicalCache.get(word);
    if (form === undefined) {
      form = stem(undotted(word));
      if (this.canonicalCache.size > 500_000) this.canonicalCache.clear();
      this.canonicalCache.set(word, form);
    }
    return form;
  }
}

function hasUpperCase(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k += 1) {
    const code = text.charCodeAt(k);
    if (code >= 65 && code <= 90) return true;
    if (code >= 128 && text.charAt(k) !== text.charAt(k).toLowerCase()) return true;
  }
  return false;
}

/** A word without the dots inside it ("node.js" to "nodejs"); a leading dot stays (".net"). */
function undotted(word: string): string {
  return word.length > 2 && word.indexOf('.', 1) > 0 ? word.replace(/(?!^)\./g, '') : word;
}

/** The token sequences a label is found under: as written, and with hyphenated parts joined ("ecommerce"). */
function labelVariants(label: string): string[][] {
  const variants = [tokenize(label)];
  if (/\p{L}-\p{L}/u.test(label)) variants.push(tokenize(label.replace(/(\p{L})-(\p{L})/gu, '$1$2')));
  // "Cardiopulmonary Resuscitation (CPR)", "Java (Programming Language)": the part before the brackets is a label too.
  // Not so for a lower-case qualifier after a space, which is part of the meaning ("cost management (construction)").
  const bracketless = label.replace(/(\s*)\(([^)]*)\)/g, (whole, space: string, inside: string) => (space !== '' && /^[a-z][a-z ,&-]*$/.test(inside) ? whole : ' ')).trim();
  if (bracketless !== label && bracketless.length > 0) variants.push(tokenize(bracketless));
  return variants.filter((tokens) => tokens.length > 0 && !(tokens.length === 1 && functionWords.has(tokens[0] as string)));
}

function isAmbiguousToken(token: string, skill: Skill): boolean {
  // A one-word soft skill is an everyday word too ("the planning department", "a reliable vehicle").
  if (skill.type === 'common') return true;
  if (token.length <= 2 && !/[+#]/.test(token)) return true;
  return ambiguousWords.has(token);
}

function isConjunction(token: string): boolean {
  return token === 'and' || token === 'or' || token === '&';
}

/**
 * Drops an ambiguous match that a longer match of another skill covers
 * ("Project" inside "Project Management"); an unambiguous one stays, as the
 * longer skill implies it ("SQL" inside "Oracle SQL Developer").
 */
function dropContained(matches: LiteralMatch[], skills: readonly Skill[]): LiteralMatch[] {
  if (matches.length < 2) return matches;
  const categoryOf = (match: LiteralMatch) => (skills[match.skillIndex] as Skill).category;
  const contains = (other: LiteralMatch, match: LiteralMatch) =>
    other !== match && other.skillIndex !== match.skillIndex && other.first <= match.first && other.last >= match.last &&
    other.last - other.first > match.last - match.first && other.kind !== 'coordinated';
  // An alias inside a longer match of another field's skill is that skill's word: "ERP" in "ERP rollouts" is no therapy.
  const outweighs = (other: LiteralMatch, match: LiteralMatch) => contains(other, match) && (match.ambiguous || categoryOf(other) !== categoryOf(match));
  // Matches by start: a container starts at or before its content and ends at or after it, so only near neighbours can contain.
  let sorted = true;
  let longestSpan = 0;
  let candidates = false;
  for (let m = 0; m < matches.length; m += 1) {
    const match = matches[m] as LiteralMatch;
    if (m > 0 && match.first < (matches[m - 1] as LiteralMatch).first) sorted = false;
    longestSpan = Math.max(longestSpan, match.last - match.first);
    if (match.ambiguous || match.kind === 'alias') candidates = true;
  }
  if (!candidates || longestSpan === 0) return matches;
  const byStart = sorted ? matches : matches.slice().sort((x, y) => x.first - y.first);
  let dropped: Set<LiteralMatch> | undefined;
  byStart.forEach((match, position) => {
    if (!match.ambiguous && match.kind !== 'alias') return;
    for (let k = position - 1; k >= 0 && (byStart[k] as LiteralMatch).first >= match.first - longestSpan; k -= 1) {
      if (outweighs(byStart[k] as LiteralMatch, match)) return void (dropped ??= new Set()).add(match);
    }
    for (let k = position + 1; k < byStart.length && (byStart[k] as LiteralMatch).first === match.first; k += 1) {
      if (outweighs(byStart[k] as LiteralMatch, match)) return void (dropped ??= new Set()).add(match);
    }
  });
  return dropped === undefined ? matches : matches.filter((match) => !(dropped as Set<LiteralMatch>).has(match));
}
