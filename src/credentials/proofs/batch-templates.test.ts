import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createDocumentLoader } from '../jsonld/document-loader.js';
import { sharedPath } from '../../../test/shared-data.js';
import { canonizeFully, TemplateCanonicalizer } from './batch-templates.js';
import { sampleOpenBadgeCredential, sampleSkills, type SampleSkill } from './batch-samples.js';
import { readFixtureJson, readOb30TestVector } from './testing.js';

const documentLoader = createDocumentLoader();
type JsonObject = Record<string, unknown>;

/** A small seeded generator (mulberry32), so every run checks the same documents. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that tend to break canonical forms: escapes, unicode, IRI look-alikes, keyword look-alikes, empties. */
const awkwardStrings = [
  'Data Analysis Foundations',
  'Quote " and backslash \\ inside',
  'Line one\nline two\r\nline three\ttabbed',
  'Accents é à ü ß, 中文技能, emoji 🎓✨',
  'Right to left: مهارة التواصل שלום',
  'Zero\u200Bwidth, control \u0001 and \u007F',
  '',
  '  spaces around  ',
  'https://looks.like/an/iri?x=1#frag',
  'urn:isbn:0451450523',
  'ceasn:Competency',
  'did:example:not-an-id',
  'true',
  '42',
  'Lone surrogate \uD800 here',
  '<tag> & "entities" &amp;',
  'long '.repeat(400),
  '_:b0',
  '@id',
];

/** What the full pipeline answers: the canonical form, or the error it throws. */
async function fully(document: JsonObject): Promise<string | Error> {
  try {
    return await canonizeFully(document, documentLoader);
  } catch (error) {
    return error as Error;
  }
}

/** Every document goes through both; a template's answer must equal the full pipeline's, and a document it rejects is declined. */
async function assertSameAsFullPipeline(canonicalizer: TemplateCanonicalizer, documents: readonly JsonObject[]): Promise<{ valid: number; fast: number }> {
  let valid = 0;
  let fast = 0;
  for (const [index, document] of documents.entries()) {
    const expected = await fully(document);
    const actual = await canonicalizer.canonize(document);
    if (expected instanceof Error) {
      assert.equal(actual, undefined, `document ${index}: the full pipeline rejects it (${expected.message}) but a template took it`);
      continue;
    }
    valid += 1;
    if (actual === undefined) continue;
    fast += 1;
    assert.equal(actual, expected, `document ${index} differs from the full pipeline:\n${JSON.stringify(document, null, 1)}`);
  }
  return { valid, fast };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** Open Badges credentials varied along every axis issuance varies, plus a few it should never produce. */
function variedCredentials(count: number, seed: number): JsonObject[] {
  const next = random(seed);
  const text = (): string => pick(next, awkwardStrings);
  const issuers = ['did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'https://openler.example.edu/issuers/iss_1', 'did:web:openler.example.edu:issuers:iss_2'];
  return Array.from({ length: count }, (_, serial) => {
    const issuerId = pick(next, issuers);
    const skills: SampleSkill[] = Array.from({ length: Math.floor(next() * 5) }, () => (next() < 0.3 ? (sampleSkills[0] as SampleSkill) : { id: `skill-${Math.floor(next() * 1000)}`, name: text(), ...(next() < 0.5 ? { description: text() } : {}) }));
    const did = next() < 0.15 ? issuerId : `did:example:${Math.floor(next() * 1e9)}`;
    const recipient = pick(next, [{ did }, { email: `${text()}@example.org` }, { did, email: 'both@example.org' }]);
    const credential = sampleOpenBadgeCredential({
      publicUrl: 'https://openler.example.edu',
      issuer: { id: issuerId, name: text(), ...(next() < 0.5 ? { url: 'https://example.edu' } : {}), ...(next() < 0.5 ? { email: 'badges@example.edu' } : {}), ...(next() < 0.3 ? { description: text() } : {}) },
      achievement: { name: text(), description: text(), narrative: next() < 0.5 ? text() : undefined, achievementType: pick(next, ['Badge', 'Certificate', 'Course', 'ext:Custom']), skills },
      recipient,
      serial: next() < 0.2 ? 0 : serial,
      validUntil: next() < 0.3 ? '2030-01-01T00:00:00Z' : undefined,
      narrative: next() < 0.4 ? text() : undefined,
    });
    const achievement = (credential.credentialSubject as JsonObject).achievement as JsonObject;
    if (next() < 0.3) achievement.tag = [text(), text(), text()];
    if (next() < 0.3) achievement.creditsAvailable = pick(next, [1, 2.5, 10, 0.5]);
    if (next() < 0.2) achievement.image = { id: 'https://openler.example.edu/images/badge.png', type: 'Image' };
    if (next() < 0.2) (credential.credentialSubject as JsonObject).id = achievement.id;
    return credential;
  });
}

test('varied Open Badges credentials: every canonical form from a template equals the full pipeline\'s', async () => {
  const canonicalizer = new TemplateCanonicalizer(documentLoader);
  const { valid, fast } = await assertSameAsFullPipeline(canonicalizer, variedCredentials(160, 7));
  assert.ok(valid >= 150, `most generated credentials are valid JSON-LD (${valid})`);
  assert.ok(fast >= valid * 0.9, `templates took ${fast} of ${valid} valid credentials`);
});

test('a batch of one shape compiles once; awkward values in every slot come out as the full pipeline writes them', async () => {
  const next = random(11);
  const canonicalizer = new TemplateCanonicalizer(documentLoader);
  const documents = Array.from({ length: 60 }, (_, serial) => sampleOpenBadgeCredential({
    publicUrl: 'https://openler.example.edu',
    issuer: { id: 'https://openler.example.edu/issuers/iss_1', name: 'Example University', url: 'https://example.edu' },
    achievement: { name: 'Data Analysis Foundations', description: 'Analyses data.', skills: sampleSkills },
    recipient: { did: `did:example:learner-${serial}` },
    serial,
    // Distinct per credential, so every credential has the same grouping of equal values.
    narrative: `${pick(next, awkwardStrings.filter((value) => !/^(_:|@)/.test(value)))} #${serial}`,
  }));
  const { valid, fast } = await assertSameAsFullPipeline(canonicalizer, documents);
  assert.equal(valid, 60);
  assert.equal(fast, 60);
  // Narratives that look like IRIs have a scheme, which is part of the shape: a few shapes, not one per credential.
  assert.ok(canonicalizer.stats.compiled <= 6, `compiled ${canonicalizer.stats.compiled} templates`);
});

test('equal values merge and collapse as JSON-LD merges them: issuer reused as creator, equal tags, equal status indexes', async () => {
  const canonicalizer = new TemplateCanonicalizer(documentLoader);
  const issuer = { id: 'https://openler.example.edu/issuers/iss_1', name: 'Same', url: 'https://example.edu' };
  const base = (serial: number, recipientDid: string, tags: string[]): JsonObject => {
    const credential = sampleOpenBadgeCredential({ publicUrl: 'https://openler.example.edu', issuer, achievement: { name: 'Same', description: 'Same', skills: sampleSkills.slice(0, 2) }, recipient: { did: recipientDid }, serial });
    ((credential.credentialSubject as JsonObject).achievement as JsonObject).tag = tags;
    return credential;
  };
  const documents = [
    base(1, 'did:example:a', ['x', 'y', 'z']),
    base(2, 'did:example:b', ['x', 'x', 'z']),
    base(3, 'did:example:c', ['p', 'q', 'r']),
    // The recipient is the issuer: the two nodes merge.
    base(4, issuer.id, ['x', 'y', 'z']),
    // A recipient equal to a value the first template holds as a constant (a type IRI).
    base(5, 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement', ['x', 'y', 'z']),
    base(6, 'did:example:d', ['Same', 'Same', 'Same']),
  ];
  const { valid } = await assertSameAsFullPipeline(canonicalizer, documents);
  assert.equal(valid, documents.length);
});

test('JSON-LD corner cases: @vocab and prefixed values, IRI-like terms, doubles, JSON literals, languages, directions, lists and index maps', async () => {
  const context = {
    '@version': 1.1,
    '@vocab': 'https://vocab.example/',
    ex: 'https://ex.example/ns#',
    id: '@id',
    type: '@type',
    Thing: 'https://vocab.example/Thing',
    Alpha: 'https://vocab.example/terms/Alpha',
    // A term in the form of an absolute IRI (JSON-LD 1.1 requires it to map to itself).
    'urn:example:alias': { '@id': 'urn:example:alias', '@type': '@id' },
    kind: { '@id': 'https://vocab.example/kind', '@type': '@vocab' },
    link: { '@id': 'https://vocab.example/link', '@type': '@id' },
    weight: { '@id': 'https://vocab.example/weight', '@type': 'http://www.w3.org/2001/XMLSchema#double' },
    payload: { '@id': 'https://vocab.example/payload', '@type': '@json' },
    label: { '@id': 'https://vocab.example/label', '@language': 'en' },
    note: { '@id': 'https://vocab.example/note', '@direction': 'rtl' },
    steps: { '@id': 'https://vocab.example/steps', '@container': '@list' },
    byIndex: { '@id': 'https://vocab.example/byIndex', '@container': '@index' },
  };
  const next = random(23);
  const iris = ['https://a.example/1', 'https://a.example/2', 'urn:example:alias', 'urn:example:other', 'ex:local', 'did:example:z'];
  const words = ['Alpha', 'Beta', 'same', 'urn:example:alias', 'urn:example:other', 'ex:thing', 'https://x.example/k', '1.5', 'abc', ''];
  const documents = Array.from({ length: 120 }, (_, serial): JsonObject => {
    const id = pick(next, iris.slice(0, 2).map((iri) => `${iri}/${serial}`).concat(['urn:example:alias', 'ex:node']));
    return {
      '@context': context,
      id,
      type: 'Thing',
      kind: pick(next, words),
      link: pick(next, [...iris, id]),
      weight: pick(next, ['1.5', '2', 'abc', '1e3']),
      payload: { message: pick(next, words), list: [pick(next, words), 3] },
      label: pick(next, words),
      note: pick(next, words),
      steps: [pick(next, words), pick(next, words), pick(next, words)],
      byIndex: { one: pick(next, words), two: pick(next, words) },
      child: { link: pick(next, iris), label: pick(next, words), sameAs: pick(next, iris) },
    };
  });
  const canonicalizer = new TemplateCanonicalizer(documentLoader);
  const { valid, fast } = await assertSameAsFullPipeline(canonicalizer, documents);
  assert.equal(valid, documents.length);
  assert.ok(fast > documents.length / 2, `templates took ${fast} of ${valid}`);
});

test('shapes the fast path must not take are declined, and broken documents are left to the full pipeline to reject', async () => {
  const canonicalizer = new TemplateCanonicalizer(documentLoader);
  const credential = sampleOpenBadgeCredential({ publicUrl: 'https://openler.example.edu', issuer: { id: 'https://openler.example.edu/issuers/iss_1', name: 'U' }, achievement: { name: 'A', description: 'B', skills: sampleSkills }, recipient: { did: 'did:example:1' }, serial: 1 });
  assert.equal(await canonicalizer.canonize({ ...credential, favouriteColour: 'blue' }), undefined);
  assert.equal(await canonicalizer.canonize({ ...credential, id: 'not-absolute' }), undefined);
  assert.equal(await canonicalizer.canonize({ ...credential, '@context': [...(credential['@context'] as string[]), 'https://example.org/unknown-context.jsonld'] }), undefined);
  assert.equal(await canonicalizer.canonize({ ...credential, validFrom: undefined }), undefined, 'undefined is not JSON');
  assert.equal(await canonicalizer.canonize({ ...credential, validFrom: new Date() } as JsonObject), undefined, 'a Date is not JSON');
  const valid = await canonicalizer.canonize(credential);
  assert.equal(valid, await canonizeFully(credential, documentLoader));
});

test('the OB 3.0 test vector, and every fixture credential, canonicalise through templates exactly as the full pipeline does', async () => {
  const vector = readOb30TestVector();
  const canonicalizer = new TemplateCanonicalizer(documentLoader);
  assert.equal(await canonicalizer.canonize(vector.credential), vector.documentCanon);
  assert.equal(await canonicalizer.canonize({ '@context': vector.credential['@context'], ...vector.proofOptions }), vector.proofCanon);
  const documents: JsonObject[] = [];
  for (const folder of ['ob30', 'clr20']) {
    for (const name of readdirSync(sharedPath('fixtures', folder)).filter((file) => file.endsWith('.json'))) {
      const credential = readFixtureJson(folder, name);
      const proofs = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
      delete credential.proof;
      documents.push(credential);
      for (const proof of proofs as JsonObject[]) documents.push({ '@context': credential['@context'], ...proof, proofValue: undefined });
    }
  }
  const withoutUndefined = documents.map((document) => JSON.parse(JSON.stringify(document)) as JsonObject);
  const { valid, fast } = await assertSameAsFullPipeline(canonicalizer, withoutUndefined);
  assert.ok(valid >= 15, `valid fixture documents: ${valid}`);
  assert.ok(fast >= valid - 2, `templates took ${fast} of ${valid}`);
});
