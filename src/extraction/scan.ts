import { hashSeed, hashStep, type Vocabulary } from './vocabulary.js';

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

/** 1 for the ASCII codes that belong to words: the common case is one array read. */
const asciiWordCodes = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) asciiWordCodes[code] = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ? 1 : 0;
// Inside a word, "+" and "#" belong to it: "c++", "c#", "security+".
asciiWordCodes[43] = 2;
asciiWordCodes[35] = 2;

function isWordCode(code: number): boolean {
  if (code < 128) return asciiWordCodes[code] === 1;
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && (code < 0x2000 || code > 0x206f) && (code < 0x3000 || code > 0x303f));
}

/**
 * Scans a text. With a vocabulary, each token is interned as it is read (see
 * Vocabulary): `ids` holds the IDs and `words` the vocabulary's own strings,
 * and the token arrays are the vocabulary's scratch, valid until its next scan.
 */
export function scan(text: string, vocabulary?: Vocabulary): ScannedText {
  let lower = text.toLowerCase();
  // A few characters change length when lower-cased; offsets must stay those of the original.
  if (lower.length !== text.length) lower = Array.from(text, (char) => (char.toLowerCase().length === char.length ? char.toLowerCase() : char)).join('');
  const length = lower.length;
  const scratch = vocabulary?.scratch;
  let capacity = scratch?.starts.length ?? Math.max(16, length >> 3);
  let starts = scratch?.starts ?? new Int32Array(capacity);
  let ends = scratch?.ends ?? new Int32Array(capacity);
  let phraseBreaks = scratch?.phraseBreaks ?? new Uint8Array(capacity);
  let ids = scratch?.ids ?? new Int32Array(capacity);
  let pendingBreak = 0;
  const generation = vocabulary?.generation ?? 0;
  const words: string[] = scratch?.words ?? [];
  const sentenceStarts = [0];
  let count = 0;
  let i = 0;
  while (i < length) {
    let code = lower.charCodeAt(i);
    if (!isWordCode(code)) {
      // A dot opens a token only before a letter and after a non-word (".net").
      if (code === 46 && i + 1 < length && isLetterCode(lower.charCodeAt(i + 1)) && (i === 0 || !isWordCode(lower.charCodeAt(i - 1)))) {
        // fall through into the token below
      } else {
        if (code === 46 || code === 33 || code === 63 || code === 59 || code === 8226 || (code === 10 && i + 1 < length && lower.charCodeAt(i + 1) === 10)) {
          if (sentenceStarts[sentenceStarts.length - 1] !== count) sentenceStarts.push(count);
          pendingBreak = 1;
        } else if (code === 44 || code === 58 || code === 40 || code === 41 || code === 91 || code === 93) {
          pendingBreak = 1;
        }
        i += 1;
        continue;
      }
    }
    const start = i;
    let hash = hashStep(hashSeed, code);
    i += 1;
    while (i < length) {
      code = lower.charCodeAt(i);
      if (code < 128 ? asciiWordCodes[code] !== 0 : isWordCode(code)) {
        hash = hashStep(hash, code);
        i += 1;
      } else if (code === 46 && i + 1 < length && isWordCode(lower.charCodeAt(i + 1))) {
        hash = hashStep(hash, code);
        i += 1; // "node.js", "asp.net", "e.g"
      } else {
        break;
      }
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
    if (vocabulary === undefined) {
      ids[count] = -1;
      words.push(lower.slice(start, i));
    } else {
      const id = vocabulary.intern(lower, start, i, hash);
      ids[count] = id;
      words[count] = vocabulary.words[id] as string;
    }
    count += 1;
  }
  if (scratch !== undefined) Object.assign(scratch, { starts, ends, phraseBreaks, ids });
  // The vocabulary started over in the middle of this text: the IDs read before then are stale.
  if (vocabulary !== undefined && vocabulary.generation !== generation) {
    for (let k = 0; k < count; k += 1) ids[k] = vocabulary.internWord(words[k] as string);
  }
  return { words, starts, ends, count, sentenceStarts, phraseBreaks, ids };
}

function isLetterCode(code: number): boolean {
  return (code >= 97 && code <= 122) || code >= 0xc0;
}

/** The baseline the literal extractor is measured against: lower-case and split on non-word characters. */
export function bareTokenCount(text: string): number {
  return text.toLowerCase().split(/[^a-z0-9]+/).length;
}
