import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { table } from './output.js';

describe('table', () => {
  const uri = 'http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab-with-a-long-tail';
  const name = 'a skill name long enough to pass the sixty character column limit of the table';

  it('shows an ID whole, however long, so that it can be copied', () => {
    const lines = table([[uri, 'Python']], ['ID', 'NAME']).split('\n');
    assert.ok(lines[1]?.startsWith(`${uri}  Python`), lines[1]);
    assert.ok(!lines.join('\n').includes('…'));
  });

  it('cuts long free text with an ellipsis, and keeps the columns aligned', () => {
    const lines = table([['S1', name], ['S22', 'short']], ['ID', 'NAME']).split('\n');
    assert.equal(lines[1], `S1   ${name.slice(0, 59)}…`);
    assert.equal(lines[2], 'S22  short');
  });
});
