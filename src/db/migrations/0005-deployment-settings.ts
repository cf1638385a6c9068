/**
 * Settings of the deployment itself, not of any organization: the public URL
 * its credentials were issued under, so that a process started without
 * OPENLER_PUBLIC_URL (the CLI, a restart) keeps issuing under the same
 * identifiers and recognises the issuers and status lists it published.
 */
export const sql = `
CREATE TABLE deployment_settings (
  key         text PRIMARY KEY,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
`;
