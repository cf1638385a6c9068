import { createHash } from 'node:crypto';
import { obV3Context, vcV2Context } from '../model/contexts.js';
import { buildStatusEntry } from '../status/status-list-credential.js';

/**
 * Unsigned Open Badges 3.0 credentials shaped the way openler's issuance
 * builds them (VC 2.0 and OB 3.0.3 contexts, the issuer's profile, an
 * AchievementSubject whose achievement aligns to skills, revocation and
 * suspension status entries), for the batch tests and the credentials bench.
 * Deterministic: the same arguments give the same credential.
 */

type JsonObject = Record<string, unknown>;

export interface SampleSkill {
  id: string;
  name: string;
  description?: string;
}

export interface SampleIssuer {
  id: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
}

export interface SampleRecipient {
  did?: string;
  email?: string;
}

export interface SampleCredentialInput {
  publicUrl: string;
  issuer: SampleIssuer;
  achievement: { name: string; description: string; narrative?: string; achievementType?: string; skills: readonly SampleSkill[]; library?: string };
  recipient: SampleRecipient;
  /** The credential's number in the batch: its id and its status list indexes come from it. */
  serial: number;
  validFrom?: string;
  validUntil?: string;
  narrative?: string;
}

/** Skills in the manner of a skills library release (names and descriptions written for these samples). */
export const sampleSkills: readonly SampleSkill[] = [
  { id: 'c1d4a7e2-0b5f-4c61-9a7e-2f3b8d6e1a01', name: 'analyse data sets', description: 'Clean, explore and summarise structured data to answer a question.' },
  { id: '5e2b9c10-7d43-4e8a-b1f6-93c0a4d2e702', name: 'use a programming language for data work', description: 'Write scripts that load, transform and chart data.' },
  { id: '9a6f3e21-c8b7-45d0-8e1a-6b2d7f4c0e03', name: 'present findings', description: 'Explain results to people who did not do the analysis.' },
];

function profile(issuer: SampleIssuer): JsonObject {
  const fields: JsonObject = { id: issuer.id, type: ['Profile'], name: issuer.name };
  if (issuer.url) fields.url = issuer.url;
  if (issuer.email) fields.email = issuer.email;
  if (issuer.description) fields.description = issuer.description;
  return fields;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** A UUID-shaped id that depends only on the text (credential ids in samples are stable). */
function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function sampleOpenBadgeCredential(input: SampleCredentialInput): JsonObject {
  const base = withSlash(input.publicUrl);
  const library = input.achievement.library ?? 'esco';
  const alignment = input.achievement.skills.map((skill) => {
    const targetUrl = new URL(`v1/skills/${encodeURIComponent(skill.id)}`, base);
    targetUrl.searchParams.set('library', library);
    targetUrl.searchParams.set('version', '1.2.0');
    return {
      type: ['Alignment'],
      targetName: skill.name,
      ...(skill.description ? { targetDescription: skill.description } : {}),
      targetUrl: targetUrl.href,
      targetCode: skill.id,
      targetFramework: `ESCO 1.2.0`,
      targetType: 'ceasn:Competency',
    };
  });
  const issuer = profile(input.issuer);
  const achievement: JsonObject = {
    id: new URL(`achievements/ach_${stableUuid(input.achievement.name).slice(0, 8)}`, base).href,
    type: ['Achievement'],
    name: input.achievement.name,
    description: input.achievement.description,
    criteria: { narrative: input.achievement.narrative ?? 'Complete the assessed project.' },
    achievementType: input.achievement.achievementType ?? 'Badge',
    creator: issuer,
  };
  if (alignment.length > 0) achievement.alignment = alignment;
  const subject: JsonObject = {};
  if (input.recipient.did) subject.id = input.recipient.did;
  subject.type = ['AchievementSubject'];
  if (input.recipient.email) {
    const salt = createHash('sha256').update(`salt ${input.serial}`).digest('hex').slice(0, 32);
    subject.identifier = [{
      type: 'IdentityObject',
      identityHash: `sha256$${createHash('sha256').update(input.recipient.email.trim().toLowerCase() + salt).digest('hex')}`,
      identityType: 'emailAddress',
      hashed: true,
      salt,
    }];
  }
  subject.achievement = achievement;
  if (input.narrative) subject.narrative = input.narrative;
  const statusList = (purpose: 'revocation' | 'suspension', listId: string, index: number): JsonObject => ({
    ...buildStatusEntry({ listUrl: new URL(`status-lists/${listId}`, base).href, statusPurpose: purpose, index }),
  });
  return {
    '@context': [vcV2Context, obV3Context],
    id: `urn:uuid:${stableUuid(`${input.issuer.id} ${input.serial}`)}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.achievement.name,
    issuer,
    validFrom: input.validFrom ?? '2025-03-01T09:00:00Z',
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    credentialSubject: subject,
    credentialStatus: [statusList('revocation', 'rev-1', input.serial * 2 + 1), statusList('suspension', 'sus-1', input.serial * 3 + 2)],
  };
}

/** A batch of credentials for one achievement with three skill alignments, to recipients by DID and by email in turn. */
export function sampleBatch(issuer: SampleIssuer, count: number, publicUrl = 'https://openler.example.edu'): JsonObject[] {
  return Array.from({ length: count }, (_, serial) => sampleOpenBadgeCredential({
    publicUrl,
    issuer,
    achievement: { name: 'Data Analysis Foundations', description: 'Analyses a real data set and presents what it shows.', skills: sampleSkills },
    recipient: serial % 2 === 0 ? { did: `did:example:learner-${serial}` } : { email: `learner${serial}@example.edu` },
    serial,
  }));
}
