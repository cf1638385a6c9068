import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureJson } from './fixtures.test-support.js';
import { fixtureTrustStore } from './trust-store.test-support.js';
import { verifyCredential } from './verify-credential.js';

/**
 * Every value of a signed credential replaced by something else (removed,
 * null, a number, an empty array or object, a string), one at a time: each
 * variant gets a report, never an exception, and none verifies.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

function paths(value: Json, prefix: Segment[] = []): Segment[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[Segment, Json]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function withChange(document: Json, path: Segment[], replacement: Json | undefined): Json {
  const copy = structuredClone(document);
  let parent = copy as Record<Segment, Json> | Json[];
  for (const segment of path.slice(0, -1)) parent = (parent as Record<Segment, Json>)[segment] as Record<Segment, Json>;
  const last = path[path.length - 1] as Segment;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<Segment, Json>)[last];
  } else {
    (parent as Record<Segment, Json>)[last] = replacement;
  }
  return copy;
}

test('no change to a signed credential goes unnoticed, and none makes verification throw', async () => {
  const trustStore = fixtureTrustStore().documents;
  const now = new Date('2026-01-01T00:00:00Z');
  const original = fixtureJson('ob30', 'simple.json') as Json;
  assert.equal((await verifyCredential(original, { trustStore, now })).verified, true);
  const replacements: Array<Json | undefined> = [undefined, null, 42, [], {}, 'changed'];
  let variants = 0;
  for (const path of paths(original)) {
    for (const replacement of replacements) {
      const variant = withChange(original, path, replacement);
      const label = `${path.join('.')} = ${JSON.stringify(replacement) ?? '(removed)'}`;
      const report = await verifyCredential(variant, { trustStore, now });
      assert.equal(report.verified, false, label);
      assert.ok(report.checks.some((check) => check.status === 'failed' && typeof check.reason === 'string' && check.reason.length > 0), label);
      variants += 1;
    }
  }
  assert.ok(variants > 150, `only ${variants} variants`);
});

test('an unknown JSON-LD context is named in the proof check, offline', async () => {
  const credential = fixtureJson('ob30', 'simple.json') as { '@context': string[] };
  credential['@context'].push('https://contexts.example.org/unknown/v1');
  const report = await verifyCredential(credential, { trustStore: fixtureTrustStore().documents, now: new Date('2026-01-01T00:00:00Z') });
  const proof = report.checks.find((check) => check.check === 'proof');
  assert.equal(proof?.status, 'failed');
  assert.match(proof?.reason ?? '', /https:\/\/contexts\.example\.org\/unknown\/v1/);
});
