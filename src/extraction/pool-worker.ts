import { parentPort, workerData } from 'node:worker_threads';
import type { Skill } from '../skills/model.js';
import { SkillExtractor, type ExtractOptions } from './extractor.js';

/** A job for a pool worker: texts to extract from, numbered so answers find their request. */
export interface PoolJob {
  job: number;
  texts: string[];
  options: ExtractOptions;
}

/** Skills are sent back by their index in the release, not whole. */
export interface PooledSkill {
  skillIndex: number;
  confidence: number;
  mention: 'literal' | 'implicit';
  spans: Array<{ start: number; end: number; text: string; kind: string }>;
}

export interface PoolAnswer {
  job: number;
  results?: PooledSkill[][];
  error?: string;
}

/** What each worker builds its extractor from. */
export interface PoolSetup {
  skills: readonly Skill[];
  prevalence: ReadonlyMap<string, number> | undefined;
  /** The terms the default library lends these skills, when the caller's extractor has worked them out already. */
  lent: ReadonlyMap<number, ReadonlyMap<string, number>> | undefined;
}

if (parentPort !== null) {
  const port = parentPort;
  const { skills, prevalence, lent } = workerData as PoolSetup;
  const extractor = new SkillExtractor(skills, prevalence, lent === undefined ? {} : { lent });
  const indexOf = new Map(skills.map((skill, index) => [skill.id, index]));
  port.on('message', (job: PoolJob) => {
    try {
      const results = job.texts.map((text) =>
        extractor.extract(text, job.options).skills.map((entry) => ({
          skillIndex: indexOf.get(entry.skill.id) as number,
          confidence: entry.confidence,
          mention: entry.mention,
          spans: entry.spans,
        })),
      );
      port.postMessage({ job: job.job, results } satisfies PoolAnswer);
    } catch (error) {
      port.postMessage({ job: job.job, error: (error as Error).message } satisfies PoolAnswer);
    }
  });
}
