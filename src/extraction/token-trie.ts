/**
 * A trie over token numbers whose nodes are numbers too: node 0 is the root,
 * its children sit in a dense array indexed by token, and every other edge in
 * one open-addressing table of typed arrays. Following an edge is a few
 * array reads, not a map lookup, and a node costs no object of its own.
 */
export class TokenTrie {
  /** Token to the root's child + 1, 0 for none. */
  private rootChildren = new Int32Array(1024);
  /**
   * Edge table, three numbers a slot side by side (one cache line holds a
   * probe): parent node, token, child node; a child of 0 marks an empty slot.
   */
  private edgeSlots = new Int32Array(3 * 1024);
  private mask = 1023;
  private edges = 0;
  /** 1 for nodes with at least one child. */
  private inner = new Uint8Array(1024);
  private count = 1;

  /** How many nodes the trie holds, the root included. */
  get size(): number {
    return this.count;
  }

  /** The node `token` leads to from `node`, -1 for none. */
  child(node: number, token: number): number {
    if (node === 0) return token >= 0 && token < this.rootChildren.length ? (this.rootChildren[token] as number) - 1 : -1;
    const { edgeSlots, mask } = this;
    let slot = edgeHash(node, token) & mask;
    for (;;) {
      const at = 3 * slot;
      const child = edgeSlots[at + 2] as number;
      if (child === 0) return -1;
      if (edgeSlots[at] === node && edgeSlots[at + 1] === token) return child;
      slot = (slot + 1) & mask;
    }
  }

  /** Whether any edge leaves `node`. */
  hasChildren(node: number): boolean {
    return this.inner[node] === 1;
  }

  /** The node `token` leads to from `node`, added if it is not there yet. */
  addChild(node: number, token: number): number {
    const existing = this.child(node, token);
    if (existing >= 0) return existing;
    const created = this.count;
    this.count += 1;
    if (created >= this.inner.length) this.inner = grown(this.inner, created + 1);
    this.inner[node] = 1;
    if (node === 0) {
      if (token >= this.rootChildren.length) this.rootChildren = grown(this.rootChildren, token + 1);
      this.rootChildren[token] = created + 1;
    } else {
      if ((this.edges + 1) * 2 > this.mask) this.rehash();
      this.place(node, token, created);
      this.edges += 1;
    }
    return created;
  }

  private place(node: number, token: number, child: number): void {
    let slot = edgeHash(node, token) & this.mask;
    while (this.edgeSlots[3 * slot + 2] !== 0) slot = (slot + 1) & this.mask;
    this.edgeSlots[3 * slot] = node;
    this.edgeSlots[3 * slot + 1] = token;
    this.edgeSlots[3 * slot + 2] = child;
  }

  private rehash(): void {
    const old = this.edgeSlots;
    const size = (this.mask + 1) * 2;
    this.edgeSlots = new Int32Array(3 * size);
    this.mask = size - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] !== 0) this.place(old[at] as number, old[at + 1] as number, old[at + 2] as number);
    }
  }
}

function edgeHash(node: number, token: number): number {
  const hash = Math.imul(node, 0x9e3779b1) ^ Math.imul(token, 0x85ebca6b);
  return hash ^ (hash >>> 15);
}

function grown<T extends Int32Array | Uint8Array>(array: T, atLeast: number): T {
  let size = array.length * 2;
  while (size < atLeast) size *= 2;
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}
