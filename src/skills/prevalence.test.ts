import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rollUpPrevalence } from './prevalence.js';

const broader = (sourceId: string, targetId: string) => ({ sourceId, targetId, kind: 'broader' });

describe('rollUpPrevalence', () => {
  it('gives a broader skill the largest figure at or below it, through every level', () => {
    const rolled = rollUpPrevalence(
      new Map([['construction-team', 12], ['aviation-team', 30], ['lead-crew', 4], ['cooperate', 2]]),
      [broader('construction-team', 'work-in-teams'), broader('aviation-team', 'work-in-teams'), broader('work-in-teams', 'working-with-others'), broader('cooperate', 'work-in-teams'), { sourceId: 'lead-crew', targetId: 'work-in-teams', kind: 'related' }],
    );
    assert.equal(rolled.get('work-in-teams'), 30);
    assert.equal(rolled.get('working-with-others'), 30);
    assert.equal(rolled.get('construction-team'), 12, 'a narrower skill keeps its own figure');
    assert.equal(rolled.get('cooperate'), 2);
    assert.equal(rolled.get('lead-crew'), 4, 'only broader relations carry figures up');
  });
  it('keeps a broader skill its own figure when that is the largest, and leaves skills without any out', () => {
    const rolled = rollUpPrevalence(new Map([['parent', 50], ['child', 5]]), [broader('child', 'parent'), broader('orphan-child', 'orphan-parent')]);
    assert.equal(rolled.get('parent'), 50);
    assert.equal(rolled.has('orphan-parent'), false);
    assert.equal(rolled.has('orphan-child'), false);
  });
  it('ends on a cycle in the hierarchy', () => {
    const rolled = rollUpPrevalence(new Map([['a', 3], ['b', 7]]), [broader('a', 'b'), broader('b', 'a')]);
    assert.equal(rolled.get('b'), 7);
    assert.ok((rolled.get('a') ?? 0) >= 3);
  });
});
