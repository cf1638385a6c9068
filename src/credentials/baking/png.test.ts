import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { sharedPath } from '../../../test/shared-data.js';
import { MAX_BADGE_IMAGE_BYTES } from './limits.js';
import { readPngChunks } from './png-chunks.js';
import { bakePng, extractPngCredentialText, PNG_CREDENTIAL_KEYWORD, readBakedPng } from './png.js';
import { rejectsWith } from '../../common/testing.js';

// A PNG written here byte by byte, independently of the code under test.
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 2x2 RGBA image (IHDR, one IDAT, IEND), plus any extra chunks before IEND. */
function smallPng(extra: Buffer[] = []): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), ...extra, chunk('IEND', new Uint8Array())]));
}

function iTXt(keyword: string, text: string, compressed = false): Buffer {
  const body = compressed ? deflateSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8');
  return chunk('iTXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, compressed ? 1 : 0, 0]), Buffer.from('en\0\0'), body]));
}

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0f3c6c9e-6a36-4f8e-9d7b-2f1f0b6e8a11',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi', type: ['Profile'], name: 'Ünïcode Academy' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:uuid:1', type: ['Achievement'], name: 'Teamwork', criteria: { narrative: 'Says "hi" & <waves>' } } },
};
const jwt = `${Buffer.from('{"alg":"EdDSA"}').toString('base64url')}.${Buffer.from('{"vc":{}}').toString('base64url')}.c2lnbmF0dXJl`;


function fixturePng(): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath('fixtures', 'ob30', 'simple-json.png')));
}

test('a credential baked into a PNG reads back unchanged, and the image chunks are kept', () => {
  const original = smallPng();
  const baked = bakePng(original, credential);
  assert.deepEqual(readBakedPng(baked), credential);
  const types = readPngChunks(baked).map((found) => found.type);
  assert.deepEqual(types, ['IHDR', 'IDAT', 'iTXt', 'IEND']);
  // Everything before IEND in the original is there byte for byte, then the new chunk.
  assert.deepEqual(baked.subarray(0, original.length - 12), original.subarray(0, original.length - 12));
});

test('the chunk is an uncompressed iTXt with the openbadgecredential keyword and empty language fields', () => {
  const baked = bakePng(smallPng(), credential);
  const found = readPngChunks(baked).find((candidate) => candidate.type === 'iTXt');
  assert.ok(found);
  const data = Buffer.from(found.data);
  const keywordEnd = data.indexOf(0);
  assert.equal(data.subarray(0, keywordEnd).toString('latin1'), PNG_CREDENTIAL_KEYWORD);
  assert.deepEqual([...data.subarray(keywordEnd, keywordEnd + 5)], [0, 0, 0, 0, 0], 'separator, flag 0, method 0, empty language tag, empty translated keyword');
  assert.deepEqual(JSON.parse(data.subarray(keywordEnd + 5).toString('utf8')), credential);
});

test('a compact JWT is baked as its text and read back as a string', () => {
  const baked = bakePng(smallPng(), jwt);
  assert.equal(readBakedPng(baked), jwt);
  assert.equal(extractPngCredentialText(baked), jwt);
});

test('baking again replaces the credential: the image never holds two', () => {
  const once = bakePng(smallPng(), credential);
  const twice = bakePng(once, jwt);
  assert.equal(readPngChunks(twice).filter((found) => found.type === 'iTXt').length, 1);
  assert.equal(readBakedPng(twice), jwt);
  assert.equal(twice.length, bakePng(smallPng(), jwt).length);
});

test('other iTXt chunks are left alone, and an image without a credential reads as undefined', () => {
  const withComment = smallPng([iTXt('Comment', 'drawn by hand')]);
  assert.equal(readBakedPng(withComment), undefined);
  const baked = bakePng(withComment, credential);
  assert.deepEqual(readPngChunks(baked).map((found) => found.type), ['IHDR', 'IDAT', 'iTXt', 'iTXt', 'IEND']);
  assert.deepEqual(readBakedPng(baked), credential);
});

test('a compressed credential chunk written by another baker is still read', () => {
  const png = smallPng([iTXt(PNG_CREDENTIAL_KEYWORD, JSON.stringify(credential), true)]);
  assert.deepEqual(readBakedPng(png), credential);
});

test("the 1EdTech baked PNG fixture holds the simple OpenBadgeCredential (fixture: 1EdTech validator, Apache-2.0)", () => {
  const found = readBakedPng(fixturePng());
  assert.ok(found !== undefined && typeof found === 'object');
  assert.equal(found.id, 'http://example.com/credentials/3527');
  assert.deepEqual(found.type, ['VerifiableCredential', 'OpenBadgeCredential']);
  assert.ok(Array.isArray(found.proof) || typeof found.proof === 'object', 'it carries its proof');
});

test('re-baking the fixture keeps all of its other chunks', () => {
  const original = fixturePng();
  const baked = bakePng(original, jwt);
  const before = readPngChunks(original).map((found) => found.type);
  const after = readPngChunks(baked).map((found) => found.type);
  assert.deepEqual(after, before, 'the old credential chunk is replaced by the new one, before IEND');
  assert.equal(readBakedPng(baked), jwt);
});

test('a chunk whose CRC does not match is named as damage', () => {
  const baked = Buffer.from(bakePng(smallPng(), credential));
  const idat = baked.indexOf('IDAT', 0, 'latin1');
  baked[idat + 6] = (baked[idat + 6] ?? 0) ^ 0xff;
  assert.throws(() => readBakedPng(baked), rejectsWith('unprocessable', /damaged: chunk IDAT at byte \d+ fails its CRC check/));
  const text = Buffer.from(bakePng(smallPng(), credential));
  const brace = text.indexOf('{"@context"', 0, 'utf8');
  text[brace] = 0x5b; // '{' -> '['
  assert.throws(() => readBakedPng(text), rejectsWith('unprocessable', /chunk iTXt .* fails its CRC check/));
});

test('a truncated PNG is named as truncated, wherever it is cut', () => {
  const baked = bakePng(smallPng(), credential);
  for (const cut of [4, 8, 20, 40, baked.length - 30, baked.length - 1]) {
    assert.throws(() => readBakedPng(baked.subarray(0, cut)), rejectsWith('unprocessable', /damaged: .*(truncated|ends)/), `cut at ${cut}`);
  }
  assert.throws(() => bakePng(fixturePng().subarray(0, 50_000), credential), rejectsWith('unprocessable', /chunk IDAT .*(truncated)/));
});

test('input that is not a PNG is an unsupported media type', () => {
  for (const input of [Buffer.from(JSON.stringify(credential)), Buffer.from('GIF89a.......'), new Uint8Array()]) {
    assert.throws(() => readBakedPng(input), rejectsWith('unsupported_media_type', /not a PNG/));
    assert.throws(() => bakePng(input, credential), rejectsWith('unsupported_media_type', /not a PNG/));
  }
});

test('a PNG whose first chunk is not IHDR, or with a garbled chunk type, is damaged', () => {
  const noHeader = new Uint8Array(Buffer.concat([signature, chunk('IDAT', deflateSync(Buffer.alloc(4))), chunk('IEND', new Uint8Array())]));
  assert.throws(() => readBakedPng(noHeader), rejectsWith('unprocessable', /first chunk is IDAT, not IHDR/));
  const garbled = Buffer.from(smallPng());
  garbled.write('I?AT', garbled.indexOf('IDAT', 0, 'latin1'), 'latin1');
  assert.throws(() => readBakedPng(garbled), rejectsWith('unprocessable', /no valid type/));
});

test('images past the size limit are refused before parsing, and so is a bake that would pass it', () => {
  const huge = new Uint8Array(MAX_BADGE_IMAGE_BYTES + 1);
  huge.set(signature, 0);
  assert.throws(() => readBakedPng(huge), rejectsWith('payload_too_large', /limited to 5\.0 MiB/));
  const bigCredential = { ...credential, description: 'x'.repeat(MAX_BADGE_IMAGE_BYTES) };
  assert.throws(() => bakePng(smallPng(), bigCredential), rejectsWith('payload_too_large', /baked image/));
});

test('a credential chunk that holds neither JSON nor a JWT is unprocessable', () => {
  assert.throws(() => readBakedPng(smallPng([iTXt(PNG_CREDENTIAL_KEYWORD, 'hello there')])), rejectsWith('unprocessable', /neither JSON nor a compact JWT/));
  assert.throws(() => readBakedPng(smallPng([iTXt(PNG_CREDENTIAL_KEYWORD, '[1,2]')])), rejectsWith('unprocessable', /not an object \(found an array\)/));
  assert.throws(() => readBakedPng(smallPng([iTXt(PNG_CREDENTIAL_KEYWORD, '   ')])), rejectsWith('unprocessable', /is empty/));
});

test('what is baked must be a credential object, its JSON, or a compact JWT', () => {
  assert.throws(() => bakePng(smallPng(), 'hello'), rejectsWith('bad_request', /neither a compact JWT/));
  assert.throws(() => bakePng(smallPng(), [credential]), rejectsWith('bad_request', /object or a compact JWT/));
  const json = JSON.stringify(credential, null, 2);
  assert.equal(extractPngCredentialText(bakePng(smallPng(), json)), json, 'JSON text is baked as written');
});
