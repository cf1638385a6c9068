import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MAX_STATUS_LIST_BYTES, MIN_STATUS_LIST_ENTRIES, StatusBitstring } from './bitstring.js';
import { rejectsWith } from '../../common/testing.js';


function setIndexes(list: StatusBitstring): number[] {
  const found: number[] = [];
  for (let index = 0; index < list.length; index += 1) if (list.get(index)) found.push(index);
  return found;
}

test('a new list has the minimum 131,072 entries, all clear', () => {
  const list = StatusBitstring.create();
  assert.equal(list.length, MIN_STATUS_LIST_ENTRIES);
  assert.equal(MIN_STATUS_LIST_ENTRIES, 131_072);
  assert.deepEqual(setIndexes(list), []);
});

test('bits are set, cleared and read at their own index only', () => {
  const list = StatusBitstring.create();
  const chosen = [0, 7, 8, 23, 65_535, 131_071];
  for (const index of chosen) list.set(index);
  assert.deepEqual(setIndexes(list), chosen);
  list.clear(23);
  list.set(8, false);
  assert.deepEqual(setIndexes(list), [0, 7, 65_535, 131_071]);
  list.set(0);
  assert.equal(list.get(0), true, 'setting a set bit keeps it set');
});

test('encoding is GZIP then multibase base64url, index 0 being the first byte’s high bit', () => {
  const list = StatusBitstring.create();
  list.set(0);
  list.set(15);
  const encoded = list.encode();
  assert.match(encoded, /^u[A-Za-z0-9_-]+$/, 'the u prefix, then base64url without padding');
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  assert.equal(bytes.length, 16 * 1024);
  assert.deepEqual([...bytes.subarray(0, 3)], [0b1000_0000, 0b0000_0001, 0]);
  assert.ok(encoded.length < 200, `a nearly empty list compresses to a few hundred bytes at most (${encoded.length})`);
});

test('a list survives encoding and decoding, larger lists too', () => {
  const list = StatusBitstring.create(MIN_STATUS_LIST_ENTRIES * 4);
  const chosen = [3, 99_999, 131_072, 400_001, 524_287];
  for (const index of chosen) list.set(index);
  const decoded = StatusBitstring.decode(list.encode());
  assert.equal(decoded.length, MIN_STATUS_LIST_ENTRIES * 4);
  assert.deepEqual(setIndexes(decoded), chosen);
  decoded.clear(3);
  assert.deepEqual(setIndexes(StatusBitstring.decode(decoded.encode())), chosen.slice(1));
});

test('sizes below the minimum, or not whole bytes, are refused', () => {
  for (const entries of [0, 8, MIN_STATUS_LIST_ENTRIES - 8, MIN_STATUS_LIST_ENTRIES + 1, 1.5, Number.NaN, (MAX_STATUS_LIST_BYTES + 1) * 8]) {
    assert.throws(() => StatusBitstring.create(entries), rejectsWith('validation_failed', /multiple of 8 entries from 131,072/), String(entries));
  }
});

test('reading or writing outside the list is a range error', () => {
  const list = StatusBitstring.create();
  for (const index of [-1, MIN_STATUS_LIST_ENTRIES, 0.5]) {
    assert.throws(() => list.get(index), rejectsWith('unprocessable', /outside the list \(0 to 131071\)/, { statusError: 'RANGE_ERROR' }));
    assert.throws(() => list.set(index), rejectsWith('unprocessable', /outside the list/, { statusError: 'RANGE_ERROR' }));
  }
});

test('a malformed encodedList is named for what is wrong with it', () => {
  const valid = StatusBitstring.create().encode();
  const cases: Array<[unknown, RegExp]> = [
    [undefined, /missing or not a string/],
    ['', /missing or not a string/],
    [valid.slice(1), /must be multibase base64url, starting with "u" \(it starts with "H4sI/],
    [`z${valid.slice(1)}`, /starting with "u"/],
    [`${valid}==`, /outside base64url/],
    [`u${Buffer.from('plain text, not gzip').toString('base64url')}`, /not GZIP-compressed data/],
    [valid.slice(0, 20), /not GZIP-compressed data/],
    [`u${gzipSync(new Uint8Array()).toString('base64url')}`, /expands to an empty bitstring/],
  ];
  for (const [encoded, pattern] of cases) {
    assert.throws(() => StatusBitstring.decode(encoded), rejectsWith('unprocessable', pattern, { statusError: 'MALFORMED_VALUE_ERROR' }), String(encoded));
  }
});

test('a list that expands past the decoding limit is refused, not inflated', () => {
  const bomb = `u${gzipSync(new Uint8Array(MAX_STATUS_LIST_BYTES + 1)).toString('base64url')}`;
  assert.ok(bomb.length < 40_000, 'small when compressed');
  assert.throws(() => StatusBitstring.decode(bomb), rejectsWith('payload_too_large', /expands past 16777216 bytes/));
});
