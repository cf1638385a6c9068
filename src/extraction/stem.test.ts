import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stem } from './stem.js';

describe('stem', () => {
  it('brings inflected and derived forms together', () => {
    const groups = [
      ['manage', 'managed', 'managing', 'management', 'manages'],
      ['budget', 'budgets', 'budgeting'],
      ['analysis', 'analyze', 'analyzing', 'analysed', 'analyses'],
      ['plan', 'planning', 'planned', 'plans'],
      ['optimize', 'optimizing', 'optimization', 'optimise'],
      ['process', 'processes', 'processing'],
      ['database', 'databases'],
    ];
    for (const group of groups) assert.equal(new Set(group.map(stem)).size, 1, group.join(', '));
  });
  it('leaves short words, symbols and unrelated words alone', () => {
    assert.equal(stem('c++'), 'c++');
    assert.equal(stem('node.js'), 'node.js');
    assert.equal(stem('go'), 'go');
    assert.notEqual(stem('excel'), stem('excellent'));
    assert.equal(stem('access'), 'access');
  });
});
