import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../test/shared-data.js';
import { MAX_BADGE_IMAGE_BYTES, MAX_SVG_DEPTH } from './limits.js';
import { bakeSvg, extractSvgCredentialText, OPEN_BADGES_V3_NAMESPACE, readBakedSvg } from './svg.js';
import { rejectsWith } from '../../common/testing.js';

const badge = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">',
  '  <title>Teamwork &amp; more</title>',
  '  <g fill="#1d4ed8"><circle cx="32" cy="32" r="30"/><path d="M16 32 L28 44 L48 20"/></g>',
  '</svg>',
  '',
].join('\n');

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:9b1f2a4e-5a0c-4a6f-8e59-0c8f7d1b2a33',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example/profile', type: ['Profile'], name: 'Ünïcode Academy' },
  validFrom: '2026-01-01T00:00:00Z',
  // Text that XML would otherwise take apart: a CDATA terminator, markup and entities.
  description: 'Ends a CDATA section with ]]> and writes <b>bold</b> &amp; "quotes"',
  credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:2', type: ['Achievement'], name: 'Teamwork', criteria: { narrative: 'x' } } },
};
const jwt = `${Buffer.from('{"alg":"EdDSA"}').toString('base64url')}.${Buffer.from('{"vc":{}}').toString('base64url')}.c2lnbmF0dXJl`;


function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

test('a credential baked into an SVG reads back unchanged, right after the <svg> start tag', () => {
  const baked = bakeSvg(badge, credential);
  assert.deepEqual(readBakedSvg(baked), credential);
  assert.match(baked, new RegExp(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" xmlns:openbadges="${OPEN_BADGES_V3_NAMESPACE}"><openbadges:credential><!\\[CDATA\\[`));
  // The rest of the image is untouched.
  assert.ok(baked.endsWith(badge.slice(badge.indexOf('\n  <title>'))));
  assert.ok(baked.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg '));
});

test('a compact JWT goes into the verify attribute and reads back as a string', () => {
  const baked = bakeSvg(badge, jwt);
  assert.ok(baked.includes(`<openbadges:credential verify="${jwt}"></openbadges:credential>`));
  assert.equal(readBakedSvg(baked), jwt);
  assert.equal(extractSvgCredentialText(Buffer.from(baked)), jwt, 'bytes are read as UTF-8 text');
});

test('baking again replaces the credential and declares the namespace once', () => {
  const twice = bakeSvg(bakeSvg(badge, credential), jwt);
  assert.equal(countOf(twice, '<openbadges:credential'), 1);
  assert.equal(countOf(twice, 'xmlns:openbadges='), 1);
  assert.equal(readBakedSvg(twice), jwt);
  assert.equal(twice, bakeSvg(badge, jwt));
});

test('a self-closing <svg/> is opened up to hold the credential', () => {
  const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', jwt);
  assert.equal(
    baked,
    `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" xmlns:openbadges="${OPEN_BADGES_V3_NAMESPACE}"><openbadges:credential verify="${jwt}"></openbadges:credential></svg>`,
  );
  assert.equal(readBakedSvg(baked), jwt);
});

test('the element is found by namespace, whatever its prefix, with entities decoded', () => {
  const json = JSON.stringify({ id: 'urn:x:1', name: 'a & b' }).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg"><ob:credential xmlns:ob="${OPEN_BADGES_V3_NAMESPACE}">${json}</ob:credential></svg>`;
  assert.deepEqual(readBakedSvg(svg), { id: 'urn:x:1', name: 'a & b' });
  // The same name bound to another namespace is not an Open Badges 3.0 credential.
  assert.equal(readBakedSvg('<svg xmlns:ob="http://example.com/other"><ob:credential>{}</ob:credential></svg>'), undefined);
  assert.equal(readBakedSvg(badge), undefined);
});

test('the 1EdTech baked SVG fixture holds the simple OpenBadgeCredential (fixture: 1EdTech validator, Apache-2.0)', () => {
  const text = readFileSync(sharedPath('fixtures', 'ob30', 'simple-json.svg'), 'utf8');
  const found = readBakedSvg(text);
  assert.ok(found !== undefined && typeof found === 'object');
  assert.equal(found.id, 'http://example.com/credentials/3527');
  assert.deepEqual(found.type, ['VerifiableCredential', 'OpenBadgeCredential']);
  const rebaked = bakeSvg(text, jwt);
  assert.equal(readBakedSvg(rebaked), jwt);
  assert.equal(countOf(rebaked, 'openbadges:credential'), 2, 'one start tag and one end tag');
  assert.ok(rebaked.includes('<!DOCTYPE svg PUBLIC'), 'the prolog is kept');
});

test('an SVG that already binds the openbadges prefix elsewhere (Open Badges 2.0) is not silently rebound', () => {
  const ob2 = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="x"/></svg>';
  assert.throws(() => bakeSvg(ob2, credential), rejectsWith('unprocessable', /already binds the prefix "openbadges" to http:\/\/openbadges\.org/));
});

test('a truncated or badly nested SVG is damaged', () => {
  const baked = bakeSvg(badge, credential);
  for (const cut of [baked.indexOf('</svg>'), baked.indexOf('<g fill'), baked.indexOf('</openbadges:credential>') + 5]) {
    assert.throws(() => readBakedSvg(baked.slice(0, cut)), rejectsWith('unprocessable', /damaged: <[a-z:]+> is never closed/), `cut at ${cut}`);
  }
  assert.throws(() => bakeSvg('<svg><g></svg>', credential), rejectsWith('unprocessable', /<g> is not closed before <\/svg>/));
  assert.throws(() => readBakedSvg('<svg></svg><svg></svg>'), rejectsWith('unprocessable', /follows the closed root element/));
});

test('input that is not an SVG is an unsupported media type', () => {
  const cases: Array<[string | Uint8Array, RegExp]> = [
    [JSON.stringify({ id: 'urn:x:1', type: ['VerifiableCredential'] }), /it is text, not markup/],
    [JSON.stringify(credential), /text before its first element/],
    ['<html><body><svg></svg></body></html>', /root element is <html>/],
    ['', /no root element/],
    ['hello <svg></svg>', /text before its first element/],
    [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00), /not UTF-8 text/],
  ];
  for (const [input, pattern] of cases) {
    assert.throws(() => readBakedSvg(input), rejectsWith('unsupported_media_type', pattern));
    assert.throws(() => bakeSvg(input, credential), rejectsWith('unsupported_media_type', pattern));
  }
});

test('oversize images and runaway nesting are refused, quickly', () => {
  const huge = `<svg>${' '.repeat(MAX_BADGE_IMAGE_BYTES)}</svg>`;
  assert.throws(() => readBakedSvg(huge), rejectsWith('payload_too_large', /limited to 5\.0 MiB/));
  assert.throws(() => bakeSvg(badge, { ...credential, description: 'x'.repeat(MAX_BADGE_IMAGE_BYTES) }), rejectsWith('payload_too_large', /baked image/));
  const started = performance.now();
  const deep = `<svg>${'<g>'.repeat(1_500_000)}`;
  assert.throws(() => readBakedSvg(deep), rejectsWith('unprocessable', new RegExp(`nested more than ${MAX_SVG_DEPTH} deep`)));
  assert.ok(performance.now() - started < 2000, 'the parse stops at the bound instead of going quadratic');
});

test('a credential element with neither JSON nor a JWT is unprocessable', () => {
  const svg = (body: string): string => `<svg xmlns:openbadges="${OPEN_BADGES_V3_NAMESPACE}"><openbadges:credential>${body}</openbadges:credential></svg>`;
  assert.throws(() => readBakedSvg(svg('<![CDATA[ not json ]]>')), rejectsWith('unprocessable', /baked into the SVG is neither JSON nor a compact JWT/));
  assert.throws(() => readBakedSvg(svg('')), rejectsWith('unprocessable', /is empty/));
});
