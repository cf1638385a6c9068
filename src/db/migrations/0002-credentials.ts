/**
 * Verifiable credentials: issuers and their keys (private halves sealed under
 * the master key), achievements, issued credentials, the status lists that
 * revoke or suspend them, claim links, and roster runs. Every table carries
 * `org_id`; issued credentials are never deleted, only revoked.
 */
export const sql = `
CREATE TABLE issuers (
  org_id          text NOT NULL REFERENCES organizations(id),
  id              text PRIMARY KEY,
  name            text NOT NULL,
  url             text,
  email           text,
  image           text,
  description     text,
  identifier_kind text NOT NULL CHECK (identifier_kind IN ('https', 'did:web', 'did:key')),
  default_proof   text NOT NULL CHECK (default_proof IN ('eddsa-rdfc-2022', 'jwt-eddsa', 'jwt-rs256')),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issuers_org ON issuers (org_id);

CREATE TABLE issuer_keys (
  org_id              text NOT NULL REFERENCES organizations(id),
  issuer_id           text NOT NULL REFERENCES issuers(id),
  key_id              text NOT NULL,
  algorithm           text NOT NULL CHECK (algorithm IN ('Ed25519', 'RS256')),
  public_key          jsonb NOT NULL,
  sealed_private_key  jsonb NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  retired_at          timestamptz,
  PRIMARY KEY (issuer_id, key_id)
);

CREATE TABLE achievements (
  org_id      text NOT NULL REFERENCES organizations(id),
  id          text PRIMARY KEY,
  issuer_id   text NOT NULL REFERENCES issuers(id),
  document    jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX achievements_issuer ON achievements (issuer_id);

CREATE TABLE status_lists (
  org_id      text NOT NULL REFERENCES organizations(id),
  id          text PRIMARY KEY,
  issuer_id   text NOT NULL REFERENCES issuers(id),
  purpose     text NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  size        integer NOT NULL,
  bits        bytea NOT NULL,
  used        integer NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_lists_issuer ON status_lists (issuer_id, purpose);

CREATE TABLE credentials (
  org_id            text NOT NULL REFERENCES organizations(id),
  id                text PRIMARY KEY,
  issuer_id         text NOT NULL REFERENCES issuers(id),
  achievement_id    text REFERENCES achievements(id),
  type              text NOT NULL,
  external_id       text,
  recipient         jsonb NOT NULL,
  proof_format      text NOT NULL,
  document          jsonb NOT NULL,
  jwt               text,
  revocation_list   text REFERENCES status_lists(id),
  revocation_index  integer,
  suspension_list   text REFERENCES status_lists(id),
  suspension_index  integer,
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'suspended')),
  status_reason     text,
  issued_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer_id, external_id),
  UNIQUE (revocation_list, revocation_index),
  UNIQUE (suspension_list, suspension_index)
);
CREATE INDEX credentials_org_issued ON credentials (org_id, issued_at);

CREATE TABLE claim_links (
  token_hash     text PRIMARY KEY,
  org_id         text NOT NULL REFERENCES organizations(id),
  credential_id  text NOT NULL REFERENCES credentials(id),
  expires_at     timestamptz NOT NULL,
  claimed_at     timestamptz
);
CREATE INDEX claim_links_credential ON claim_links (credential_id);

CREATE TABLE roster_runs (
  org_id          text NOT NULL REFERENCES organizations(id),
  id              text PRIMARY KEY,
  issuer_id       text NOT NULL REFERENCES issuers(id),
  achievement_id  text NOT NULL REFERENCES achievements(id),
  roster_sha256   text NOT NULL,
  state           text NOT NULL CHECK (state IN ('running', 'finished')),
  report          jsonb NOT NULL DEFAULT '{}'::jsonb,
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
`;
