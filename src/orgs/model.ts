import { Type, type Static } from 'typebox';

export const OrganizationKind = Type.Union([Type.Literal('institution'), Type.Literal('employer'), Type.Literal('other')]);
export type OrganizationKind = Static<typeof OrganizationKind>;

export const Organization = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    kind: Type.Union([OrganizationKind, Type.Literal('system')]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  
);
export type Organization = Static<typeof Organization>;

export const UserRole = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member'), Type.Literal('viewer')]);
export type UserRole = Static<typeof UserRole>;

export const User = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: UserRole,
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

/**
 * What an API key may do. Reading public libraries needs no key at all.
 * skills:read   read the organization's private libraries
 * skills:write  publish releases of the organization's libraries
 * org:admin     manage the organization's users and keys
 * credentials:issue  manage issuers and achievements, issue, revoke and suspend credentials
 */
export const apiKeyScopes = ['skills:read', 'skills:write', 'org:admin', 'credentials:issue'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const ApiKey = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiKey = Static<typeof ApiKey>;

/** The caller an API key stands for. */
export interface Principal {
  orgId: string;
  keyId: string;
  scopes: readonly ApiKeyScope[];
}
