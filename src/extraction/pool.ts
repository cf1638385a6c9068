import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { OpenlerError } from '../common/errors.js';
import type { Skill } from '../skills/model.js';
import type { EvidenceSpan, ExtractedSkill, ExtractOptions } from './extractor.js';
import type { PoolAnswer, PoolJob, PoolSetup } from './pool-worker.js';

/**
 * Extraction on worker threads, one extractor per thread, for batches and
 * streams: every core works, the calling thread stays free, and answers come
 * back in the order asked.
 */
export class ExtractionPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (results: ExtractedSkill[][]) => void; reject: (error: Error) => void }>();
  private nextJob = 0;
  private failure: Error | undefined;
  private onIdle: (() => void) | undefined;

  /** `lent`: what the default library lends these skills (`SkillExtractor.lentTerms()`); without it each worker works it out. */
  constructor(private readonly skills: readonly Skill[], prevalence?: ReadonlyMap<string, number>, size = availableParallelism(), lent?: ReadonlyMap<number, ReadonlyMap<string, number>>) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(new URL('./pool-worker.js', import.meta.url), { workerData: { skills, prevalence, lent } satisfies PoolSetup });
      worker.on('message', (answer: PoolAnswer) => this.settle(answer));
      worker.on('error', (error) => this.fail(error));
      worker.unref();
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Extracts from each text on the next worker in turn; the results keep the texts' order. */
  extract(texts: string[], options: ExtractOptions): Promise<ExtractedSkill[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const job = this.nextJob;
    this.nextJob += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(job, { resolve, reject });
      (this.workers[job % this.workers.length] as Worker).postMessage({ job, texts, options } satisfies PoolJob);
    });
  }

  /** Splits a batch into one share per worker and joins the answers in order. */
  async extractAll(texts: string[], options: ExtractOptions): Promise<ExtractedSkill[][]> {
    const share = Math.ceil(texts.length / this.workers.length);
    const parts: Array<Promise<ExtractedSkill[][]>> = [];
    for (let i = 0; i < texts.length; i += share) parts.push(this.extract(texts.slice(i, i + share), options));
    return (await Promise.all(parts)).flat();
  }

  /** Stops the workers once the jobs already asked for are answered. */
  async close(): Promise<void> {
    while (this.waiting.size > 0 && this.failure === undefined) await new Promise<void>((resolve) => (this.onIdle = resolve));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(answer: PoolAnswer): void {
    const waiter = this.waiting.get(answer.job);
    if (waiter === undefined) return;
    this.waiting.delete(answer.job);
    if (this.waiting.size === 0) this.onIdle?.();
    if (answer.error !== undefined || answer.results === undefined) {
      waiter.reject(new OpenlerError('internal', `extraction worker failed: ${answer.error ?? 'no result'}`));
      return;
    }
    waiter.resolve(answer.results.map((skills) => skills.map((entry) => ({
      skill: this.skills[entry.skillIndex] as Skill,
      confidence: entry.confidence,
      mention: entry.mention,
      spans: entry.spans as EvidenceSpan[],
    }))));
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    this.onIdle?.();
  }
}
