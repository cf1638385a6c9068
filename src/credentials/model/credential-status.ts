import { Type, type Static } from 'typebox';
import { Uri } from './primitives.js';

/** Where a verifier learns whether a credential is revoked or suspended; `type` names the method. */
export const CredentialStatus = Type.Object(
  {
    id: Type.Optional(Uri),
    type: Type.String({ description: "The status method, e.g. 'BitstringStatusListEntry'" }),
  },
  { description: 'A credential status entry' },
);
export type CredentialStatus = Static<typeof CredentialStatus>;

export const statusPurposes = ['revocation', 'suspension', 'refresh', 'message'] as const;

/**
 * A position in a Bitstring Status List credential (W3C Bitstring Status List
 * v1.0). The index is a decimal string; a plain number is also accepted because
 * issuers in the wild write it so.
 */
export const BitstringStatusListEntry = Type.Object(
  {
    id: Type.Optional(Uri),
    type: Type.Literal('BitstringStatusListEntry'),
    statusPurpose: Type.String({ description: `What the bit means: ${statusPurposes.join(', ')}` }),
    statusListIndex: Type.Union([Type.String({ pattern: '^[0-9]+$' }), Type.Integer({ minimum: 0 })], {
      description: 'the position of the bit: a non-negative integer, written as a decimal string',
    }),
    statusListCredential: Type.String({ format: 'uri', description: 'The URL of the status list credential' }),
    statusSize: Type.Optional(Type.Integer({ minimum: 1, description: 'Bits per entry; 1 when absent' })),
    statusMessage: Type.Optional(Type.Array(Type.Object({ status: Type.String(), message: Type.String() }))),
    statusReference: Type.Optional(Type.Union([Uri, Type.Array(Uri)])),
  },
  { description: 'A Bitstring Status List entry' },
);
export type BitstringStatusListEntry = Static<typeof BitstringStatusListEntry>;
