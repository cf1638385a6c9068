/**
 * The Open Badges 3.0 REST API: OAuth 2.0 clients registered dynamically, the
 * one-time authorization codes and the access and refresh tokens they grant
 * (only hashes of secrets, codes and tokens are stored), the credentials
 * clients upsert for an organization, and the organization's profile edits.
 */
export const sql = `
-- Clients register themselves, for no organization: like public libraries they belong to the system org.
CREATE TABLE oauth_clients (
  org_id       text NOT NULL DEFAULT 'org_openler' REFERENCES organizations(id),
  id           text PRIMARY KEY,
  secret_hash  text NOT NULL,
  metadata     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- One authorization: its code is exchanged once; its grant_id ties together every token it leads to.
CREATE TABLE oauth_codes (
  code_hash       text PRIMARY KEY,
  org_id          text NOT NULL REFERENCES organizations(id),
  client_id       text NOT NULL REFERENCES oauth_clients(id),
  grant_id        text NOT NULL,
  redirect_uri    text NOT NULL,
  redirect_given  boolean NOT NULL,
  scopes          text[] NOT NULL,
  code_challenge  text NOT NULL,
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_tokens (
  token_hash  text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('access', 'refresh')),
  org_id      text NOT NULL REFERENCES organizations(id),
  client_id   text NOT NULL REFERENCES oauth_clients(id),
  grant_id    text NOT NULL,
  scopes      text[] NOT NULL,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);

-- Credentials a client upserted for an organization, keyed by the credential's own id.
CREATE TABLE ob_credentials (
  org_id         text NOT NULL REFERENCES organizations(id),
  credential_id  text NOT NULL,
  document       jsonb NOT NULL,
  jwt            text,
  issued_at      timestamptz NOT NULL,
  client_id      text REFERENCES oauth_clients(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, credential_id)
);
CREATE INDEX ob_credentials_org_issued ON ob_credentials (org_id, issued_at);

-- What an organization's clients set through PUT /profile, laid over what openler knows of it.
CREATE TABLE ob_profiles (
  org_id      text PRIMARY KEY REFERENCES organizations(id),
  fields      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
`;
