import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPath, pointerSegments, valueAt } from './json-path.js';

test('paths use dots for names and brackets for indexes and other keys', () => {
  assert.equal(jsonPath(['credentialSubject', 'type', 0]), '$.credentialSubject.type[0]');
  assert.equal(jsonPath(['@context', 0]), "$['@context'][0]");
  assert.equal(jsonPath(["it's"]), "$['it\\'s']");
  assert.equal(jsonPath(['proof'], '$.credentialSubject.verifiableCredential[1]'), '$.credentialSubject.verifiableCredential[1].proof');
});

test('JSON pointers turn into segments, escapes and indexes included', () => {
  assert.deepEqual(pointerSegments(''), []);
  assert.deepEqual(pointerSegments('/@context/0'), ['@context', 0]);
  assert.deepEqual(pointerSegments('/a~1b/c~0d/01'), ['a/b', 'c~d', '01']);
});

test('values are found by path, and a missing step gives undefined', () => {
  const document = { a: [{ b: 'x' }] };
  assert.equal(valueAt(document, ['a', 0, 'b']), 'x');
  assert.equal(valueAt(document, ['a', 1, 'b']), undefined);
  assert.equal(valueAt(document, ['a', 0, 'b', 'c']), undefined);
});
