import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { OpenlerError } from '../common/errors.js';

/**
 * An exclusive lock on an embedded data directory: PGlite is a single-process
 * database, so a second process opening the same directory would corrupt it.
 * A lock left by a process that died is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'openler.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new OpenlerError('conflict', `the embedded database in ${dir} is in use by process ${holder}; stop it first, or share a PostgreSQL server through DATABASE_URL`, { field: 'data-dir' });
      }
      unlinkSync(path);
    }
  }
  throw new OpenlerError('conflict', `cannot lock ${dir}`, { field: 'data-dir' });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
