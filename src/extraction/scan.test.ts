import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from './scan.js';

describe('scan', () => {
  it('finds words with their offsets and keeps skill symbols', () => {
    const text = 'Use C++, C# and .NET; ship Node.js apps (e.g. APIs).';
    const scanned = scan(text);
    assert.deepEqual(scanned.words, ['use', 'c++', 'c#', 'and', '.net', 'ship', 'node.js', 'apps', 'e.g', 'apis']);
    for (let i = 0; i < scanned.count; i += 1) {
      assert.equal(text.slice(scanned.starts[i], scanned.ends[i]).toLowerCase(), scanned.words[i]);
    }
  });
  it('splits hyphens, apostrophes and punctuation and marks sentences', () => {
    const scanned = scan("E-commerce driver's license. Second sentence! Third");
    assert.deepEqual(scanned.words, ['e', 'commerce', 'driver', 's', 'license', 'second', 'sentence', 'third']);
    assert.deepEqual(scanned.sentenceStarts, [0, 5, 7]);
    assert.deepEqual([...scanned.phraseBreaks.subarray(0, scanned.count)], [0, 0, 0, 0, 0, 1, 0, 1]);
  });
  it('marks commas, colons and brackets as phrase breaks, not hyphens or slashes', () => {
    const scanned = scan('lead the team, build menus (CI/CD): e-mail');
    assert.deepEqual(scanned.words, ['lead', 'the', 'team', 'build', 'menus', 'ci', 'cd', 'e', 'mail']);
    assert.deepEqual([...scanned.phraseBreaks.subarray(0, scanned.count)], [0, 0, 0, 1, 0, 1, 0, 1, 0]);
  });
  it('keeps offsets right when lower-casing changes length', () => {
    const text = 'İstanbul Python';
    const scanned = scan(text);
    assert.equal(text.slice(scanned.starts[1], scanned.ends[1]), 'Python');
  });
});
