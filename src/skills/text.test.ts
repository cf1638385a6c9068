import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, labelKey, tokenize, tokenVariants } from './text.js';

describe('tokenize', () => {
  it('keeps the symbols skill names rely on', () => {
    assert.deepEqual(tokenize('C++, C# and .NET with Node.js.'), ['c++', 'c#', 'and', '.net', 'with', 'node.js']);
  });
  it('folds case and accents and drops punctuation', () => {
    assert.deepEqual(tokenize('Café Management — “Français”!'), ['cafe', 'management', 'francais']);
    assert.equal(labelKey('  Project   MANAGEMENT '), 'project management');
  });
  it('offers a dotless variant of dotted names', () => {
    assert.deepEqual(tokenVariants('node.js'), ['nodejs']);
    assert.deepEqual(tokenVariants('python'), []);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    assert.equal(editDistance('pyton', 'python', 2), 1);
    assert.equal(editDistance('pyhton', 'python', 2), 1);
    assert.equal(editDistance('kubernets', 'kubernetes', 2), 1);
    assert.equal(editDistance('managment', 'management', 2), 1);
    assert.equal(editDistance('java', 'java', 2), 0);
  });
  it('stops once the distance exceeds the budget', () => {
    assert.equal(editDistance('python', 'cobol', 1), 2);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });
});
