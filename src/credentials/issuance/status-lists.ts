import { randomInt, randomUUID } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';
import type { Queryable } from '../../db/database.js';
import { MIN_STATUS_LIST_ENTRIES, StatusBitstring } from '../status/bitstring.js';
import type { StatusPurpose } from '../status/status-list-credential.js';

/** Entries per list: the Bitstring Status List minimum, so one credential hides among 131,072. */
export const STATUS_LIST_SIZE = MIN_STATUS_LIST_ENTRIES;

export interface StatusAllocation {
  listId: string;
  index: number;
}

interface ListRow {
  id: string;
  size: number;
  used: number;
}

/**
 * An issuer's status lists in the database: each is a bitstring where a set
 * bit revokes (or suspends) the credential that holds that index. Indexes are
 * drawn at random among the free ones, so neighbours in a list say nothing
 * about when or to whom credentials were issued.
 */
export async function reserveStatusIndex(tx: Queryable, orgId: string, issuerId: string, purpose: StatusPurpose): Promise<StatusAllocation> {
  // One issuer's allocations are serialised; different issuers never wait on each other.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`status:${issuerId}:${purpose}`]);
  let list = (await tx.query<ListRow>(
    'SELECT id, size, used FROM status_lists WHERE issuer_id = $1 AND purpose = $2 AND used < size * 3 / 4 ORDER BY updated_at DESC LIMIT 1',
    [issuerId, purpose],
  ))[0];
  if (list === undefined) {
    const id = `sl_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await tx.query('INSERT INTO status_lists (org_id, id, issuer_id, purpose, size, bits) VALUES ($1, $2, $3, $4, $5, $6)', [orgId, id, issuerId, purpose, STATUS_LIST_SIZE, Buffer.alloc(STATUS_LIST_SIZE / 8)]);
    list = { id, size: STATUS_LIST_SIZE, used: 0 };
  }
  const column = purpose === 'revocation' ? 'revocation' : 'suspension';
  // A list is retired at three quarters full, so a random draw finds a free index within a few tries.
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const index = randomInt(list.size);
    const taken = await tx.query(`SELECT 1 FROM credentials WHERE ${column}_list = $1 AND ${column}_index = $2`, [list.id, index]);
    if (taken.length === 0) {
      await tx.query('UPDATE status_lists SET used = used + 1 WHERE id = $1', [list.id]);
      return { listId: list.id, index };
    }
  }
  throw new OpenlerError('internal', `Could not find a free index in status list ${list.id}`);
}

/** Sets or clears one credential's bit. */
export async function setStatusBit(tx: Queryable, listId: string, index: number, value: boolean): Promise<void> {
  const rows = await tx.query<{ bits: Uint8Array }>('SELECT bits FROM status_lists WHERE id = $1 FOR UPDATE', [listId]);
  const row = rows[0];
  if (row === undefined) throw new OpenlerError('internal', `No status list ${listId}`);
  const list = StatusBitstring.fromBytes(row.bits);
  list.set(index, value);
  await tx.query('UPDATE status_lists SET bits = $2, updated_at = now() WHERE id = $1', [listId, Buffer.from(list.toBytes())]);
}

export interface StoredStatusList {
  id: string;
  orgId: string;
  issuerId: string;
  purpose: StatusPurpose;
  size: number;
  list: StatusBitstring;
  updatedAt: string;
}

export async function readStatusList(db: Queryable, listId: string): Promise<StoredStatusList> {
  const rows = await db.query<{ id: string; org_id: string; issuer_id: string; purpose: StatusPurpose; size: number; bits: Uint8Array; updated_at: Date | string }>(
    'SELECT id, org_id, issuer_id, purpose, size, bits, updated_at FROM status_lists WHERE id = $1',
    [listId],
  );
  const row = rows[0];
  if (row === undefined) throw new OpenlerError('not_found', `No status list ${listId}`, { field: 'id' });
  return { id: row.id, orgId: row.org_id, issuerId: row.issuer_id, purpose: row.purpose, size: row.size, list: StatusBitstring.fromBytes(row.bits), updatedAt: new Date(row.updated_at).toISOString() };
}
