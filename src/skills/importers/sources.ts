import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { OpenlerError } from '../../common/errors.js';

/**
 * A bundle of named text files read from a directory, a zip, or several of
 * either (ESCO ships as two zips; users may unpack them).
 */
export class SourceFiles {
  private readonly files = new Map<string, () => string>();
  readonly origins: string[] = [];

  static open(paths: readonly string[]): SourceFiles {
    const bundle = new SourceFiles();
    for (const path of paths) bundle.add(path);
    return bundle;
  }

  private add(path: string): void {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new OpenlerError('not_found', `cannot read ${path}: no such file or directory`, { field: 'path' });
    }
    this.origins.push(basename(path));
    if (stats.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const full = join(path, name);
        if (name.toLowerCase().endsWith('.zip')) this.add(full);
        else if (statSync(full).isFile()) this.files.set(name, () => readFileSync(full, 'utf8'));
      }
      return;
    }
    if (path.toLowerCase().endsWith('.zip')) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(readFileSync(path), { filter: (file) => /\.(csv|txt|tsv)$/i.test(file.name) });
      } catch (error) {
        throw new OpenlerError('unprocessable', `${path} is not a readable zip archive: ${(error as Error).message}`, { field: 'path' });
      }
      const decoder = new TextDecoder('utf-8');
      for (const [name, bytes] of Object.entries(entries)) this.files.set(basename(name), () => decoder.decode(bytes));
      return;
    }
    this.files.set(basename(path), () => readFileSync(path, 'utf8'));
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  /** The text of a file, or an error naming what is missing. */
  text(name: string): string {
    const read = this.files.get(name);
    if (read === undefined) {
      throw new OpenlerError('unprocessable', `${name} not found in ${this.origins.join(', ')}`, { field: 'path' });
    }
    return read().replace(/^\uFEFF/, '');
  }

  optionalText(name: string): string | undefined {
    return this.has(name) ? this.text(name) : undefined;
  }
}
