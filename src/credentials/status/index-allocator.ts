import { randomInt } from 'node:crypto';
import { OpenlerError } from '../../common/errors.js';

/**
 * Picking a credential's position in a status list. Positions are drawn at
 * random among the free ones, never handed out in order: sequential indexes
 * would let anyone who sees two credentials tell which was issued first and
 * roughly how many came between (Bitstring Status List, "Privacy
 * Considerations"). The choice depends only on its inputs and the random
 * source, which tests can replace.
 */

/** A uniform random integer in [0, exclusiveMax). */
export type RandomBelow = (exclusiveMax: number) => number;

const cryptoRandomBelow: RandomBelow = (exclusiveMax) => randomInt(exclusiveMax);

/** Random draws tried before walking the list; a list this full is rare, so the walk is too. */
const RANDOM_ATTEMPTS = 32;

function draw(random: RandomBelow, exclusiveMax: number): number {
  const value = random(exclusiveMax);
  if (!Number.isSafeInteger(value) || value < 0 || value >= exclusiveMax) {
    throw new OpenlerError('internal', `The random source returned ${value}, outside [0, ${exclusiveMax})`);
  }
  return value;
}

/** A random index of the list that is not in `used`; a conflict when the list is full. */
export function allocateStatusIndex(used: ReadonlySet<number>, listSize: number, random: RandomBelow = cryptoRandomBelow): number {
  if (!Number.isSafeInteger(listSize) || listSize <= 0) {
    throw new OpenlerError('validation_failed', `A status list size is a positive integer (got ${listSize})`, { field: 'listSize' });
  }
  let usedInList = 0;
  for (const index of used) if (Number.isSafeInteger(index) && index >= 0 && index < listSize) usedInList += 1;
  const free = listSize - usedInList;
  if (free === 0) {
    throw new OpenlerError('conflict', `The status list is full: all ${listSize.toLocaleString('en-US')} indexes are in use; start a new list`, { field: 'listSize' });
  }
  // Uniform over the free indexes either way: a draw that lands on a free index, or else the k-th free index for a random k.
  for (let attempt = 0; attempt < RANDOM_ATTEMPTS; attempt += 1) {
    const candidate = draw(random, listSize);
    if (!used.has(candidate)) return candidate;
  }
  let remaining = draw(random, free);
  for (let index = 0; index < listSize; index += 1) {
    if (used.has(index)) continue;
    if (remaining === 0) return index;
    remaining -= 1;
  }
  throw new OpenlerError('internal', 'A free status list index was counted but not found');
}
