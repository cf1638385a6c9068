/**
 * A single pass over a text that yields its word tokens with character
 * offsets, lower-cased, keeping the symbols skill names use ("c++", "c#",
 * ".net", "node.js"). Written on char codes: it is the hot loop of extraction.
 */
export interface ScannedText {
  /** Lower-cased token texts. */
  words: string[];
  /** Character offsets of each token in the original text, [start, end). */
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Token index at which each sentence starts (sentence boundaries: . ! ? ; and blank lines, bullets). */
  sentenceStarts: number[];
  /** 1 where punctuation that ends a phrase (, ; : brackets, sentence ends) stands before the token: a label never spans it. */
  phraseBreaks: Uint8Array;
}

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && (code < 0x2000 || code > 0x206f) && (code < 0x3000 || code > 0x303f));
}

export function scan(text: string): ScannedText {
  let lower = text.toLowerCase();
  // A few characters change length when lower-cased; offsets must stay those of the original.
  if (lower.length !== text.length) lower = Array.from(text, (char) => (char.toLowerCase().length === char.length ? char.toLowerCase() : char)).join('');
  const length = lower.length;
  let capacity = Math.max(16, length >> 2);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let phraseBreaks = new Uint8Array(capacity);
  let pendingBreak = 0;
  const words: string[] = [];
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
    i += 1;
    while (i < length) {
      code = lower.charCodeAt(i);
      if (isWordCode(code)) {
        i += 1;
      } else if (code === 43 || code === 35) {
        // "c++", "c#", "security+": symbols that end a word belong to it.
        i += 1;
      } else if (code === 46 && i + 1 < length && isWordCode(lower.charCodeAt(i + 1))) {
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
    }
    starts[count] = start;
    ends[count] = i;
    phraseBreaks[count] = pendingBreak;
    pendingBreak = 0;
    words.push(lower.slice(start, i));
    count += 1;
  }
  return { words, starts, ends, count, sentenceStarts, phraseBreaks };
}

function isLetterCode(code: number): boolean {
  return (code >= 97 && code <= 122) || code >= 0xc0;
}

/** The baseline the literal extractor is measured against: lower-case and split on non-word characters. */
export function bareTokenCount(text: string): number {
  return text.toLowerCase().split(/[^a-z0-9]+/).length;
}
