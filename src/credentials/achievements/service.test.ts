import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import { contextOn, type Context } from '../../context.js';
import { openTestDatabase } from '../../db/testing.js';
import { MasterKey } from '../keys/master-key.js';
import { IssuerService } from '../issuers/service.js';
import { AchievementService } from './service.js';

describe('AchievementService', () => {
  let context: Context;
  let achievements: AchievementService;
  let issuers: IssuerService;
  let orgId: string;
  before(async () => {
    context = await contextOn(await openTestDatabase());
    orgId = (await context.orgs.create({ slug: 'state-college', name: 'State College', kind: 'institution' })).id;
    const masterKey = new MasterKey(randomBytes(32), { kind: 'environment' });
    issuers = new IssuerService(context.db, { publicUrl: 'https://openler.college.example', masterKey: async () => masterKey });
    achievements = new AchievementService(context.db, context.catalog, issuers, 'https://openler.college.example');
  });
  after(async () => context.close());

  it('aligns an achievement to the skills it evidences, with their public URLs, IDs and library release', async () => {
    const issuer = await issuers.create(orgId, { name: 'State College' });
    const python = (await context.catalog.search({}, { q: 'Python', limit: 1, offset: 0 }, null)).hits[0]?.skill;
    const sql = (await context.catalog.search({}, { q: 'SQL', limit: 1, offset: 0 }, null)).hits[0]?.skill;
    assert.ok(python && sql);
    const created = await achievements.create(orgId, {
      issuer: issuer.id,
      name: 'Data Programming I',
      description: 'Programming with data in Python and SQL.',
      achievementType: 'Course',
      criteria: { narrative: 'Pass the course with a C or better.' },
      creditsAvailable: 3,
      fieldOfStudy: 'Computer Science',
      skills: [{ id: python.id }, { id: sql.id, library: 'openler' }, { id: python.id }],
    });
    const achievement = created.achievement;
    assert.equal(achievement.id, `https://openler.college.example/achievements/${created.id}`);
    assert.deepEqual(achievement.type, ['Achievement']);
    assert.equal(achievement.achievementType, 'Course');
    assert.equal(achievement.creditsAvailable, 3);
    const alignment = achievement.alignment as Array<Record<string, string>>;
    assert.equal(alignment.length, 2, 'a skill named twice is aligned once');
    const first = alignment[0] as Record<string, string>;
    assert.equal(first.targetCode, python.id);
    assert.equal(first.targetName, python.name);
    assert.equal(first.targetType, 'ceasn:Competency');
    const version = context.catalog.resolve({}, null).version.version;
    assert.equal(first.targetUrl, `https://openler.college.example/v1/skills/${python.id}?library=openler&version=${version}`);
    assert.match(first.targetFramework ?? '', new RegExp(`${version}$`));
    assert.deepEqual((await achievements.get(orgId, created.id)).achievement, achievement);
    assert.deepEqual((await achievements.list(orgId)).map((entry) => entry.id), [created.id]);
  });

  it('refuses unknown skills with suggestions, missing criteria, and another organization\'s issuer', async () => {
    const issuer = await issuers.create(orgId, { name: 'Registrar' });
    await assert.rejects(
      achievements.create(orgId, { issuer: issuer.id, name: 'X', description: 'Y', criteria: { narrative: 'Z' }, skills: [{ id: 'OSNOTAREALSKILL0' }] }),
      (error: unknown) => error instanceof OpenlerError && error.code === 'not_found' && error.details.field === 'skills[0]',
    );
    await assert.rejects(achievements.create(orgId, { issuer: issuer.id, name: 'X', description: 'Y', criteria: {} }), (error: unknown) => error instanceof OpenlerError && error.details.field === 'criteria');
    // Links signed into credentials must be web links: wallets render them.
    await assert.rejects(achievements.create(orgId, { issuer: issuer.id, name: 'X', description: 'Y', criteria: { id: 'javascript:alert(1)' } }), (error: unknown) => error instanceof OpenlerError && error.details.field === 'criteria.id');
    await assert.rejects(achievements.create(orgId, { issuer: issuer.id, name: 'X', description: 'Y', criteria: { narrative: 'Z' }, image: 'file:///etc/passwd' }), (error: unknown) => error instanceof OpenlerError && error.details.field === 'image');
    const dataImage = await achievements.create(orgId, { issuer: issuer.id, name: 'X', description: 'Y', criteria: { narrative: 'Z' }, image: 'data:image/png;base64,iVBORw0KGgo=' });
    assert.deepEqual(dataImage.achievement.image, { id: 'data:image/png;base64,iVBORw0KGgo=', type: 'Image' });
    const other = (await context.orgs.create({ slug: 'acme', name: 'Acme', kind: 'employer' })).id;
    await assert.rejects(achievements.create(other, { issuer: issuer.id, name: 'X', description: 'Y', criteria: { narrative: 'Z' } }), (error: unknown) => error instanceof OpenlerError && error.code === 'not_found');
  });
});
