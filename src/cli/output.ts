import { asOpenlerError, errorExitCode, OpenlerError } from '../common/errors.js';
import { stdoutReaderGone } from './stdout-pipe.js';

/** Writes a command's result: JSON for scripts (--json), a human rendering otherwise. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  if (stdoutReaderGone()) return;
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** Columns whose values a user copies into the next command (an ESCO URI, a key ID): shown whole, never cut. */
const copiedColumns = new Set(['ID', 'SLUG', 'EMAIL', 'IDENTIFIER', 'VERIFICATION METHOD', 'VERSION']);
const widestCutColumn = 60;

/** Fixed-width columns for human output; long text is cut with an ellipsis, identifiers never are. */
export function table(rows: string[][], headers: string[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((header, column) => {
    const widest = Math.max(...all.map((row) => (row[column] ?? '').length));
    return copiedColumns.has(header) ? widest : Math.min(widestCutColumn, widest);
  });
  const line = (row: string[]) => row.map((cell, column) => truncate(cell, widths[column] ?? 0).padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return all.map(line).join('\n');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** One line on stderr and the exit code the error taxonomy gives. */
export function fail(error: unknown, json: boolean): never {
  const problem = asOpenlerError(error);
  if (json) process.stderr.write(`${JSON.stringify({ error: { code: problem.code, message: problem.message, ...problem.details } })}\n`);
  else process.stderr.write(`openler: ${problem.message.split('\n')[0]}${hint(problem)}\n`);
  process.exit(errorExitCode(problem.code));
}

function hint(error: OpenlerError): string {
  const suggestions = error.details.suggestions;
  if (!suggestions || suggestions.length === 0) return '';
  return ` (did you mean ${suggestions.slice(0, 3).map((s) => `${s.name} [${s.id}]`).join(', ')}?)`;
}

/** Progress on stderr: a rewritten line on a terminal, a line every few seconds otherwise. */
export function progressReporter(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  return (done, total) => {
    const now = Date.now();
    const finished = done >= total;
    if (!finished && now - lastLine < (tty ? 100 : 2000)) return;
    lastLine = now;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const text = `${label}: ${done}/${total} (${percent}%)`;
    if (tty) process.stderr.write(`\r${text}${finished ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  };
}

export function step(message: string): void {
  process.stderr.write(`${message}\n`);
}
