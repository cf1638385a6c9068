import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { sharedPath } from '../../../test/shared-data.js';
import * as model from './index.js';

function fixture(...parts: string[]): unknown {
  return JSON.parse(readFileSync(sharedPath('fixtures', ...parts), 'utf8'));
}

test('the 1EdTech valid fixtures conform to the model of their kind and edition', () => {
  const cases: Array<[TSchema, string[]]> = [
    [model.AchievementCredential, ['ob30', 'simple.json']],
    [model.AchievementCredential, ['ob30', 'complete.json']],
    [model.AchievementCredential, ['ob30', 'simple-did-key-method.json']],
    [model.EndorsementCredential, ['ob30', 'endorsement-valid.json']],
    [model.VerifiableCredential, ['ob30', 'bit-string-list', 'testlist']],
    [model.ClrCredential, ['clr20', 'simple.json']],
    [model.ClrCredentialV1, ['clr20', 'complex.json']],
  ];
  for (const [schema, parts] of cases) {
    const errors = [...Value.Errors(schema, fixture(...parts))];
    assert.deepEqual(errors, [], parts.join('/'));
  }
});

test('extensible enumerations take the spec terms and ext: terms, nothing else', () => {
  assert.ok(Value.Check(model.AlignmentTargetType, 'CFItem'));
  assert.ok(Value.Check(model.AlignmentTargetType, 'ceasn:Competency'));
  assert.ok(Value.Check(model.AlignmentTargetType, 'ext:Skill'));
  assert.ok(!Value.Check(model.AlignmentTargetType, 'Skill'));
  assert.ok(Value.Check(model.AchievementType, 'Course'));
  assert.ok(!Value.Check(model.AchievementType, 'course'));
  assert.ok(Value.Check(model.IdentifierType, 'emailAddress'));
  assert.ok(!Value.Check(model.AssociationType, 'ext:isAbove'));
});

test('a type may be written as one string or a list that includes it', () => {
  const image = { id: 'https://example.org/badge.png', type: 'Image' };
  assert.ok(Value.Check(model.Image, image));
  const alignment = { targetName: 'Teamwork', targetUrl: 'https://example.org/skills/teamwork' };
  assert.ok(Value.Check(model.Alignment, { ...alignment, type: 'Alignment' }));
  assert.ok(Value.Check(model.Alignment, { ...alignment, type: ['Alignment', 'ext:SkillAlignment'] }));
  assert.ok(!Value.Check(model.Alignment, { ...alignment, type: ['SkillAlignment'] }));
  assert.ok(!Value.Check(model.Alignment, { type: 'Alignment', targetName: 'Teamwork' }));
});

/** Keywords that only JSON Schema 2020-12 knows; the HTTP layer's Ajv reads draft-07. */
const laterKeywords = ['prefixItems', '$defs', 'unevaluatedProperties', 'unevaluatedItems', 'dependentSchemas', 'dependentRequired', '$dynamicRef'];

function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => keywordsOf(item, found));
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      found.add(key);
      keywordsOf(value, found);
    }
  }
  return found;
}

test('every schema is plain JSON in keywords draft-07 validators and OpenAPI 3.1 both read', () => {
  const schemas = Object.entries(model).filter(([name, value]) => /^[A-Z]/.test(name) && typeof value === 'object' && value !== null);
  assert.ok(schemas.length > 40);
  for (const [name, schema] of schemas) {
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), { ...(schema as object) }, name);
    const used = keywordsOf(schema);
    for (const keyword of laterKeywords) assert.ok(!used.has(keyword), `${name} uses ${keyword}`);
  }
});
