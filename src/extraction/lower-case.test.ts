import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lowerCaseCode, lowerCaseKeepingOffsets, noCodeLowerCase } from './lower-case.js';

describe('lowerCaseCode', () => {
  it('agrees with lower-casing the whole text for every code it answers', () => {
    const codes: number[] = [];
    for (let code = 0; code < 0x10000; code += 1) if (lowerCaseCode(code) !== noCodeLowerCase) codes.push(code);
    // Every answered code, in one text and between capitals, so that a rule that looks at neighbours would show.
    const text = codes.map((code) => `A${String.fromCharCode(code)}B`).join(' ');
    const whole = text.toLowerCase();
    assert.equal(whole.length, text.length);
    let byCode = '';
    for (let k = 0; k < text.length; k += 1) byCode += String.fromCharCode(lowerCaseCode(text.charCodeAt(k)));
    assert.equal(byCode, whole);
  });
  it('declines the codes whose lower case depends on neighbours or is not one code', () => {
    assert.equal(lowerCaseCode(0x3a3), noCodeLowerCase, 'capital sigma: final or not');
    assert.equal(lowerCaseCode(0x130), noCodeLowerCase, 'capital I with a dot: two codes');
    assert.equal(lowerCaseCode(0xd801), noCodeLowerCase, 'a surrogate: the pair lowers as one');
    assert.equal(lowerCaseCode(0x212a), 0x6b, 'the Kelvin sign is a k');
  });
});

describe('lowerCaseKeepingOffsets', () => {
  it('lower-cases the whole text, leaving a code whose lower case is longer as it is', () => {
    assert.equal(lowerCaseKeepingOffsets('ΟΔΟΣ Java'), 'οδος java');
    assert.equal(lowerCaseKeepingOffsets('İstanbul Python'), 'İstanbul python');
  });
});
