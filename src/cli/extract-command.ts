import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import type { Context } from '../context.js';
import type { ExtractedSkill, ExtractionMode, SkillExtractor } from '../extraction/extractor.js';
import { ExtractionPool } from '../extraction/pool.js';
import { checkText, maxTextLength } from '../extraction/service.js';
import { documentText } from '../extraction/documents/index.js';
import { operator } from '../skills/catalog.js';
import { OpenlerError } from '../common/errors.js';
import { emit, table } from './output.js';
import { stdoutReaderGone } from './stdout-pipe.js';

interface ExtractCommandOptions {
  library?: string;
  version?: string;
  threshold: string;
  mode: ExtractionMode;
  format: 'json' | 'jsonl' | 'table';
  workers?: string;
}

const linesPerJob = 64;

/** `openler extract`: files, or JSON lines on standard input, to skills. */
export function extractCommand(program: Command, withContext: <T>(work: (context: Context) => Promise<T>) => Promise<T>, json: () => boolean): void {
  program
    .command('extract')
    .argument('[files...]', 'documents to read (text, Markdown, HTML, PDF, DOCX); without files and with --format jsonl, reads {"id","text"} lines on standard input')
    .description('extract skills from documents')
    .option('--library <id>', 'library (default: the default library)')
    .option('--version <version>', 'release (default: latest)')
    .option('--threshold <confidence>', 'leave out skills below this confidence', '0.5')
    .addOption(new Option('--mode <mode>', 'literal: named mentions only; full: also implicit ones').choices(['full', 'literal']).default('full'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl', 'table']).default('table'))
    .option('--workers <n>', 'worker threads for --format jsonl (default: one per core)')
    .action(async (files: string[], options: ExtractCommandOptions) => {
      const threshold = Number(options.threshold);
      if (!(threshold >= 0 && threshold <= 1)) throw new OpenlerError('validation_failed', '--threshold must be a number from 0 to 1', { field: 'threshold' });
      const format = json() && options.format === 'table' ? 'json' : options.format;
      await withContext(async (context) => {
        const { release, extractor } = await context.extraction.extractor({ library: options.library, version: options.version }, operator);
        if (files.length === 0) {
          if (format !== 'jsonl') throw new OpenlerError('validation_failed', 'give files to read, or --format jsonl to read JSON lines on standard input', { field: 'files' });
          const workers = options.workers ? Number(options.workers) : availableParallelism();
          if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new OpenlerError('validation_failed', '--workers must be a whole number from 1 to 64', { field: 'workers' });
          await streamJsonLines(extractor, { threshold, mode: options.mode }, workers);
          return;
        }
        const results: Array<{ file: string; skills: ReturnType<typeof extractor.extract>['skills'] }> = [];
        for (const file of files) {
          const text = await readDocument(file);
          results.push({ file, skills: extractor.extract(text, { confidenceThreshold: threshold, mode: options.mode }).skills });
        }
        if (format === 'jsonl') {
          for (const result of results) process.stdout.write(`${JSON.stringify({ id: result.file, skills: result.skills.map(present) })}\n`);
          return;
        }
        emit(format === 'json', { library: release.library.id, version: release.version.version, documents: results.map((r) => ({ file: r.file, skills: r.skills.map(present) })) }, () =>
          results.map((result) => `${result.file}: ${result.skills.length} skills\n${table(result.skills.map((entry) => [entry.confidence.toFixed(2), entry.skill.name, entry.mention, entry.spans.map((s) => s.text).slice(0, 3).join(' | ')]), ['CONF', 'SKILL', 'MENTION', 'EVIDENCE'])}`).join('\n\n'));
      });
    });
}

/** The text of a file: plain text, Markdown, HTML, PDF or DOCX. */
async function readDocument(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new OpenlerError('not_found', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'file' });
  }
  const { text } = await documentText({ bytes, filename: file });
  checkText(text, file);
  return text;
}

/**
 * Reads {"id","text"} lines, extracts on worker threads, writes
 * {"id","skills"} lines in input order. Lines go out in small jobs and
 * reading pauses while enough are in flight, so memory stays flat whatever
 * the input's size. A bad line yields an error line, with its 1-based line
 * number, and the stream goes on; the command then exits 1 once every line is
 * written. Reading stops early when standard output's reader has gone.
 */
async function streamJsonLines(extractor: SkillExtractor, options: { threshold: number; mode: ExtractionMode }, workerCount: number): Promise<void> {
  // The terms the default library lends are worked out once here, not again in every worker; literal mode never needs them.
  const pool = new ExtractionPool(extractor.skills, extractor.prevalence, workerCount, options.mode === 'literal' ? undefined : extractor.lentTerms());
  const extractOptions = { confidenceThreshold: options.threshold, mode: options.mode };
  const inFlight: Array<Promise<string[]>> = [];
  const maxInFlight = workerCount * 4;
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failedLines = 0;
  const send = (lines: NumberedLine[]) => {
    const parsed = lines.map(parseLine);
    failedLines += parsed.filter((entry) => 'error' in entry).length;
    const texts = parsed.flatMap((entry) => ('text' in entry ? [entry.text] : []));
    inFlight.push(pool.extract(texts, extractOptions).then((results) => {
      let next = 0;
      return parsed.map((entry) => 'error' in entry
        ? JSON.stringify({ id: entry.id, error: entry.error })
        : JSON.stringify({ id: entry.id, skills: (results[next++] ?? []).map(present) }));
    }));
  };
  const writeOldest = async () => {
    const lines = await (inFlight.shift() as Promise<string[]>);
    if (lines.length > 0 && !stdoutReaderGone()) process.stdout.write(`${lines.join('\n')}\n`);
  };
  try {
    let batch: NumberedLine[] = [];
    let lineNumber = 0;
    for await (const line of input) {
      lineNumber += 1;
      if (stdoutReaderGone()) break;
      if (line.trim() === '') continue;
      batch.push({ text: line, number: lineNumber });
      if (batch.length < linesPerJob) continue;
      send(batch);
      batch = [];
      while (inFlight.length >= maxInFlight) await writeOldest();
    }
    if (batch.length > 0) send(batch);
    while (inFlight.length > 0) await writeOldest();
  } finally {
    input.close();
    await pool.close();
  }
  if (failedLines > 0) process.exitCode = 1;
}

interface NumberedLine {
  text: string;
  /** 1-based, counting blank lines too, as an editor shows it. */
  number: number;
}

interface LineError {
  code: string;
  message: string;
  line: number;
}

/** One input line: its id and text, or the error line it deserves. */
function parseLine({ text: line, number }: NumberedLine): { id: string | number | null; text: string } | { id: string | number | null; error: LineError } {
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch (error) {
    return { id: null, error: { code: 'bad_request', message: `not a JSON line: ${(error as Error).message}`, line: number } };
  }
  const record = (document ?? {}) as { id?: unknown; text?: unknown };
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (typeof record.text !== 'string') return { id, error: { code: 'validation_failed', message: 'each line needs a string "text"', line: number } };
  if (record.text.length > maxTextLength) return { id, error: { code: 'payload_too_large', message: `text has ${record.text.length} characters; the limit is ${maxTextLength}`, line: number } };
  return { id, text: record.text };
}

/** A skill as the CLI prints it: spans as [start, end] character offsets. */
function present(entry: ExtractedSkill) {
  return { id: entry.skill.id, name: entry.skill.name, confidence: entry.confidence, spans: entry.spans.map((span) => [span.start, span.end]) };
}
