/**
 * Organizations, access, and the versioned skills libraries.
 * Every table that holds an organization's data carries `org_id` (the future
 * distribution column); public libraries belong to the `openler` system org.
 */
export const sql = `
CREATE TABLE organizations (
  id          text PRIMARY KEY,
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('system', 'institution', 'employer', 'other')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  org_id      text NOT NULL REFERENCES organizations(id),
  id          text NOT NULL,
  email       text NOT NULL,
  name        text NOT NULL DEFAULT '',
  role        text NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, email)
);

CREATE TABLE api_keys (
  org_id       text NOT NULL REFERENCES organizations(id),
  id           text NOT NULL,
  name         text NOT NULL,
  secret_hash  text NOT NULL,
  scopes       text[] NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  last_used_at timestamptz,
  PRIMARY KEY (id)
);
CREATE INDEX api_keys_org ON api_keys (org_id);

CREATE TABLE libraries (
  org_id       text NOT NULL REFERENCES organizations(id),
  id           text PRIMARY KEY,
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  license      text NOT NULL DEFAULT '',
  source       text NOT NULL DEFAULT '',
  url          text NOT NULL DEFAULT '',
  visibility   text NOT NULL CHECK (visibility IN ('public', 'private')),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- A release of a library. Immutable once written: a new release gets a new row.
CREATE TABLE library_versions (
  org_id       text NOT NULL,
  library_id   text NOT NULL REFERENCES libraries(id),
  version      text NOT NULL,
  seq          integer NOT NULL,
  released_at  timestamptz NOT NULL DEFAULT now(),
  notes        text NOT NULL DEFAULT '',
  skill_count  integer NOT NULL,
  content_hash text NOT NULL,
  PRIMARY KEY (library_id, version),
  UNIQUE (library_id, seq)
);

-- One row per state of a skill: valid from release seq first_seq up to and
-- including last_seq (NULL while it is still current). A release writes only
-- the skills it adds or changes.
CREATE TABLE skill_revisions (
  org_id       text NOT NULL,
  library_id   text NOT NULL REFERENCES libraries(id),
  skill_id     text NOT NULL,
  first_seq    integer NOT NULL,
  last_seq     integer,
  name         text NOT NULL,
  type         text NOT NULL CHECK (type IN ('specialized', 'common', 'certification')),
  category     text NOT NULL DEFAULT '',
  subcategory  text NOT NULL DEFAULT '',
  description  text NOT NULL DEFAULT '',
  is_software  boolean NOT NULL DEFAULT false,
  is_language  boolean NOT NULL DEFAULT false,
  aliases      jsonb NOT NULL DEFAULT '[]',
  tags         jsonb NOT NULL DEFAULT '[]',
  source       text NOT NULL DEFAULT '',
  status       text NOT NULL DEFAULT 'active',
  extra        jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (library_id, skill_id, first_seq)
);
CREATE INDEX skill_revisions_current ON skill_revisions (library_id, last_seq);

-- A skill retired in release seq and merged into another: its ID now answers with the successor.
CREATE TABLE skill_redirects (
  org_id      text NOT NULL,
  library_id  text NOT NULL REFERENCES libraries(id),
  from_id     text NOT NULL,
  to_id       text NOT NULL,
  seq         integer NOT NULL,
  PRIMARY KEY (library_id, from_id)
);

-- Relations between skills of one release (e.g. ESCO broader/essential/optional).
CREATE TABLE skill_relations (
  org_id      text NOT NULL,
  library_id  text NOT NULL REFERENCES libraries(id),
  seq         integer NOT NULL,
  source_id   text NOT NULL,
  target_id   text NOT NULL,
  kind        text NOT NULL,
  PRIMARY KEY (library_id, seq, source_id, target_id, kind)
);

INSERT INTO organizations (id, slug, name, kind) VALUES ('org_openler', 'openler', 'openler', 'system');
`;
