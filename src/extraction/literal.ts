import type { Skill } from '../skills/model.js';
import { tokenize } from '../skills/text.js';
import { ambiguousWords, functionWords, isActionNoun, isFieldModifiedNoun, isIdiom, sectionHeadings, timeOfDayWords, verbParticles } from './lexicon.js';
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
  /**
   * Other one-word labels of the same skill that fold to the same form, as
   * written: the alias "troubleshooting" of the skill "troubleshoot" is a
   * name of its own, not the name met through its stem.
   */
  alsoWritten: string[] | undefined;
  /** Checks a found occurrence must pass (see `isPlausible`); 0 for none. */
  checks: number;
  /** A two-word label ending in a verb particle ("make up"): written apart in the text it is likely the verb, so context decides. */
  phrasal: boolean;
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
/**
 * A label that is an acronym in capitals ("DOE", "IE", "PM"): in Title Case
 * it is a name or a word ("Jane Doe"), in lower case with dots an
 * abbreviation of ordinary words ("i.e.", "p.m."); see `isAcronymForm`.
 */
const acronym = 32;
/** A one-letter label ("R", "C"): written as a middle initial ("Michael R. Bloomberg") it is part of a name. */
const oneLetter = 64;
/** A label that is also a time-of-day word ("PM" for Preventive Maintenance): after a clock time ("4:00 PM") it is the time. */
const timeOfDay = 128;
/** A label that is also a section heading ("Job Description"): a line that is only the heading names part of the document. */
const heading = 256;

/**
 * A one-word name that is a generic word of the library, the field many of
 * its skills belong to ("Sales", "Accounting", "Nursing"): before a noun
 * such as "data" or "team" it says what kind of data or team, not that the
 * skill is asked for ("sales data", "a nursing home").
 */
const fieldWord = 512;

/** The plural of an acronym ("VFDs"): it counts only in capitals with a lower-case s, never as "PMS" or "pms". */
const acronymPlural = 1024;

const negations = new Set(['no', 'without']);

/** The section headings by their canonical words, as labels are keyed. */
const headingKeys = new Set(sectionHeadings.map((phrase) => tokenize(phrase).map((word) => stem(undotted(word))).join(' ')));

/** A one-token label in capitals, two characters or more ("DOE", "SQL", "ISO9001"). */
function isAcronym(label: string): boolean {
  return /^[A-Z][A-Z0-9]+$/.test(label);
}

/**
 * The one-word variant as the label writes it, letter case kept: "R" of
 * "R (Programming Language)", so that checks on a one-word form see the word,
 * not the whole label with its bracketed qualifier.
 */
function writtenForm(variant: string[], label: string): string {
  if (variant.length !== 1) return label;
  const word = variant[0] as string;
  return label.split(/[\s()/,]+/).find((part) => part.toLowerCase() === word) ?? label;
}

function labelChecks(variant: string[], fullLabel: string, kind: MatchKind): number {
  const last = variant[variant.length - 1] as string;
  const label = writtenForm(variant, fullLabel);
  let checks = 0;
  if (variant.length === 1 && label.length <= 5 && /\p{Ll}/u.test(label) && /.\p{Lu}/u.test(label)) checks |= exactCase;
  if (last.endsWith('ing')) checks |= variant.length === 1 ? gerundWord : gerundLast;
  if (variant.length > 1 && !last.endsWith('ed')) checks |= noParticipleLast;
  if (kind === 'reordered' && last.endsWith('ing')) checks |= gerundAction;
  if (variant.length === 1 && isAcronym(label)) checks |= acronym;
  if (variant.length === 1 && label.length === 1) checks |= oneLetter;
  if (variant.length === 1 && timeOfDayWords.has(variant[0] as string)) checks |= timeOfDay;
  if (headingKeys.has(variant.map((word) => stem(undotted(word))).join(' '))) checks |= heading;
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
    const generic = this.genericWords();
    skills.forEach((skill, skillIndex) => {
      const seen = new Set<string>();
      const nameTokens = new Set(labelVariants(skill.name).flatMap((variant) => variant.map((token) => this.canonical(token))));
      [skill.name, ...skill.aliases].forEach((label, position) => {
        const kind: MatchKind = position === 0 ? 'name' : 'alias';
        for (const variant of labelVariants(label)) {
          const tokens = variant.map((token) => this.canonical(token));
          // "VFDs", "APIs": an acronym's plural, which the stemmer leaves alone below four letters.
          if (variant.length === 1 && isAcronym(label)) this.insertAcronymPlural(label, skillIndex, kind);
          const key = tokens.join(' ');
          if (tokens.length === 0) continue;
          if (seen.has(key)) {
            if (tokens.length === 1) this.addWrittenForm(tokens, skillIndex, undotted(variant[0] as string));
            continue;
          }
          seen.add(key);
          const ambiguousWord = tokens.length === 1 && (isAmbiguousToken(variant[0] as string, skill) || (kind === 'alias' && isLooseAlias(label, tokens[0] as string, skill, nameTokens, generic)));
          const fieldName = tokens.length === 1 && kind === 'name' && generic.has(tokens[0] as string) ? fieldWord : 0;
          const casedForm = tokens.length === 1 && /[A-Z]/.test(label) && (skill.isSoftware || skill.type === 'certification' || /^[A-Z0-9]{2,}$/.test(label)) ? label : undefined;
          const word = tokens.length === 1 ? undotted(variant[0] as string) : undefined;
          const phrasal = tokens.length === 2 && verbParticles.has(variant[1] as string);
          this.insert(tokens, { skillIndex, label, kind, length: tokens.length, ambiguousWord, casedForm, word, alsoWritten: undefined, checks: labelChecks(variant, label, kind) | fieldName, phrasal });
          patterns += 1;
          // "budget management" is also found as "managed budgets", "managing the budget".
          if (tokens.length === 2 && isActionNoun(variant[1] as string)) {
            const [object, action] = tokens as [string, string];
            const checks = labelChecks(variant, label, 'reordered');
            this.insert([action, object], { skillIndex, label, kind: 'reordered', length: 2, ambiguousWord: false, casedForm: undefined, word: undefined, alsoWritten: undefined, checks, phrasal: false });
            for (const filler of ['the', 'a', 'an', 'of', 'our', 'their', 'all']) {
              this.insert([action, filler, object], { skillIndex, label, kind: 'reordered', length: 3, ambiguousWord: false, casedForm: undefined, word: undefined, alsoWritten: undefined, checks, phrasal: false });
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

  /**
   * The canonical words that occur in the labels of many skills of this
   * library ("equipment" in hundreds of ESCO skills): at least 20 skills and
   * one in 200. Such a word is generic in this library.
   */
  private genericWords(): Set<string> {
    const threshold = Math.max(20, this.skills.length / 200);
    const skillsWith = new Map<string, number>();
    for (const skill of this.skills) {
      const own = new Set<string>();
      for (const label of [skill.name, ...skill.aliases]) for (const variant of labelVariants(label)) for (const token of variant) own.add(this.canonical(token));
      for (const token of own) skillsWith.set(token, (skillsWith.get(token) ?? 0) + 1);
    }
    const generic = new Set<string>();
    for (const [token, count] of skillsWith) if (count >= threshold) generic.add(token);
    return generic;
  }

  /**
   * The plural of an acronym label as a pattern of its own: "vfds" for VFD.
   * It counts only as written, capitals and a lower-case s ("VFDs"): "PMS"
   * is another acronym, not two PMs.
   */
  private insertAcronymPlural(label: string, skillIndex: number, kind: MatchKind): void {
    const plural = `${label.toLowerCase()}s`;
    const tokens = [this.canonical(plural)];
    if (tokens[0] === this.canonical(label.toLowerCase())) return;
    if (this.lookup(tokens)?.some((pattern) => pattern.skillIndex === skillIndex) === true) return;
    this.insert(tokens, { skillIndex, label, kind, length: 1, ambiguousWord: false, casedForm: undefined, word: plural, alsoWritten: undefined, checks: acronymPlural, phrasal: false });
  }

  /** Records that a later label of the skill writes its one-word pattern another way (see `Pattern.alsoWritten`). */
  private addWrittenForm(tokens: string[], skillIndex: number, written: string): void {
    const pattern = this.lookup(tokens)?.find((candidate) => candidate.skillIndex === skillIndex);
    if (pattern === undefined || pattern.word === written || pattern.alsoWritten?.includes(written)) return;
    (pattern.alsoWritten ??= []).push(written);
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
            found.push({ skillIndex: pattern.skillIndex, first: i, last: j, kind: pattern.kind, label: pattern.label, ambiguous: this.needsContext(pattern, text, scanned, i, j) });
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
        const written = writtenForm([pattern.word ?? ''], pattern.label);
        if (surface !== written && surface !== written.toUpperCase()) return false;
      }
      if (checks & (gerundWord | gerundLast) && /(?:er|ers|or|ors)$/.test(lastWord)) return false;
      // "roofs", "brand", "teaches": the thing or a verb form, not the activity a one-word -ing label names ("patched" still did it).
      // An alias the library writes that way ("Troubleshoot" of Troubleshooting) counts as written.
      if (checks & gerundWord && !lastWord.endsWith('ing') && !lastWord.endsWith('ed') && pattern.alsoWritten?.includes(lastWord) !== true) return false;
      if (checks & noParticipleLast && lastWord.endsWith('ed')) return false;
      if (checks & gerundAction && /(?:er|ers|or|ors)$/.test(scanned.words[first] as string)) return false;
      if (checks & acronym && !isAcronymForm(text, scanned.starts[first] as number, scanned.ends[last] as number, pattern.kind === 'alias')) return false;
      if (checks & oneLetter && isMiddleInitial(text, scanned.starts[first] as number)) return false;
      if (checks & timeOfDay && followsClockTime(scanned, first)) return false;
      if (checks & heading && isHeadingPhrase(text, scanned.starts[first] as number, scanned.ends[last] as number)) return false;
      if (checks & acronymPlural && !isWrittenAcronymPlural(text, scanned.starts[first] as number, scanned.ends[last] as number)) return false;
      if (checks & fieldWord && last + 1 < scanned.count && isFieldModifiedNoun(scanned.words[last + 1] as string)) return false;
    }
    const start = scanned.starts[first] as number;
    if (start >= 2 && text.charCodeAt(start - 1) === 45 && this.isTailOfCompound(scanned, first)) return false;
    // "Michael R. Bloomberg": a capitalised word after a middle initial is a surname.
    if (pattern.length === 1 && isUpperCaseChar(text, start) && followsMiddleInitial(text, start)) return false;
    if (pattern.word !== undefined && pattern.length === 1 && !this.isWrittenForm(pattern, undotted(scanned.words[first] as string), checks)) return false;
    // "no Java background is required": a skill written right after "no" or "without" is what the text rules out.
    if (first > 0 && negations.has(scanned.words[first - 1] as string)) return false;
    return pattern.length !== 1 || !isIdiom(scanned.words, first);
  }

  /**
   * Whether a one-word label may be met in this written form, when the
   * stemmer folds the two together: an acronym only as written or as its
   * plural ("ADM" is no ADME), a product's name only as written, and a
   * plural-only noun not in its singular ("vital" is no vitals, "logistic"
   * no Logistics).
   */
  private isWrittenForm(pattern: Pattern, written: string, checks: number): boolean {
    const word = pattern.word as string;
    if (written === word || pattern.alsoWritten?.includes(written) === true) return true;
    if (checks & acronym) return written === `${word}s`;
    // A product's name is not inflected: "HIV" is no Hive, "excelled" no Excel, "teammates" no TeamMate.
    if ((this.skills[pattern.skillIndex] as Skill).isSoftware) return false;
    return !(word.length > 3 && word.endsWith('s') && written === word.slice(0, -1));
  }

  /**
   * "trouble-shooting" is troubleshooting, not shooting: a label does not
   * start at the tail of a hyphenated compound whose joined form is a word
   * of the labels. Other compounds keep their tail ("hand-soldered",
   * "inter-VLAN").
   */
  private isTailOfCompound(scanned: ScannedText, first: number): boolean {
    if (first === 0 || (scanned.ends[first - 1] as number) !== (scanned.starts[first] as number) - 1) return false;
    return this.tokenIds.has(this.canonical((scanned.words[first - 1] as string) + (scanned.words[first] as string)));
  }

  /** Whether this occurrence needs context to count as the skill. */
  private needsContext(pattern: Pattern, text: string, scanned: ScannedText, tokenIndex: number, last: number): boolean {
    if (pattern.ambiguousWord) return true;
    // "make up a total", "set up the room": a phrasal verb written apart; the noun is written "make-up".
    if (pattern.phrasal && !hasHyphenBetween(text, scanned.ends[tokenIndex] as number, scanned.starts[last] as number)) return true;
    // In a line written all in capitals ("CONTACT JANE DOE") capitals do not make a word an acronym.
    if (pattern.checks & acronym && inCapitalsLine(text, scanned.starts[tokenIndex] as number, scanned.ends[last] as number)) return true;
    // One word met only through its stem is weak evidence: "networks" is not Networking, "experienced" not Experience.
    if (pattern.word !== undefined) {
      const written = undotted(scanned.words[tokenIndex] as string);
      if (written !== pattern.word && !(pattern.alsoWritten?.includes(written) ?? false)) return true;
    }
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

/** Whether a code is a letter or digit (ASCII, or any letter past Latin-1's symbols). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7);
}

function isUpperCaseChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return code >= 65 && code <= 90;
  const char = text.charAt(at);
  return char !== char.toLowerCase();
}

function isLowerCaseChar(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return code >= 97 && code <= 122;
  const char = text.charAt(at);
  return char !== char.toUpperCase();
}

function hasHyphenBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k += 1) if (text.charCodeAt(k) === 45) return true;
  return false;
}

/**
 * Whether text [start, end) is written as an acronym is: in capitals
 * ("DOE", "R.N.", plural "VLANs"). "Doe" in Title Case is a name or a word,
 * and "i.e." or "p.m." in lower case with dots abbreviates ordinary words.
 * An acronym that is a skill's name may also be written in lower case
 * without dots ("sql", which context then decides); an alias only in
 * capitals (`capitalsOnly`): an alias is the lesser name, and in lower case
 * it is more often a word ("doe", "pm").
 */
function isAcronymForm(text: string, start: number, end: number, capitalsOnly: boolean): boolean {
  // A plural in capitals: "VLANs", "PMs".
  if (end - start > 2 && text.charCodeAt(end - 1) === 115 && isUpperCaseChar(text, end - 2)) end -= 1;
  let lower = 0;
  let dotted = false;
  for (let k = start; k < end; k += 1) {
    if (isLowerCaseChar(text, k)) lower += 1;
    else if (text.charCodeAt(k) === 46) dotted = true;
  }
  if (lower === 0) return true;
  if (capitalsOnly || isUpperCaseChar(text, start)) return false;
  return !dotted;
}

/** Capitals and a lower-case s: "VFDs", "APIs". */
function isWrittenAcronymPlural(text: string, start: number, end: number): boolean {
  if (end - start < 3 || text.charCodeAt(end - 1) !== 115) return false;
  for (let k = start; k < end - 1; k += 1) if (isLowerCaseChar(text, k)) return false;
  return true;
}

/** The first letter of the word that ends just before `end` (a letter at end - 1), or -1. */
function wordStartBefore(text: string, end: number): number {
  let k = end - 1;
  if (k < 0 || !isWordChar(text.charCodeAt(k))) return -1;
  while (k > 0 && isWordChar(text.charCodeAt(k - 1))) k -= 1;
  return k;
}

/** "Michael R. Bloomberg": a capital letter with a dot, after a capitalised word and before another, is a middle initial. */
function isMiddleInitial(text: string, start: number): boolean {
  if (!isUpperCaseChar(text, start) || text.charCodeAt(start + 1) !== 46 || text.charCodeAt(start + 2) !== 32 || !isUpperCaseChar(text, start + 3)) return false;
  if (start < 2 || text.charCodeAt(start - 1) !== 32) return false;
  const before = wordStartBefore(text, start - 1);
  return before >= 0 && isUpperCaseChar(text, before);
}

/** Whether the word at `start` follows a middle initial ("R. " after a capitalised word): it is then a surname. */
function followsMiddleInitial(text: string, start: number): boolean {
  return start >= 5 && text.charCodeAt(start - 1) === 32 && text.charCodeAt(start - 2) === 46 && text.charCodeAt(start - 4) === 32 &&
    isMiddleInitial(text, start - 3);
}

/** Whether the token before `index` is a clock time: minutes ("8:00 PM") or an hour from 1 to 12 ("4 PM"). */
function followsClockTime(scanned: ScannedText, index: number): boolean {
  if (index === 0) return false;
  const before = scanned.words[index - 1] as string;
  if (!/^\d{1,2}$/.test(before) || (scanned.starts[index] as number) - (scanned.ends[index - 1] as number) > 1) return false;
  // Minutes follow a colon: the scanner marks it as a phrase break before them.
  if (before.length === 2 && scanned.phraseBreaks[index - 1] === 1 && index >= 2 && /^\d{1,2}$/.test(scanned.words[index - 2] as string)) return true;
  const hour = Number(before);
  return hour >= 1 && hour <= 12;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0;
}

/** How many blanks in a row set a heading apart within a line: text flattened from a posting's layout keeps them ("…competitive.    JOB DESCRIPTION      The…"). */
const headingGap = 3;

/**
 * Whether text [start, end) is written as a section heading: it opens its
 * line (bullets and marks before it aside) and ends it or a colon closes it
 * ("Job Summary:", "Job description: review…"). A heading in capitals is also
 * bounded by a colon before it or a run of blanks on either side, as postings
 * flattened to one line write it ("…competitive.    JOB DESCRIPTION    The…",
 * "JOB DESCRIPTION: The analyst…"); capitals set it apart from the sentence.
 */
function isHeadingPhrase(text: string, start: number, end: number): boolean {
  let capitals = true;
  for (let k = start; k < end && capitals; k += 1) if (isLowerCaseChar(text, k)) capitals = false;
  let opens = false;
  for (let k = start - 1, blanks = 0; ; k -= 1) {
    const code = k < 0 ? 10 : text.charCodeAt(k);
    if (code === 10 || code === 13) { opens = true; break; }
    if (isBlank(code)) {
      blanks += 1;
      if (capitals && blanks >= headingGap) { opens = true; break; }
      continue;
    }
    blanks = 0;
    if (capitals && code === 58) { opens = true; break; }
    if (isWordChar(code)) break;
  }
  if (!opens) return false;
  for (let k = end, blanks = 0; ; k += 1) {
    const code = k >= text.length ? 10 : text.charCodeAt(k);
    if (code === 10 || code === 13 || code === 58) return true;
    if (!isBlank(code)) return false;
    blanks += 1;
    if (capitals && blanks >= headingGap) return true;
  }
}

/** How far either way `inCapitalsLine` reads: enough for a heading or a shouted sentence, bounded for long lines. */
const capitalsReach = 60;

/**
 * Whether the line around text [start, end) is written in capitals: it has
 * other capital letters and no lower-case ones within reach. There capitals
 * say nothing about a word.
 */
function inCapitalsLine(text: string, start: number, end: number): boolean {
  let capitals = 0;
  for (let k = start - 1; k >= 0 && k >= start - capitalsReach; k -= 1) {
    const code = text.charCodeAt(k);
    if (code === 10) break;
    if (isLowerCaseChar(text, k)) return false;
    if (isUpperCaseChar(text, k)) capitals += 1;
  }
  for (let k = end; k < text.length && k < end + capitalsReach; k += 1) {
    const code = text.charCodeAt(k);
    if (code === 10) break;
    if (isLowerCaseChar(text, k)) return false;
    if (isUpperCaseChar(text, k)) capitals += 1;
  }
  return capitals >= 4;
}


/**
 * A one-word alias that says less than the name, so that context decides:
 * a generic word of the library that the name does not hold ("equipment"
 * for an ESCO skill about airport manuals), or the brand a software name
 * begins with ("Bloomberg" of Bloomberg Terminal), which also names the
 * company and people. Acronyms stand for the name and are exempt; so is a
 * form of a word of the name, which says what the name says ("electricals"
 * of electricity; "troubleshooting" of troubleshoot folds to the name
 * already), and a brand of coined spelling ("HubSpot", "Rapid7", "ASP.NET"),
 * which is no everyday word or name.
 */
function isLooseAlias(label: string, token: string, skill: Skill, nameTokens: ReadonlySet<string>, generic: ReadonlySet<string>): boolean {
  if (isAcronym(label)) return false;
  if (!nameTokens.has(token)) return generic.has(token) && ![...nameTokens].some((nameToken) => sameWordFamily(token, nameToken));
  // One generic word cut from a longer name ("engineering" of packaging engineering) leaves out what the name is about.
  if (nameTokens.size > 1 && generic.has(token)) return true;
  return skill.isSoftware && /^\p{Lu}/u.test(label) && !isCoinedSpelling(label) && brandOf(skill.name) === label.toLowerCase();
}

/** Least shared beginning for two words to count as forms of one word ("electric" of electricals and electricity). */
const familyStem = 6;

/**
 * Whether two canonical words are forms of one word beyond what the stemmer
 * folds: they share their beginning but for at most two letters of the
 * shorter ("electrical", "electricity"; not "process", "procedure").
 */
function sameWordFamily(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < familyStem) return false;
  let shared = 0;
  while (shared < shorter && a.charCodeAt(shared) === b.charCodeAt(shared)) shared += 1;
  return shared >= Math.max(familyStem, shorter - 2);
}

/** A name spelt as no word is: a capital inside it, a digit or a dot ("HubSpot", "Rapid7", "ASP.NET"). */
function isCoinedSpelling(label: string): boolean {
  return /.\p{Lu}/u.test(label) || /[0-9.]/.test(label);
}

/** The first word of a software name of several words ("bloomberg" of Bloomberg Terminal), bracketed parts left out; undefined for a one-word name. */
function brandOf(name: string): string | undefined {
  const words = tokenize(name.replace(/\([^)]*\)/g, ' '));
  return words.length > 1 ? words[0] : undefined;
}
