import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan, type ScannedText } from './scan.js';
import { Vocabulary } from './vocabulary.js';

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
  it('lower-cases as the whole text is lower-cased, whatever its characters', () => {
    const texts = [
      'ΟΔΟΣ ΣΟΦΟΣ. Σ.ΟΣ', // capital sigma: final or not, depending on its neighbours
      'İzmir İİ aİb', // capital I with a dot becomes two codes
      '𐐀𐐁 Deseret 😀 emoji \ud800 lone', // surrogate pairs lower as one character
      'KELVIN 5K (Kelvin sign) Ångström',
      'Naïve CAFÉ .NET Node.JS e.g. C++ C# .5 a..b end.',
    ];
    for (const text of texts) {
      const scanned = scan(text);
      const lower = text.toLowerCase();
      for (let i = 0; i < scanned.count; i += 1) {
        const word = scanned.words[i] as string;
        const original = text.slice(scanned.starts[i], scanned.ends[i]);
        // Where lower-casing keeps the length, a word is the lower-cased text at its offsets; else the code is kept.
        if (lower.length === text.length) assert.equal(word, lower.slice(scanned.starts[i], scanned.ends[i]), text);
        else assert.equal(word.length, original.length, text);
      }
    }
    assert.deepEqual(scan('ΟΔΟΣ ΣΟΦΟΣ').words, ['οδος', 'σοφος']);
    assert.deepEqual(scan('KELVIN 5K').words, ['kelvin', '5k']);
    assert.deepEqual(scan('İzmir Python').words, ['İzmir', 'python']);
  });
  it('gives the same tokens with a vocabulary, text after text, as without one', () => {
    const vocabulary = new Vocabulary();
    const texts = ['Node.js and .NET developers; C++/C# (e.g. Qt).', 'node.', 'ΣΟΦΟΣ İzmir Java', '', 'a\n\nb • c', 'Node.js and .NET developers; C++/C# (e.g. Qt).', 'x.'];
    const plain = (scanned: ScannedText) => ({
      words: scanned.words.slice(0, scanned.count),
      starts: [...scanned.starts.subarray(0, scanned.count)],
      ends: [...scanned.ends.subarray(0, scanned.count)],
      phraseBreaks: [...scanned.phraseBreaks.subarray(0, scanned.count)],
      sentenceStarts: scanned.sentenceStarts,
    });
    for (const text of texts) {
      const interned = scan(text, vocabulary);
      assert.deepEqual(plain(interned), plain(scan(text)), text);
      for (let i = 0; i < interned.count; i += 1) assert.equal(vocabulary.words[interned.ids[i] as number], interned.words[i]);
    }
    assert.deepEqual(scan('node.', vocabulary).words.slice(0, 1), ['node']);
  });
});
