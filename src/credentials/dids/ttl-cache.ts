/**
 * A small in-memory cache with a time to live, for documents fetched over the
 * network. It keeps the pending promise, so concurrent lookups of one URL make
 * one request; a failure is not kept, so the next lookup tries again.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { expiresAt: number; value: Promise<V> }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlMs: number; maxEntries: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value for a key, or `load()`'s, kept for the time to live. */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return entry.value;
    if (entry !== undefined) this.#entries.delete(key);
    const value = load();
    this.#entries.set(key, { expiresAt: now + this.#ttlMs, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    // Maps iterate in insertion order: the first entry is the oldest.
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
