/** The arrays a scan fills (see scan.ts), and `codes`, the word being read. */
export interface ScanScratch {
  words: string[];
  starts: Int32Array;
  ends: Int32Array;
  phraseBreaks: Uint8Array;
  ids: Int32Array;
  codes: Uint16Array;
}

/**
 * The words an extractor has met, each with a small integer ID. The scanner
 * lower-cases and hashes a word while it reads it, writing its codes into
 * `scratch.codes`, and finds its ID here by comparing those codes with the
 * word's codes, kept together in one typed array: no word is cut out of the
 * text and no string is compared. Per-word facts (its stem, the labels it
 * starts, its search postings) then live in arrays indexed by ID instead of
 * string-keyed maps: the hot loop of extraction allocates nothing for words
 * it has seen before.
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
  /** The codes of every word, one after the other: word `id` is [offsets[id], offsets[id + 1]). */
  private codes = new Uint16Array(16384);
  private offsets = new Int32Array(1025);

  /**
   * Arrays that scans with this vocabulary reuse, so that scanning allocates
   * nothing per text: the token arrays of a scan's result are valid until the
   * next scan with the same vocabulary; `codes` holds the word being read.
   */
  scratch: ScanScratch = { words: [], starts: new Int32Array(4096), ends: new Int32Array(4096), phraseBreaks: new Uint8Array(4096), ids: new Int32Array(4096), codes: new Uint16Array(4096) };

  /** At most this many words are kept; past it the vocabulary starts over, so odd tokens cannot grow it forever. */
  constructor(private readonly capacity = 1_000_000) {}

  get size(): number {
    return this.words.length;
  }

  /**
   * The ID of the word whose lower-case codes are `codes[0, length)`, and
   * whose FNV-1a hash over them the caller computed (see `hashStep`).
   */
  intern(codes: Uint16Array, length: number, hash: number): number {
    const id = this.find(codes, length, hash);
    return id >= 0 ? id : this.add(codes, length, hash);
  }

  /**
   * The ID of a word as `intern` takes it, -1 for a word not met yet. The
   * scanner calls this and `add` apart: a lookup small enough to be inlined
   * into its loop, whatever the optimiser made of the rarer `add`.
   */
  find(codes: Uint16Array, length: number, hash: number): number {
    const { slots, hashes, offsets, mask } = this;
    const stored = this.codes;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (hashes[id] === hash) {
        const from = offsets[id] as number;
        if ((offsets[id + 1] as number) - from === length && sameCodes(stored, from, codes, length)) return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The ID of a whole lower-case word, hashing it here. */
  internWord(word: string): number {
    const length = word.length;
    if (this.scratch.codes.length < length) this.scratch.codes = new Uint16Array(length);
    const codes = this.scratch.codes;
    let hash = hashSeed;
    for (let i = 0; i < length; i += 1) {
      const code = word.charCodeAt(i);
      codes[i] = code;
      hash = hashStep(hash, code);
    }
    return this.intern(codes, length, hash);
  }

  /** Adds a word that `find` did not find, and returns its new ID. */
  add(codes: Uint16Array, length: number, hash: number): number {
    if (this.words.length >= this.capacity) this.clear();
    const id = this.words.length;
    this.words.push(stringOfCodes(codes, length));
    if (id + 1 >= this.hashes.length) {
      const grownHashes = new Int32Array(this.hashes.length * 2);
      grownHashes.set(this.hashes);
      this.hashes = grownHashes;
      const grownOffsets = new Int32Array(this.hashes.length + 1);
      grownOffsets.set(this.offsets);
      this.offsets = grownOffsets;
    }
    const from = this.offsets[id] as number;
    if (from + length > this.codes.length) {
      const grownCodes = new Uint16Array(Math.max(this.codes.length * 2, from + length));
      grownCodes.set(this.codes.subarray(0, from));
      this.codes = grownCodes;
    }
    this.codes.set(codes.subarray(0, length), from);
    this.offsets[id + 1] = from + length;
    this.hashes[id] = hash;
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = id + 1;
    if (this.words.length * 2 > this.mask) this.grow();
    return id;
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

function sameCodes(stored: Uint16Array, from: number, codes: Uint16Array, length: number): boolean {
  for (let k = 0; k < length; k += 1) if (stored[from + k] !== codes[k]) return false;
  return true;
}

/** The word as a string, built in chunks that fit in a call's arguments. */
function stringOfCodes(codes: Uint16Array, length: number): string {
  if (length <= 4096) return String.fromCharCode(...codes.subarray(0, length));
  let text = '';
  for (let from = 0; from < length; from += 4096) text += String.fromCharCode(...codes.subarray(from, Math.min(length, from + 4096)));
  return text;
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
