import { Buffer } from 'node:buffer';
import { asciiLowerCase, lowerCaseCode, lowerCaseKeepingOffsets, noCodeLowerCase } from './lower-case.js';
import { hashSeed, hashStep, Vocabulary } from './vocabulary.js';

/**
 * A single pass over a text that yields its word tokens with character
 * offsets, lower-cased, keeping the symbols skill names use ("c++", "c#",
 * ".net", "node.js"). Written on char codes: it is the hot loop of extraction.
 */
export interface ScannedText {
  /** Lower-cased token texts, [0, count): a scan that reuses a vocabulary's scratch may leave older entries past `count`. */
  words: string[];
  /** Character offsets of each token in the original text, [start, end). */
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Token index at which each sentence starts (sentence boundaries: . ! ? ; and blank lines, bullets). */
  sentenceStarts: number[];
  /** Each token's ID in the vocabulary the text was scanned with (-1 without one). */
  ids: Int32Array;
  /** 1 where punctuation that ends a phrase (, ; : brackets, sentence ends) stands before the token: a label never spans it. */
  phraseBreaks: Uint8Array;
}

/**
 * Per ASCII code, its lower case in the low byte and its class in the high
 * one: the common case is one array read. Class 1: belongs to words;
 * 2: belongs to a word it follows ("+" and "#": "c++", "c#", "security+").
 */
const asciiCodes = new Uint16Array(128);
const wordClass = 0x100;
const innerClass = 0x200;
for (let code = 0; code < 128; code += 1) {
  const lower = asciiLowerCase[code] as number;
  const word = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57);
  asciiCodes[code] = lower | (word ? wordClass : code === 43 || code === 35 ? innerClass : 0);
}

/** Whether a lower-cased code belongs to a word. */
function isWordCode(code: number): boolean {
  if (code < 128) return ((asciiCodes[code] as number) & wordClass) !== 0;
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && (code < 0x2000 || code > 0x206f) && (code < 0x3000 || code > 0x303f);
}

/**
 * Scans a text. With a vocabulary, each token is interned as it is read (see
 * Vocabulary): `ids` holds the IDs and `words` the vocabulary's own strings,
 * and the token arrays are the vocabulary's scratch, valid until its next scan.
 * Without one, the arrays are the caller's own and `ids` are -1.
 */
export function scan(text: string, vocabulary?: Vocabulary): ScannedText {
  if (vocabulary === undefined) return ownArrays(scanInterning(text, scratchVocabulary));
  return scanInterning(text, vocabulary);
}

/**
 * Scans without a vocabulary of the caller's (labels, descriptions) go
 * through this one, so that the hot loop always sees the same kind of
 * arguments; it starts over when full, as any vocabulary does.
 */
const scratchVocabulary = new Vocabulary(1 << 16);

function ownArrays(scanned: ScannedText): ScannedText {
  const { count } = scanned;
  return {
    words: scanned.words.slice(0, count),
    starts: scanned.starts.slice(0, count),
    ends: scanned.ends.slice(0, count),
    count,
    sentenceStarts: scanned.sentenceStarts,
    ids: new Int32Array(count).fill(-1),
    phraseBreaks: scanned.phraseBreaks.slice(0, count),
  };
}

function scanInterning(text: string, vocabulary: Vocabulary): ScannedText {
  const length = text.length;
  // Lower-casing code by code spares a lower-cased copy of the text; the rare text it cannot do that for is lower-cased whole.
  return scanCodes(codesOf(text), length, true, vocabulary) ?? (scanCodes(codesOf(lowerCaseKeepingOffsets(text)), length, false, vocabulary) as ScannedText);
}

/**
 * The UTF-16 codes of the text being scanned. The runtime copies a string
 * into them in one call, much faster than reading it code by code; and
 * reading a typed array stays fast where reading a string slice (a posting
 * cut out of a file) code by code may not, depending on what else the
 * optimiser has seen.
 */
let textCodes = new Uint16Array(4096);
let textBytes = Buffer.from(textCodes.buffer);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function codesOf(text: string): Uint16Array {
  if (textCodes.length < text.length) {
    textCodes = new Uint16Array(Math.max(text.length, textCodes.length * 2));
    textBytes = Buffer.from(textCodes.buffer);
  }
  if (littleEndian) textBytes.write(text, 0, 'utf16le');
  else for (let i = 0; i < text.length; i += 1) textCodes[i] = text.charCodeAt(i);
  return textCodes;
}

/**
 * The scan proper over the codes [0, length) of `source`, lower-casing each
 * as it reads it when `lowerCase` is set (undefined if a code has no lower
 * case of its own, see lower-case.ts), or reading an already lower-cased
 * text as it is.
 */
function scanCodes(source: Uint16Array, length: number, lowerCase: boolean, vocabulary: Vocabulary): ScannedText | undefined {
  const scratch = vocabulary.scratch;
  let { starts, ends, phraseBreaks, ids, codes } = scratch;
  const words = scratch.words;
  let capacity = starts.length;
  // The lower-case codes of the word being read: a word is at most the whole text.
  if (codes.length < length) {
    codes = new Uint16Array(length);
    scratch.codes = codes;
  }
  let pendingBreak = 0;
  const generation = vocabulary.generation;
  const sentenceStarts = [0];
  let count = 0;
  let i = 0;
  while (i < length) {
    let code = (source[i] as number);
    let isWord: boolean;
    if (code < 128) {
      const entry = asciiCodes[code] as number;
      code = entry & 0xff;
      isWord = entry >= wordClass && entry < innerClass;
    } else {
      if (lowerCase) {
        code = lowerCaseCode(code);
        if (code === noCodeLowerCase) return undefined;
      }
      isWord = isWordCode(code);
    }
    if (!isWord) {
      // A space, the commonest separator, does nothing: no need to ask what kind it is.
      if (code === 32) {
        i += 1;
        continue;
      }
      const kind = separatorKind(source, length, i, code, lowerCase);
      if (kind !== opensToken) {
        if (kind === sentenceEnd) {
          if (sentenceStarts[sentenceStarts.length - 1] !== count) sentenceStarts.push(count);
          pendingBreak = 1;
        } else if (kind === phraseBreak) {
          pendingBreak = 1;
        }
        i += 1;
        continue;
      }
    }
    const start = i;
    codes[0] = code;
    let hash = hashStep(hashSeed, code);
    i += 1;
    let size = 1;
    while (i < length) {
      code = (source[i] as number);
      if (code < 128) {
        const entry = asciiCodes[code] as number;
        if (entry >= wordClass) {
          code = entry & 0xff;
          codes[size++] = code;
          hash = hashStep(hash, code);
          i += 1;
          continue;
        }
        // A dot stays inside only before a word code: "node.js", "asp.net", "e.g".
        if (code !== 46 || !isWordCode(codeAt(source, length, i + 1, lowerCase))) break;
      } else {
        if (lowerCase) {
          code = lowerCaseCode(code);
          if (code === noCodeLowerCase) return undefined;
        }
        if (!isWordCode(code)) break;
      }
      codes[size++] = code;
      hash = hashStep(hash, code);
      i += 1;
    }
    if (count === capacity) {
      capacity *= 2;
      const grownStarts = new Int32Array(capacity);
      grownStarts.set(starts);
      starts = grownStarts;
      const grownEnds = new Int32Array(capacity);
      grownEnds.set(ends);
      ends = grownEnds;
      const grownBreaks = new Uint8Array(capacity);
      grownBreaks.set(phraseBreaks);
      phraseBreaks = grownBreaks;
      const grownIds = new Int32Array(capacity);
      grownIds.set(ids);
      ids = grownIds;
    }
    starts[count] = start;
    ends[count] = i;
    phraseBreaks[count] = pendingBreak;
    pendingBreak = 0;
    let id = vocabulary.find(codes, size, hash);
    if (id < 0) id = vocabulary.add(codes, size, hash);
    ids[count] = id;
    words[count] = vocabulary.words[id] as string;
    count += 1;
  }
  scratch.starts = starts;
  scratch.ends = ends;
  scratch.phraseBreaks = phraseBreaks;
  scratch.ids = ids;
  // The vocabulary started over in the middle of this text: the IDs read before then are stale.
  if (vocabulary.generation !== generation) {
    for (let k = 0; k < count; k += 1) ids[k] = vocabulary.internWord(words[k] as string);
  }
  return { words, starts, ends, count, sentenceStarts, phraseBreaks, ids };
}

const otherSeparator = 0;
const phraseBreak = 1;
const sentenceEnd = 2;
/** A dot that opens a token (".net"). */
const opensToken = 3;

/** What the non-word code at `at` does: ends a sentence (. ! ? ; and blank lines, bullets) or a phrase (, : brackets), or opens a token. */
function separatorKind(source: Uint16Array, length: number, at: number, code: number, lowerCase: boolean): number {
  // A dot opens a token only before a letter and after a non-word (".net").
  if (code === 46 && isLetterCode(codeAt(source, length, at + 1, lowerCase)) && (at === 0 || !isWordCode(codeAt(source, length, at - 1, lowerCase)))) return opensToken;
  if (code === 46 || code === 33 || code === 63 || code === 59 || code === 8226 || (code === 10 && codeAt(source, length, at + 1, lowerCase) === 10)) return sentenceEnd;
  if (code === 44 || code === 58 || code === 40 || code === 41 || code === 91 || code === 93) return phraseBreak;
  return otherSeparator;
}

/** The code at `at`, lower-cased if asked, -2 past the end: the dot rules look one code ahead and behind. */
function codeAt(source: Uint16Array, length: number, at: number, lowerCase: boolean): number {
  if (at >= length) return -2;
  const code = source[at] as number;
  return code < 128 ? (asciiCodes[code] as number) & 0xff : lowerCase ? lowerCaseCode(code) : code;
}

function isLetterCode(code: number): boolean {
  return (code >= 97 && code <= 122) || code >= 0xc0;
}

/** The baseline the literal extractor is measured against: lower-case and split on non-word characters. */
export function bareTokenCount(text: string): number {
  return text.toLowerCase().split(/[^a-z0-9]+/).length;
}
