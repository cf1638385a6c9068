import { parentPort, workerData } from 'node:worker_threads';
import { SkillExtractor, type ExtractedSkill, type ExtractionMode } from '../extraction/extractor.js';
import { maxTextLength } from '../extraction/service.js';
import type { Skill } from '../skills/model.js';

/** A job of `openler extract --format jsonl`: some input lines, numbered so output keeps input order. */
export interface WorkerJob {
  job: number;
  lines: string[];
}

export interface WorkerResult {
  job: number;
  lines: string[];
}

interface WorkerSetup {
  skills: Skill[];
  options: { threshold: number; mode: ExtractionMode };
}

if (parentPort !== null) {
  const port = parentPort;
  const { skills, options } = workerData as WorkerSetup;
  const extractor = new SkillExtractor(skills);
  port.on('message', (job: WorkerJob) => {
    port.postMessage({ job: job.job, lines: job.lines.filter((line) => line.trim() !== '').map((line) => extractLine(extractor, line, options)) } satisfies WorkerResult);
  });
}

/** One output line for one input line; a bad line becomes an error line for its id. */
export function extractLine(extractor: SkillExtractor, line: string, options: WorkerSetup['options']): string {
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ id: null, error: { code: 'bad_request', message: `not a JSON line: ${(error as Error).message}` } });
  }
  const record = (document ?? {}) as { id?: unknown; text?: unknown };
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (typeof record.text !== 'string') return JSON.stringify({ id, error: { code: 'validation_failed', message: 'each line needs a string "text"' } });
  if (record.text.length > maxTextLength) return JSON.stringify({ id, error: { code: 'payload_too_large', message: `text has ${record.text.length} characters; the limit is ${maxTextLength}` } });
  const skills = extractor.extract(record.text, { confidenceThreshold: options.threshold, mode: options.mode }).skills;
  return JSON.stringify({ id, skills: skills.map(present) });
}

/** A skill as the CLI prints it: spans as [start, end] character offsets. */
export function present(entry: ExtractedSkill) {
  return { id: entry.skill.id, name: entry.skill.name, confidence: entry.confidence, spans: entry.spans.map((span) => [span.start, span.end]) };
}
