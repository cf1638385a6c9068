import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenTrie } from './token-trie.js';

describe('TokenTrie', () => {
  it('follows the token sequences it was given and no others', () => {
    const trie = new TokenTrie();
    const sequences = [[1, 2], [1, 2, 3], [1, 4], [5], [2000, 7, 7]];
    const ends = sequences.map((tokens) => tokens.reduce((node, token) => trie.addChild(node, token), 0));
    assert.equal(new Set(ends).size, sequences.length);
    const follow = (tokens: number[]) => tokens.reduce((node, token) => (node < 0 ? -1 : trie.child(node, token)), 0);
    sequences.forEach((tokens, k) => assert.equal(follow(tokens), ends[k]));
    assert.equal(follow([2, 1]), -1);
    assert.equal(follow([1, 3]), -1);
    assert.equal(follow([9999]), -1);
    assert.equal(trie.child(0, -1), -1);
    assert.equal(trie.hasChildren(follow([1])), true);
    assert.equal(trie.hasChildren(follow([1, 2, 3])), false);
    assert.equal(trie.size, 9);
  });
  it('keeps every edge while its table grows', () => {
    const trie = new TokenTrie();
    const ends: number[] = [];
    for (let a = 0; a < 300; a += 1) for (let b = 0; b < 30; b += 1) ends.push(trie.addChild(trie.addChild(0, a), b));
    let k = 0;
    for (let a = 0; a < 300; a += 1) for (let b = 0; b < 30; b += 1) assert.equal(trie.child(trie.child(0, a), b), ends[k++]);
    assert.equal(trie.addChild(trie.child(0, 7), 3), trie.child(trie.child(0, 7), 3));
  });
});
