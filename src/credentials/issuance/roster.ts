import { createHash, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { OpenlerError } from '../../common/errors.js';
import type { Database } from '../../db/database.js';
import type { ProofFormat } from '../issuers/model.js';
import type { IssuanceService } from './service.js';

/** One row's outcome. */
export interface RosterRowResult {
  row: number;
  externalId: string;
  outcome: 'issued' | 'skipped' | 'failed';
  credentialId?: string;
  claimUrl?: string;
  reason?: string;
}

export interface RosterReport {
  run: string;
  achievement: string;
  rows: number;
  issued: number;
  skipped: number;
  failed: number;
  results: RosterRowResult[];
}

export interface RosterOptions {
  achievement: string;
  proof?: ProofFormat;
  onProgress?: (done: number, total: number) => void;
}

interface RosterRow {
  external_id?: string;
  email?: string;
  did?: string;
  name?: string;
  narrative?: string;
}

const columns = ['external_id', 'email', 'did', 'name', 'narrative'];

/**
 * Issues one credential per roster row (CSV: external_id, and email and/or
 * did; optional name and narrative). Every row carries its own external ID,
 * so running the same roster again issues nothing twice, and a run cut off
 * midway resumes where it stopped: the rows already issued are skipped. A
 * row whose external ID was issued to another recipient or for another
 * achievement (earlier in this roster, or before) fails with the reason.
 */
export async function issueRoster(db: Database, issuance: IssuanceService, orgId: string, csv: string, options: RosterOptions): Promise<RosterReport> {
  const rows = parseRoster(csv);
  const digest = createHash('sha256').update(csv).digest('hex');
  const runId = `run_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const achievement = await issuance.achievementOf(orgId, options.achievement);
  await db.query(
    `INSERT INTO roster_runs (org_id, id, issuer_id, achievement_id, roster_sha256, state) VALUES ($1, $2, $3, $4, $5, 'running')`,
    [orgId, runId, achievement.issuer, achievement.id, digest],
  );
  const results: RosterRowResult[] = [];
  // The row of this roster that issued (or found) each external ID's credential, to say which row a repeat repeats.
  const awardedAt = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const line = index + 2; // the header is line 1
    const externalId = (row.external_id ?? '').trim();
    try {
      if (!externalId) throw new OpenlerError('validation_failed', 'external_id is empty', { field: 'external_id' });
      const recipient = {
        ...(row.did?.trim() ? { did: row.did.trim() } : {}),
        ...(row.email?.trim() ? { email: row.email.trim() } : {}),
        ...(row.name?.trim() ? { name: row.name.trim() } : {}),
      };
      const issued = await issuance.issue(orgId, {
        achievement: achievement.id,
        recipient,
        externalId,
        ...(row.narrative?.trim() ? { narrative: row.narrative.trim() } : {}),
        ...(options.proof ? { proof: options.proof } : {}),
      });
      const repeats = awardedAt.get(externalId);
      if (repeats === undefined) awardedAt.set(externalId, line);
      results.push(issued.created
        ? { row: line, externalId, outcome: 'issued', credentialId: issued.id, ...(issued.claimUrl ? { claimUrl: issued.claimUrl } : {}) }
        : { row: line, externalId, outcome: 'skipped', credentialId: issued.id, reason: repeats === undefined ? 'already issued' : `already issued: repeats row ${repeats}` });
    } catch (error) {
      // A conflict (the external ID was issued to someone else, or for another achievement) fails the row, never the run.
      if (!(error instanceof OpenlerError) || error.code === 'internal') throw error;
      const repeated = awardedAt.get(externalId);
      const where = repeated !== undefined && error.code === 'conflict' ? ` (row ${repeated} of this roster)` : '';
      results.push({ row: line, externalId, outcome: 'failed', reason: `${error.message}${where}` });
    }
    options.onProgress?.(index + 1, rows.length);
  }
  const report: RosterReport = {
    run: runId,
    achievement: achievement.id,
    rows: rows.length,
    issued: results.filter((result) => result.outcome === 'issued').length,
    skipped: results.filter((result) => result.outcome === 'skipped').length,
    failed: results.filter((result) => result.outcome === 'failed').length,
    results,
  };
  // The stored report leaves out claim links: they are shown once, to whoever ran the roster.
  const stored = { ...report, results: results.map(({ claimUrl: _claimUrl, ...rest }) => rest) };
  await db.query(`UPDATE roster_runs SET state = 'finished', finished_at = now(), report = $2 WHERE id = $1`, [runId, JSON.stringify(stored)]);
  return report;
}

function parseRoster(csv: string): RosterRow[] {
  let records: Array<Record<string, string>>;
  try {
    records = parse(csv, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, bom: true, trim: false }) as Array<Record<string, string>>;
  } catch (error) {
    throw new OpenlerError('validation_failed', `The roster is not valid CSV: ${(error as Error).message}`, { field: 'roster' });
  }
  const header = records.length > 0 ? Object.keys(records[0] as object) : [];
  if (records.length === 0) throw new OpenlerError('validation_failed', 'The roster has no rows', { field: 'roster' });
  const unknown = header.filter((name) => !columns.includes(name));
  if (!header.includes('external_id') || unknown.length > 0) {
    throw new OpenlerError('validation_failed', `Roster columns are external_id and email and/or did, with optional name and narrative${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`, { field: 'roster' });
  }
  return records as RosterRow[];
}
