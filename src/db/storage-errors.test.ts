import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenlerError } from '../common/errors.js';
import { openTestDatabase } from './testing.js';

const nulRefused = (error: unknown) => error instanceof OpenlerError && error.code === 'bad_request' && /NUL character/.test(error.message);

describe('text the database cannot store', () => {
  it('is a bad request, in text and JSON, in and out of transactions, and nothing is written', async () => {
    const db = await openTestDatabase();
    try {
      await db.exec('CREATE TABLE notes (body text, extra jsonb)');
      await assert.rejects(db.query('INSERT INTO notes (body) VALUES ($1)', ['before\u0000after']), nulRefused);
      await assert.rejects(db.query('INSERT INTO notes (extra) VALUES ($1)', [JSON.stringify({ name: 'a\u0000b' })]), nulRefused);
      await assert.rejects(db.query('SELECT 1 FROM notes WHERE body = $1', ['\u0000']), nulRefused);
      await assert.rejects(db.transaction(async (tx) => {
        await tx.query('INSERT INTO notes (body) VALUES ($1)', ['kept?']);
        await tx.query('INSERT INTO notes (body) VALUES ($1)', ['x\u0000']);
      }), nulRefused);
      assert.deepEqual(await db.query('SELECT body FROM notes'), []);
      // Other errors pass unchanged.
      await assert.rejects(db.query('SELECT * FROM no_such_table'), (error: unknown) => !(error instanceof OpenlerError));
    } finally {
      await db.close();
    }
  });
});
