import type { Queryable } from '../db/database.js';

/** How often one process purges at most: the deletes ride on token and code issuance, so this bounds their cost. */
export const PURGE_INTERVAL_MS = 60_000;

/**
 * How long a used code is kept after it was issued: as long as the first
 * refresh token of its grant lives, so that a code replayed in that time is
 * still recognised and its grant revoked (RFC 6749 section 4.1.2).
 */
export const USED_CODE_RETENTION_SECONDS = 30 * 24 * 3600;

/** How long an expired code or token is kept: a day, in which a client presenting it is told it expired, not that it is unknown. */
export const EXPIRED_RETENTION_SECONDS = 24 * 3600;

export interface PurgeCounts {
  codes: number;
  tokens: number;
}

/**
 * Deletes what can no longer be used: authorization codes and access and
 * refresh tokens a day past their expiry (EXPIRED_RETENTION_SECONDS), and a
 * used code once USED_CODE_RETENTION_SECONDS have passed since it was issued.
 * A replaced or revoked refresh token that has not expired stays, so that
 * presenting it again still revokes its grant.
 *
 * It runs on the way into issuing a code or tokens, at most once per interval
 * per process: no timer to start or stop, and the tables stay as small as the
 * grants in use. Each delete is one statement on its own, so it holds no lock
 * while waiting for another; rows two processes both delete are simply gone.
 */
export class ExpiredGrantPurger {
  private lastStarted = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: Queryable, private readonly intervalMs = PURGE_INTERVAL_MS) {}

  async purge(): Promise<PurgeCounts> {
    const codes = await this.db.query<{ n: string | number }>(
      `WITH gone AS (
         DELETE FROM oauth_codes
          WHERE (used_at IS NULL AND expires_at < now() - make_interval(secs => $1)) OR created_at < now() - make_interval(secs => $2)
         RETURNING 1)
       SELECT count(*) AS n FROM gone`,
      [EXPIRED_RETENTION_SECONDS, USED_CODE_RETENTION_SECONDS],
    );
    const tokens = await this.db.query<{ n: string | number }>(
      'WITH gone AS (DELETE FROM oauth_tokens WHERE expires_at < now() - make_interval(secs => $1) RETURNING 1) SELECT count(*) AS n FROM gone',
      [EXPIRED_RETENTION_SECONDS],
    );
    return { codes: Number(codes[0]?.n ?? 0), tokens: Number(tokens[0]?.n ?? 0) };
  }

  /** Purges when the interval has passed since this process last started to; the first call always does. */
  async purgeIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastStarted < this.intervalMs) return;
    // Marked before the deletes, so requests arriving meanwhile do not start their own.
    this.lastStarted = now;
    await this.purge();
  }
}
