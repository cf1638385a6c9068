import { type Static } from 'typebox';
import { extensibleEnum } from './primitives.js';

/** The kinds of identifier a recipient or organization can be known by. */
export const identifierTypes = [
  'name',
  'sourcedId',
  'systemId',
  'productId',
  'userName',
  'accountId',
  'emailAddress',
  'nationalIdentityNumber',
  'isbn',
  'issn',
  'lisSourcedId',
  'oneRosterSourcedId',
  'sisSourcedId',
  'ltiContextId',
  'ltiDeploymentId',
  'ltiToolId',
  'ltiPlatformId',
  'ltiUserId',
  'identifier',
] as const;

export const IdentifierType = extensibleEnum(identifierTypes, 'the identifier type');
export type IdentifierType = Static<typeof IdentifierType>;
