import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../common/errors.js';
import { PNG_SIGNATURE } from '../credentials/baking/png.js';
import { bakedFormatFor } from './baked-format.js';

const pngImage = { path: 'seal.png', bytes: Uint8Array.from([...PNG_SIGNATURE, 0, 0, 0, 0]) };
const svgImage = { path: 'seal.svg', bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>') };

function refusal(check: () => unknown): OpenlerError {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof OpenlerError, String(error));
    assert.equal(error.code, 'validation_failed');
    assert.equal(error.details.field, 'out');
    return error;
  }
  assert.fail('the file name was accepted');
}

describe('bakedFormatFor', () => {
  it('follows the extension of --out, in any case', () => {
    assert.equal(bakedFormatFor('badge.svg', undefined).contentType, 'image/svg+xml');
    assert.equal(bakedFormatFor('out/Badge.SVG', svgImage).contentType, 'image/svg+xml');
    assert.equal(bakedFormatFor('badge.png', pngImage).contentType, 'image/png');
  });

  it('refuses a PNG without a PNG to bake into, saying to pass --image or write an .svg', () => {
    const error = refusal(() => bakedFormatFor('badge.png', undefined));
    assert.match(error.message, /--image/);
    assert.match(error.message, /\.svg/);
    assert.ok(!error.message.includes('\n'));
    assert.match(refusal(() => bakedFormatFor('badge.png', svgImage)).message, /seal\.svg is an SVG.*\.svg file/);
    assert.match(refusal(() => bakedFormatFor('badge.svg', pngImage)).message, /seal\.png is a PNG.*\.png file/);
  });

  it('refuses any other extension', () => {
    for (const out of ['badge.gif', 'badge.jpg', 'badge', 'badge.png.txt']) assert.match(refusal(() => bakedFormatFor(out, undefined)).message, /\.png or an \.svg/);
  });
});
