import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Vocabulary, WordTable } from './vocabulary.js';

describe('Vocabulary', () => {
  it('gives each distinct word one ID and keeps its string', () => {
    const vocabulary = new Vocabulary();
    const words = ['java', 'javascript', 'jav', 'c++', 'node.js', 'naïve', 'x'.repeat(5000)];
    const ids = words.map((word) => vocabulary.internWord(word));
    assert.equal(new Set(ids).size, words.length);
    assert.deepEqual(words.map((word) => vocabulary.internWord(word)), ids);
    assert.deepEqual(ids.map((id) => vocabulary.words[id]), words);
    assert.equal(vocabulary.size, words.length);
  });
  it('stays right while its tables grow', () => {
    const vocabulary = new Vocabulary();
    const words = Array.from({ length: 20_000 }, (_, k) => `w${k.toString(36)}`);
    const ids = words.map((word) => vocabulary.internWord(word));
    words.forEach((word, k) => {
      assert.equal(vocabulary.internWord(word), ids[k]);
      assert.equal(vocabulary.words[ids[k] as number], word);
    });
  });
  it('starts over when full, and tables keyed by its IDs start over with it', () => {
    const vocabulary = new Vocabulary(3);
    const table = new WordTable(vocabulary);
    const first = vocabulary.internWord('one');
    table.set(first, 7);
    vocabulary.internWord('two');
    vocabulary.internWord('three');
    assert.equal(vocabulary.generation, 0);
    const fourth = vocabulary.internWord('four');
    assert.equal(vocabulary.generation, 1);
    assert.equal(vocabulary.size, 1);
    assert.equal(vocabulary.words[fourth], 'four');
    assert.equal(table.get(fourth), 0);
    assert.notEqual(vocabulary.internWord('one'), -1);
    assert.equal(vocabulary.words[vocabulary.internWord('one')], 'one');
  });
});
