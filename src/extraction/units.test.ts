import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from './scan.js';
import { describedUnits } from './units.js';

/** The text of each unit, as the semantic layer reads it. */
function units(text: string): string[] {
  const scanned = scan(text);
  const bounds = describedUnits(text, scanned);
  return bounds.slice(0, -1).map((first, k) => scanned.words.slice(first, bounds[k + 1]).join(' '));
}

describe('describedUnits', () => {
  it('splits at sentence ends', () => {
    assert.deepEqual(units('Write code. Review pulls!'), ['write code', 'review pulls']);
  });
  it('starts a unit at each bulleted line, whatever the line before ends with', () => {
    assert.deepEqual(units('What you will do\n- Write code\n* Review pulls\n• Ship it'), ['what you will do', 'write code', 'review pulls', 'ship it']);
  });
  it('starts a unit at a line opening with a capital or a digit: headings and list items', () => {
    assert.deepEqual(units('EDUCATION\nBSN, State University\n2019 Staff Nurse'), ['education', 'bsn state university', '2019 staff nurse']);
  });
  it('keeps a wrapped sentence whole', () => {
    assert.deepEqual(units('Experience with\nPython and SQL'), ['experience with python and sql']);
    assert.deepEqual(units('Spark, Kafka,\nAirflow and dbt'), ['spark kafka airflow and dbt']);
    assert.deepEqual(units('keep the books balanced\nand prepare statements'), ['keep the books balanced and prepare statements']);
  });
});
