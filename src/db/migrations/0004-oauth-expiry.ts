/**
 * The purge of expired OAuth codes and tokens (src/oauth/purge.ts) selects by
 * expiry and, for used codes, by age: indexes on those columns keep each
 * purge proportional to what it deletes rather than to the size of the tables.
 */
export const sql = `
CREATE INDEX oauth_codes_expires ON oauth_codes (expires_at);
CREATE INDEX oauth_codes_created ON oauth_codes (created_at);
CREATE INDEX oauth_tokens_expires ON oauth_tokens (expires_at);
`;
