/**
 * The Open Badges 3.0 and CLR 2.0 data models on W3C Verifiable Credentials
 * (2.0, and 1.1 for early issuers), plus Open Badges 2.0 assertions, as
 * TypeBox schemas: they type the code, validate credentials and feed the
 * OpenAPI document.
 */
export * from './contexts.js';
export * from './primitives.js';
export * from './image.js';
export * from './identifier-type.js';
export * from './identity-object.js';
export * from './identifier-entry.js';
export * from './address.js';
export * from './alignment.js';
export * from './criteria.js';
export * from './evidence.js';
export * from './related.js';
export * from './result-description.js';
export * from './result.js';
export * from './proof.js';
export * from './credential-status.js';
export * from './verifiable-credential.js';
export * from './credential-contexts.js';
export * from './profile.js';
export * from './endorsement-credential.js';
export * from './achievement-type.js';
export * from './achievement.js';
export * from './achievement-subject.js';
export * from './achievement-credential.js';
export * from './association.js';
export * from './clr-subject.js';
export * from './clr-credential.js';
export * from './ob2-assertion.js';
