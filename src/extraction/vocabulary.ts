/**
 * The words an extractor has met, each with a small integer ID. The scanner
 * hashes a word while it reads it and finds its ID here without cutting the
 * word out of the text or hashing it again, so that per-word facts (its
 * stem, the labels it starts, its search postings) live in arrays indexed by
 * ID instead of string-keyed maps: the hot loop of extraction allocates
 * nothing for words it has seen before.
 */
export class Vocabulary {
  /** ID to the lower-case word. */
  readonly words: string[] = [];
  /** Bumped when the vocabulary is emptied; holders of per-ID arrays drop them then. */
  generation = 0;
  private hashes = new Int32Array(1024);
  /** Open addressing: slot to ID + 1, 0 for empty. */
  private slots = new Int32Array(4096);
  private mask = 4095;

  /**
   * Token arrays that scans with this vocabulary reuse, so that scanning
   * allocates nothing per text: a scan's result is valid until the next scan
   * with the same vocabulary.
   */
  scratch = { words: [] as string[], starts: new Int32Array(4096), ends: new Int32Array(4096), phraseBreaks: new Uint8Array(4096), ids: new Int32Array(4096) };

  /** At most this many words are kept; past it the vocabulary starts over, so odd tokens cannot grow it forever. */
  constructor(private readonly capacity = 1_000_000) {}

  get size(): number {
    return this.words.length;
  }

  /** The ID of `text.slice(start, end)`, whose FNV-1a hash the caller computed (see `hashStep`). */
  intern(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash) {
        const word = this.words[id] as string;
        if (word.length === length && sameChars(word, text, start, length)) return id;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.words.length >= this.capacity) {
      this.clear();
      return this.intern(text, start, end, hash);
    }
    const id = this.words.length;
    this.words.push(ownCopy(text, start, end));
    if (id === this.hashes.length) {
      const grown = new Int32Array(id * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.words.length * 2 > this.mask) this.grow();
    return id;
  }

  /** The ID of a whole word, hashing it here. */
  internWord(word: string): number {
    let hash = hashSeed;
    for (let i = 0; i < word.length; i += 1) hash = hashStep(hash, word.charCodeAt(i));
    return this.intern(word, 0, word.length, hash);
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.words.length; id += 1) {
      let slot = (this.hashes[id] as number) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id + 1;
    }
  }

  private clear(): void {
    this.words.length = 0;
    this.slots.fill(0);
    this.generation += 1;
  }
}

export const hashSeed = 0x811c9dc5 | 0;

/** One character into an FNV-1a hash. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619);
}

function sameChars(word: string, text: string, start: number, length: number): boolean {
  for (let k = 0; k < length; k += 1) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/**
 * The characters as a string of their own: a plain slice of a long word may
 * share the whole text's memory, and the vocabulary outlives the texts.
 */
function ownCopy(text: string, start: number, end: number): string {
  if (end - start < 13) return text.slice(start, end);
  let copy = '';
  for (let k = start; k < end; k += 1) copy += text.charAt(k);
  return copy;
}

/**
 * A number per word ID, in a typed array that grows with the vocabulary:
 * 0 means not yet computed, so callers store value + 1. Dense by
 * construction, unlike a plain array filled at scattered IDs.
 */
export class WordTable {
  private values = new Int32Array(1024);
  private generation: number;

  constructor(private readonly vocabulary: Vocabulary) {
    this.generation = vocabulary.generation;
  }

  /** The stored value + 1 for a word ID, 0 when none is stored. */
  get(id: number): number {
    if (this.generation !== this.vocabulary.generation) this.reset();
    return id < this.values.length ? (this.values[id] as number) : 0;
  }

  set(id: number, valuePlusOne: number): void {
    if (this.generation !== this.vocabulary.generation) this.reset();
    if (id >= this.values.length) {
      let size = this.values.length * 2;
      while (size <= id) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[id] = valuePlusOne;
  }

  private reset(): void {
    this.generation = this.vocabulary.generation;
    this.values = new Int32Array(1024);
  }
}
