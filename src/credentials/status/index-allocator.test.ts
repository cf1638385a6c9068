import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_STATUS_LIST_ENTRIES } from './bitstring.js';
import { allocateStatusIndex, type RandomBelow } from './index-allocator.js';
import { rejectsWith } from '../../common/testing.js';


/** A random source that plays back the given values, in order. */
function scripted(values: number[]): RandomBelow {
  let next = 0;
  return () => {
    const value = values[next];
    next += 1;
    if (value === undefined) throw new Error('the script ran out');
    return value;
  };
}

test('indexes are distinct, inside the list, and not handed out in order', () => {
  const used = new Set<number>();
  const order: number[] = [];
  for (let count = 0; count < 2_000; count += 1) {
    const index = allocateStatusIndex(used, MIN_STATUS_LIST_ENTRIES);
    assert.ok(Number.isSafeInteger(index) && index >= 0 && index < MIN_STATUS_LIST_ENTRIES);
    assert.ok(!used.has(index), `index ${index} was already used`);
    used.add(index);
    order.push(index);
  }
  const ascendingSteps = order.slice(1).filter((index, position) => index === (order[position] ?? -2) + 1).length;
  assert.ok(ascendingSteps < 10, `consecutive allocations are not neighbours (${ascendingSteps} of 1,999 were)`);
  const lowHalf = order.filter((index) => index < MIN_STATUS_LIST_ENTRIES / 2).length;
  assert.ok(lowHalf > 800 && lowHalf < 1_200, `spread over the whole list (${lowHalf} of 2,000 in the lower half)`);
});

test('a nearly full list still yields one of its few free indexes', () => {
  const size = 4_096;
  const free = new Set([5, 77, 4_000]);
  const used = new Set<number>();
  for (let index = 0; index < size; index += 1) if (!free.has(index)) used.add(index);
  const seen = new Set<number>();
  for (let run = 0; run < 60; run += 1) {
    const index = allocateStatusIndex(used, size);
    assert.ok(free.has(index), `${index} is free`);
    seen.add(index);
  }
  assert.equal(seen.size, 3, 'each free index can come up');
});

test('after the random draws miss, the k-th free index is taken for a random k', () => {
  const used = new Set([0, 1, 2, 3, 4, 5, 6, 7]);
  const misses = Array.from({ length: 32 }, () => 3);
  assert.equal(allocateStatusIndex(used, 10, scripted([...misses, 1])), 9);
  assert.equal(allocateStatusIndex(used, 10, scripted([...misses, 0])), 8);
  assert.equal(allocateStatusIndex(used, 10, scripted([2, 8])), 8, 'a draw that lands on a free index is taken at once');
});

test('a full list is a conflict; indexes outside the list do not count as used', () => {
  const full = new Set(Array.from({ length: 16 }, (_, index) => index));
  assert.throws(() => allocateStatusIndex(full, 16), rejectsWith('conflict', /status list is full: all 16 indexes are in use/));
  assert.ok(allocateStatusIndex(new Set([...full, 99, -1]), 17) === 16);
});

test('a bad size or a broken random source is reported', () => {
  for (const size of [0, -5, 2.5, Number.NaN]) {
    assert.throws(() => allocateStatusIndex(new Set(), size), rejectsWith('validation_failed', /positive integer/));
  }
  assert.throws(() => allocateStatusIndex(new Set(), 10, () => 10), rejectsWith('internal', /outside \[0, 10\)/));
});
