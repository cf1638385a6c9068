/**
 * The JSON-LD context of the Comprehensive Learner Record Standard 2.0
 * (1EdTech), written by openler from the CLR 2.0 data model because no npm
 * package carries it. It adds to Open Badges 3.0 only what a CLR has of its own:
 *
 * - ClrCredential, with `partial` (the record holds only part of the learner's
 *   achievements);
 * - ClrSubject, the learner, with the achievements, the achievement credentials
 *   that prove them, the associations between achievements and other identifiers;
 * - Association, a directed link (isChildOf, isPartOf, ...) from one
 *   achievement to another.
 *
 * Each term's IRI is the anchor of the term in the published CLR vocabulary,
 * which is what makes a credential expand (and so sign) the same here as
 * anywhere else. For the same reason the datatypes are written `xsd:...` and
 * take whatever `xsd` prefix the contexts before them define: after the VC 1.1
 * and OB 3.0 contexts that is XML Schema; after VC 2.0 and OB 3.0.3 nothing
 * defines it, and `partial` then carries the datatype IRI `xsd:boolean` as
 * written. Every CLR 2.0 signer canonicalises it so, and openler must too.
 */

export const CLR_V2P0_CONTEXT_URL = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

const clrVocabulary = 'https://purl.imsglobal.org/spec/vc/clr/vocab.html#';

/** The IRI of a CLR vocabulary entry. */
function clr(anchor: string): string {
  return clrVocabulary + anchor;
}

/** Keywords every scoped context repeats so `id` and `type` keep their meaning inside it. */
const idAndType = { id: '@id', type: '@type' } as const;

/** A property that holds any number of values. */
function setOf(anchor: string, valueType: string): { '@id': string; '@type': string; '@container': '@set' } {
  return { '@id': clr(anchor), '@type': valueType, '@container': '@set' };
}

const clrCredential = {
  '@id': clr('ClrCredential'),
  '@context': {
    ...idAndType,
    partial: { '@id': clr('partial'), '@type': 'xsd:boolean' },
  },
};

const clrSubject = {
  '@id': clr('ClrSubject'),
  '@context': {
    ...idAndType,
    // Prefixes for the value types the subject's properties borrow from VC and Open Badges.
    cred: 'https://www.w3.org/2018/credentials#',
    obi: 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#',
    identifier: setOf('identifier-1', 'obi:Identifier'),
    achievement: setOf('achievement', 'obi:Achievement'),
    verifiableCredential: setOf('verifiableCredential', 'cred:verifiableCredential'),
    association: setOf('association', clr('Association')),
  },
};

const association = {
  '@id': clr('Association'),
  '@context': {
    associationType: { '@id': clr('AssociationType') },
    sourceId: { '@id': clr('sourceId'), '@type': 'xsd:anyURI' },
    targetId: { '@id': clr('targetId'), '@type': 'xsd:anyURI' },
  },
};

export const clrV2p0Context: { '@context': Record<string, unknown> } = {
  '@context': {
    ...idAndType,
    ClrCredential: clrCredential,
    ClrSubject: clrSubject,
    Association: association,
  },
};
