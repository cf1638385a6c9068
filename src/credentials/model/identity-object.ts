import { Type, type Static } from 'typebox';
import { IdentifierType } from './identifier-type.js';
import { typeExactly } from './primitives.js';

/**
 * A recipient identified by something other than a DID, e.g. an email address.
 * With `hashed` true, `identityHash` is 'sha256$' or 'md5$' followed by the hex
 * digest of the identity concatenated with `salt`.
 */
export const IdentityObject = Type.Object(
  {
    type: typeExactly('IdentityObject'),
    hashed: Type.Boolean({ description: 'Whether identityHash is a hash rather than the plain identity' }),
    identityHash: Type.String({ description: "The plain identity, or 'sha256$' + hex digest of identity + salt" }),
    identityType: IdentifierType,
    salt: Type.Optional(Type.String({ description: 'Appended to the identity before hashing' })),
  },
  { description: 'A recipient identity, plain or salted and hashed' },
);
export type IdentityObject = Static<typeof IdentityObject>;
