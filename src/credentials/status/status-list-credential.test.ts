import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sharedPath } from '../../../test/shared-data.js';
import { MIN_STATUS_LIST_ENTRIES, StatusBitstring } from './bitstring.js';
import { buildStatusEntry, buildStatusListCredential, checkStatusEntry, VC_V2_CONTEXT } from './status-list-credential.js';
import { rejectsWith } from '../../common/testing.js';

const listUrl = 'https://openler.example/status/org-1/revocation/3';
const issuer = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';


// The 1EdTech validator's revoked credential and its status list (fixtures, Apache-2.0).
function bitStringListFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(sharedPath('fixtures', 'ob30', 'bit-string-list', name), 'utf8')) as Record<string, unknown>;
}

function revocationList(revoked: number[] = []): { list: StatusBitstring; credential: ReturnType<typeof buildStatusListCredential> } {
  const list = StatusBitstring.create();
  for (const index of revoked) list.set(index);
  const credential = buildStatusListCredential({ url: listUrl, issuer, statusPurpose: 'revocation', list, validFrom: '2026-03-01T12:00:00Z' });
  return { list, credential };
}

test('the status list credential is a VC 2.0 BitstringStatusListCredential whose subject is the list', () => {
  const { credential } = revocationList([42]);
  assert.deepEqual(credential['@context'], [VC_V2_CONTEXT]);
  assert.equal(credential.id, listUrl);
  assert.deepEqual(credential.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
  assert.equal(credential.issuer, issuer);
  assert.equal(credential.validFrom, '2026-03-01T12:00:00Z');
  assert.equal(credential.credentialSubject.id, `${listUrl}#list`);
  assert.equal(credential.credentialSubject.type, 'BitstringStatusList');
  assert.equal(credential.credentialSubject.statusPurpose, 'revocation');
  assert.equal(StatusBitstring.decode(credential.credentialSubject.encodedList).get(42), true);
  assert.equal('validUntil' in credential, false);
  const dated = buildStatusListCredential({ url: listUrl, issuer: { id: issuer, name: 'Org' }, statusPurpose: 'suspension', list: StatusBitstring.create(), validUntil: new Date('2026-03-02T00:00:00Z') });
  assert.equal(dated.validUntil, '2026-03-02T00:00:00Z');
  assert.match(dated.validFrom, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'now, when not given');
});

test('an entry names its list, purpose and index (as a base-10 string)', () => {
  assert.deepEqual(buildStatusEntry({ listUrl, statusPurpose: 'suspension', index: 94_567 }), {
    id: `${listUrl}#94567`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'suspension',
    statusListIndex: '94567',
    statusListCredential: listUrl,
  });
});

test('revoking, then reinstating, shows in the check of the entry against the republished list', () => {
  const entry = buildStatusEntry({ listUrl, statusPurpose: 'revocation', index: 1_234 });
  const { list, credential } = revocationList([7]);
  assert.deepEqual(checkStatusEntry(entry, credential), { purpose: 'revocation', set: false });
  list.set(1_234);
  const revoked = buildStatusListCredential({ url: listUrl, issuer, statusPurpose: 'revocation', list });
  assert.deepEqual(checkStatusEntry(entry, JSON.parse(JSON.stringify(revoked))), { purpose: 'revocation', set: true });
  list.clear(1_234);
  assert.deepEqual(checkStatusEntry(entry, buildStatusListCredential({ url: listUrl, issuer, statusPurpose: 'revocation', list })), { purpose: 'revocation', set: false });
});

test("the fixture's revoked credential has its bit set in its list; its neighbours are clear", () => {
  const revoked = bitStringListFixture('credential-status-revoked.json');
  const statusList = bitStringListFixture('testlist');
  const entry = revoked.credentialStatus as Record<string, unknown>;
  const retrievedFrom = entry.statusListCredential as string;
  assert.deepEqual(checkStatusEntry(entry, statusList, { retrievedFrom }), { purpose: 'revocation', set: true });
  for (const index of [22, 24, 0, MIN_STATUS_LIST_ENTRIES - 1]) {
    assert.deepEqual(checkStatusEntry({ ...entry, statusListIndex: String(index) }, statusList, { retrievedFrom }), { purpose: 'revocation', set: false }, `index ${index}`);
  }
  // The published list is the minimum size and 23 is its only set bit.
  const list = StatusBitstring.decode((statusList.credentialSubject as Record<string, unknown>).encodedList);
  assert.equal(list.length, MIN_STATUS_LIST_ENTRIES);
  let setCount = 0;
  for (let index = 0; index < list.length; index += 1) if (list.get(index)) setCount += 1;
  assert.equal(setCount, 1);
  // The fixture list's own id is not the URL its entry names, so without the retrieval URL the two do not match.
  assert.throws(() => checkStatusEntry(entry, statusList), rejectsWith('unprocessable', /points to the status list https:\/\/raw\.githubusercontent\.com\/.*but the list given is the list https:\/\/example\.com\/credentials\/status\/3/, { statusError: 'STATUS_VERIFICATION_ERROR' }));
});

test('an entry and a list that disagree are reported, each for its own reason', () => {
  const { credential } = revocationList();
  const entry = buildStatusEntry({ listUrl, statusPurpose: 'revocation', index: 5 });
  assert.throws(
    () => checkStatusEntry({ ...entry, statusPurpose: 'suspension' }, credential),
    rejectsWith('unprocessable', /statusPurpose is suspension, but the list .* is for revocation/, { statusError: 'STATUS_VERIFICATION_ERROR' }),
  );
  assert.throws(
    () => checkStatusEntry({ ...entry, statusListIndex: String(MIN_STATUS_LIST_ENTRIES) }, credential),
    rejectsWith('unprocessable', /statusListIndex 131072 is outside the status list .* which has 131,072 entries/, { statusError: 'RANGE_ERROR' }),
  );
  assert.throws(
    () => checkStatusEntry({ ...entry, statusListCredential: 'https://openler.example/status/org-1/revocation/4' }, credential),
    rejectsWith('unprocessable', /points to the status list https:\/\/openler\.example\/status\/org-1\/revocation\/4, but the list given is the list/, { statusError: 'STATUS_VERIFICATION_ERROR' }),
  );
  assert.throws(
    () => checkStatusEntry(entry, credential, { retrievedFrom: 'https://elsewhere.example/list' }),
    rejectsWith('unprocessable', /but the list given was retrieved from https:\/\/elsewhere\.example\/list/, { statusError: 'STATUS_VERIFICATION_ERROR' }),
  );
  const anonymous: Record<string, unknown> = { ...credential };
  delete anonymous.id;
  assert.throws(() => checkStatusEntry(entry, anonymous), rejectsWith('unprocessable', /has no id/, { statusError: 'STATUS_VERIFICATION_ERROR' }));
  assert.deepEqual(checkStatusEntry(entry, anonymous, { retrievedFrom: listUrl }), { purpose: 'revocation', set: false });
});

test('a list shorter than 131,072 entries is refused for privacy', () => {
  const short = revocationList().credential;
  short.credentialSubject.encodedList = `u${gzipSync(new Uint8Array(1024)).toString('base64url')}`;
  const entry = buildStatusEntry({ listUrl, statusPurpose: 'revocation', index: 5 });
  assert.throws(() => checkStatusEntry(entry, short), rejectsWith('unprocessable', /has 8,192 entries, fewer than the 131,072 required/, { statusError: 'STATUS_LIST_LENGTH_ERROR' }));
});

test('a list may serve several purposes, and plain-number indexes (common in the wild) are read', () => {
  const { credential } = revocationList([9]);
  const multi = { ...credential, credentialSubject: { ...credential.credentialSubject, statusPurpose: ['revocation', 'suspension'] } };
  const entry = { ...buildStatusEntry({ listUrl, statusPurpose: 'suspension', index: 9 }), statusListIndex: 9 };
  assert.deepEqual(checkStatusEntry(entry, multi), { purpose: 'suspension', set: true });
});

test('malformed entries and lists are named', () => {
  const { credential } = revocationList();
  const entry = buildStatusEntry({ listUrl, statusPurpose: 'revocation', index: 5 });
  const cases: Array<[unknown, unknown, RegExp]> = [
    ['not an entry', credential, /entry is not an object/],
    [{ ...entry, type: 'StatusList2021Entry' }, credential, /not a BitstringStatusListEntry \(type "StatusList2021Entry"\)/],
    [{ ...entry, statusPurpose: '' }, credential, /has no statusPurpose/],
    [{ ...entry, statusListIndex: '-1' }, credential, /non-negative integer written in base 10 \(got "-1"\)/],
    [{ ...entry, statusListIndex: '0x10' }, credential, /got "0x10"/],
    [{ ...entry, statusListIndex: 2.5 }, credential, /got 2\.5/],
    [{ ...entry, statusSize: 2 }, credential, /Only one-bit status entries/],
    [{ ...entry, statusListCredential: 'not a url' }, credential, /statusListCredential must be a URL/],
    [entry, [credential], /list credential is not an object/],
    [entry, { ...credential, type: ['VerifiableCredential'] }, /not a BitstringStatusListCredential/],
    [entry, { ...credential, credentialSubject: undefined }, /no credentialSubject object/],
    [entry, { ...credential, credentialSubject: { ...credential.credentialSubject, type: 'StatusList2021' } }, /not a BitstringStatusList \(type "StatusList2021"\)/],
    [entry, { ...credential, credentialSubject: { ...credential.credentialSubject, statusPurpose: 7 } }, /statusPurpose must be a string or strings/],
    [entry, { ...credential, credentialSubject: { ...credential.credentialSubject, encodedList: 'H4sIAAAA' } }, /must be multibase base64url/],
  ];
  for (const [badEntry, list, pattern] of cases) {
    assert.throws(() => checkStatusEntry(badEntry, list), rejectsWith('unprocessable', pattern, { statusError: 'MALFORMED_VALUE_ERROR' }), String(pattern));
  }
});

test('building refuses a bad URL, purpose, index, issuer or an undersized list', () => {
  const list = StatusBitstring.create();
  assert.throws(() => buildStatusEntry({ listUrl: 'status/3', statusPurpose: 'revocation', index: 1 }), rejectsWith('validation_failed', /absolute URL/));
  assert.throws(() => buildStatusEntry({ listUrl: `${listUrl}#list`, statusPurpose: 'revocation', index: 1 }), rejectsWith('validation_failed', /no fragment/));
  assert.throws(() => buildStatusEntry({ listUrl, statusPurpose: 'refresh' as 'revocation', index: 1 }), rejectsWith('validation_failed', /revocation or suspension \(got "refresh"\)/));
  assert.throws(() => buildStatusEntry({ listUrl, statusPurpose: 'revocation', index: -1 }), rejectsWith('validation_failed', /non-negative integer/));
  assert.throws(() => buildStatusListCredential({ url: listUrl, issuer: 'nobody', statusPurpose: 'revocation', list }), rejectsWith('validation_failed', /issuer must be a URL or DID/));
  assert.throws(() => buildStatusListCredential({ url: listUrl, issuer, statusPurpose: 'revocation', list, validFrom: 'yesterday' }), rejectsWith('validation_failed', /validFrom is not a date-time/));
  const small = StatusBitstring.decode(`u${gzipSync(new Uint8Array(16)).toString('base64url')}`);
  assert.throws(() => buildStatusListCredential({ url: listUrl, issuer, statusPurpose: 'revocation', list: small }), rejectsWith('validation_failed', /at least 131,072 entries \(this one has 128\)/));
});
