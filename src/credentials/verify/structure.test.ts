import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureJson, fixtureText } from './fixtures.test-support.js';
import { readJwtCredential } from './jwt-credential.js';
import { checkStructure } from './structure.js';

test('the valid Open Badges 3.0 and CLR 2.0 fixtures have the structure their data model requires', () => {
  const expected: Array<[string[], string, string]> = [
    [['ob30', 'simple.json'], 'OpenBadgeCredential', 'v2'],
    [['ob30', 'complete.json'], 'OpenBadgeCredential', 'v2'],
    [['ob30', 'simple-did-key-method.json'], 'OpenBadgeCredential', 'v2'],
    [['ob30', 'simple-multiple-proofs.json'], 'OpenBadgeCredential', 'v2'],
    [['ob30', 'endorsement-valid.json'], 'EndorsementCredential', 'v2'],
    [['ob30', 'bit-string-list', 'credential-status-revoked.json'], 'OpenBadgeCredential', 'v2'],
    [['ob30', 'bit-string-list', 'testlist'], 'VerifiableCredential', 'v2'],
    [['clr20', 'simple.json'], 'ClrCredential', 'v2'],
    [['clr20', 'simple-noproof.json'], 'ClrCredential', 'v1'],
    [['clr20', 'complex.json'], 'ClrCredential', 'v1'],
  ];
  for (const [parts, kind, vcVersion] of expected) {
    const outcome = checkStructure(fixtureJson(...parts));
    assert.equal(outcome.result.status, 'passed', `${parts.join('/')}: ${outcome.result.reason}`);
    assert.equal(outcome.kind, kind, parts.join('/'));
    assert.equal(outcome.vcVersion, vcVersion, parts.join('/'));
  }
  const clrJwt = checkStructure(readJwtCredential(fixtureText('clr20', 'simple.jwt')).credential);
  assert.equal(clrJwt.result.status, 'passed', clrJwt.result.reason);
  assert.equal(clrJwt.kind, 'ClrCredential');
});

test('each structurally invalid fixture fails at the path of its own problem', () => {
  const expected: Array<[string, string, RegExp]> = [
    ['simple-err-context.json', "$['@context'][0]", /must be https:\/\/www\.w3\.org\/ns\/credentials\/v2 .*VC context comes first/],
    ['simple-err-type.json', '$.type', /must include 'OpenBadgeCredential'.*OtherCredential/],
    ['simple-err-issuer.json', '$.issuer', /\$\.issuer is required/],
    ['simple-err-credential-subject-type.json', '$.credentialSubject.type', /must include 'AchievementSubject'.*InvalidAchievementSubject/],
  ];
  for (const [name, path, reason] of expected) {
    const outcome = checkStructure(fixtureJson('ob30', name));
    assert.equal(outcome.result.status, 'failed', name);
    assert.equal(outcome.result.path, path, name);
    assert.match(outcome.result.reason ?? '', reason, name);
  }
});

test('an achievement subject without its achievement is incomplete, whichever VC edition it is on', () => {
  for (const outcome of [checkStructure(fixtureJson('ob30', 'simple-noproof.json')), checkStructure(readJwtCredential(fixtureText('ob30', 'simple.jwt')).credential)]) {
    assert.equal(outcome.result.status, 'failed');
    assert.equal(outcome.result.path, '$.credentialSubject.achievement');
    assert.equal(outcome.kind, 'OpenBadgeCredential');
    assert.equal(outcome.vcVersion, 'v1');
  }
});

function simple(): Record<string, unknown> & { issuer: Record<string, unknown>; credentialSubject: Record<string, unknown> & { achievement: Record<string, unknown> } } {
  return fixtureJson('ob30', 'simple.json') as ReturnType<typeof simple>;
}

test('problems deep in the data model are named by path, in words', () => {
  const badIssuerId = simple();
  badIssuerId.issuer.id = 'not a uri';
  assert.deepEqual(checkStructure(badIssuerId).result, {
    check: 'structure',
    status: 'failed',
    reason: '$.issuer.id must be a URI (found "not a uri")',
    path: '$.issuer.id',
  });

  const badAlignment = simple();
  badAlignment.credentialSubject.achievement.alignment = [{ type: ['Alignment'], targetName: 'Teamwork', targetUrl: 'https://example.com/skills/teamwork', targetType: 'Skill' }];
  const alignment = checkStructure(badAlignment).result;
  assert.equal(alignment.path, '$.credentialSubject.achievement.alignment[0].targetType');
  assert.match(alignment.reason ?? '', /must be one of ceasn:Competency, .*CTDL, or an extension term starting with 'ext:' \(the alignment target type\) \(found "Skill"\)/);

  const extendedAlignment = simple();
  extendedAlignment.credentialSubject.achievement.alignment = [{ type: 'Alignment', targetName: 'Teamwork', targetUrl: 'https://example.com/skills/teamwork', targetType: 'ext:Skill' }];
  assert.equal(checkStructure(extendedAlignment).result.status, 'passed');

  const anonymous = simple();
  delete anonymous.credentialSubject.id;
  const subject = checkStructure(anonymous).result;
  assert.equal(subject.path, '$.credentialSubject');
  assert.match(subject.reason ?? '', /must have id or identifier/);

  const wrongDate = simple();
  wrongDate.validFrom = '2010-01-01';
  assert.match(checkStructure(wrongDate).result.reason ?? '', /^\$\.validFrom must be a date and time with a time zone/);

  const neverValid = simple();
  neverValid.validFrom = '2030-01-01T00:00:00Z';
  neverValid.validUntil = '2029-01-01T00:00:00Z';
  const empty = checkStructure(neverValid).result;
  assert.equal(empty.status, 'failed');
  assert.match(empty.reason ?? '', /validity period is empty/);

  const stringType = simple();
  stringType.credentialSubject.type = 'Achievement';
  assert.match(checkStructure(stringType).result.reason ?? '', /^\$\.credentialSubject\.type must be 'AchievementSubject' \(found "Achievement"\)$/);
});

test('credentials embedded in a CLR, as JSON or as VC-JWTs, are checked against their own model', () => {
  const clr = fixtureJson('clr20', 'simple.json') as { credentialSubject: { verifiableCredential: Array<Record<string, unknown>> } };
  const member = clr.credentialSubject.verifiableCredential[0];
  assert.ok(member);
  delete member.name;
  const outcome = checkStructure(clr);
  assert.equal(outcome.kind, 'ClrCredential');
  assert.equal(outcome.result.path, '$.credentialSubject.verifiableCredential[0].name');

  const withJwt = fixtureJson('clr20', 'simple.json') as { credentialSubject: { verifiableCredential: unknown[] } };
  withJwt.credentialSubject.verifiableCredential = ['not-a.jwt.!'];
  const jwtOutcome = checkStructure(withJwt).result;
  assert.equal(jwtOutcome.status, 'failed');
  assert.equal(jwtOutcome.path, '$.credentialSubject.verifiableCredential[0]');
});

test('endorsements are checked wherever they are embedded', () => {
  const complete = fixtureJson('ob30', 'complete.json') as { issuer: { endorsement: Array<Record<string, unknown>> } };
  const endorsement = complete.issuer.endorsement[0];
  assert.ok(endorsement);
  endorsement.credentialSubject = { id: 'https://1edtech.edu/issuers/565049', type: ['AchievementSubject'] };
  const outcome = checkStructure(complete).result;
  assert.equal(outcome.path, '$.issuer.endorsement[0].credentialSubject.type');
});

test('a plain VC 2.0 credential needs only the base model; the Open Badges 2.0 model is recognized by its context', () => {
  const plain = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'VerifiableCredential', issuer: 'did:example:issuer', credentialSubject: { id: 'did:example:me' } };
  assert.equal(checkStructure(plain).kind, 'VerifiableCredential');
  assert.equal(checkStructure(plain).result.status, 'passed');
  assert.equal(checkStructure({ ...plain, issuer: { name: 'no id' } }).result.reason, '$.issuer.id is required');
  assert.equal(checkStructure({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion' }).kind, 'OpenBadges2Assertion');
  assert.equal(checkStructure([plain]).result.reason, '$ must be a JSON object');
});

test('an Open Badges or CLR credential names its own context right after the VC context', () => {
  const swapped = fixtureJson('ob30', 'simple.json');
  swapped['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
  const outcome = checkStructure(swapped);
  assert.equal(outcome.kind, 'OpenBadgeCredential');
  assert.equal(outcome.result.path, "$['@context'][1]");
  assert.match(outcome.result.reason ?? '', /must be an Open Badges 3\.0 context, right after the VC context \(found "https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/extensions\.json"\)/);

  const clr = fixtureJson('clr20', 'simple.json');
  clr['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
  assert.match(checkStructure(clr).result.reason ?? '', /^\$\['@context'\]\[1\] must be a CLR 2\.0 context/);
  const noOb = fixtureJson('clr20', 'simple.json');
  noOb['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'];
  assert.equal(checkStructure(noOb).result.path, "$['@context']");
  assert.equal(checkStructure(noOb).result.reason?.split(' (found')[0], "$['@context'] must include an Open Badges 3.0 context URL");
});

test('endorsements of the achievement credentials inside a CLR are checked too, by their full path', () => {
  const clr = fixtureJson('clr20', 'complex.json') as { credentialSubject: { verifiableCredential: Array<{ credentialSubject: { achievement: { endorsement: Array<Record<string, unknown>> } } }> } };
  const endorsement = clr.credentialSubject.verifiableCredential[0]?.credentialSubject.achievement.endorsement[0];
  assert.ok(endorsement);
  delete endorsement.credentialSubject;
  assert.equal(checkStructure(clr).result.path, '$.credentialSubject.verifiableCredential[0].credentialSubject.achievement.endorsement[0].credentialSubject');
});
