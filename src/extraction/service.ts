import { operator, type ReleaseSelector, type ResolvedRelease, type SkillCatalog, type Viewer } from '../skills/catalog.js';
import type { Skill } from '../skills/model.js';
import { OpenlerError } from '../common/errors.js';
import { SkillExtractor, type ExtractedSkill, type Extraction, type ExtractOptions } from './extractor.js';
import { ExtractionPool } from './pool.js';

/** The largest text one extraction takes, in characters (about 1 MB of prose). */
export const maxTextLength = 1_000_000;
const cachedExtractors = 4;
/** Batches smaller than this run on the calling thread: handing them to workers would cost more than it saves. */
const pooledBatchCharacters = 64 * 1024;

export interface ExtractRequest extends ExtractOptions {
  text: string;
  library?: string | undefined;
  version?: string | undefined;
}

export interface ReleaseExtraction extends Extraction {
  library: string;
  version: string;
}

/** Extraction against a library release, with one extractor built per release and kept for reuse. */
export class ExtractionService {
  private readonly extractors = new Map<string, Promise<SkillExtractor>>();
  /** Worker threads for large batches, for the release batches were last asked of. */
  private pool: { key: string; pool: ExtractionPool } | undefined;

  constructor(private readonly catalog: SkillCatalog) {}

  async extractor(selector: ReleaseSelector, viewer: Viewer): Promise<{ release: ResolvedRelease; extractor: SkillExtractor }> {
    const release = this.catalog.resolve(selector, viewer);
    const key = `${release.library.id}@${release.version.seq}`;
    let extractor = this.extractors.get(key);
    if (extractor === undefined) {
      extractor = (async () => {
        const [index, source] = await Promise.all([this.catalog.index(release), this.expansionSource()]);
        return new SkillExtractor(index.skills, index.prevalence, source === undefined ? undefined : { source: () => source });
      })();
      extractor.catch(() => this.extractors.delete(key));
      this.extractors.set(key, extractor);
      while (this.extractors.size > cachedExtractors) this.extractors.delete(this.extractors.keys().next().value as string);
    }
    return { release, extractor: await extractor };
  }

  /**
   * The skills that lend their labels to an imported library's documents: the
   * default library as the catalog already holds it, so it is not read from
   * its files again; undefined (the extractor then reads the bundled files)
   * when the catalog has no release of it.
   */
  private async expansionSource(): Promise<readonly Skill[] | undefined> {
    try {
      return (await this.catalog.index(this.catalog.resolve({ library: this.catalog.defaultLibrary }, operator))).skills;
    } catch (error) {
      if (error instanceof OpenlerError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  /** Many texts at once, in order; large batches are spread over worker threads. */
  async extractBatch(texts: string[], selector: ReleaseSelector, options: ExtractOptions, viewer: Viewer): Promise<{ release: ResolvedRelease; results: ExtractedSkill[][] }> {
    texts.forEach((text, index) => checkText(text, `documents[${index}].text`));
    const { release, extractor } = await this.extractor(selector, viewer);
    const characters = texts.reduce((sum, text) => sum + text.length, 0);
    if (characters < pooledBatchCharacters || texts.length < 2) {
      return { release, results: texts.map((text) => extractor.extract(text, options).skills) };
    }
    const key = `${release.library.id}@${release.version.seq}`;
    if (this.pool?.key !== key) {
      // The previous release's pool finishes what it was asked, then stops.
      void this.pool?.pool.close();
      this.pool = { key, pool: new ExtractionPool(extractor.skills, extractor.prevalence, undefined, extractor.lentTerms()) };
    }
    return { release, results: await this.pool.pool.extractAll(texts, options) };
  }

  async close(): Promise<void> {
    await this.pool?.pool.close();
    this.pool = undefined;
  }

  async extract(request: ExtractRequest, viewer: Viewer): Promise<ReleaseExtraction> {
    checkText(request.text);
    const { release, extractor } = await this.extractor({ library: request.library, version: request.version }, viewer);
    const result = extractor.extract(request.text, request);
    return { library: release.library.id, version: release.version.version, ...result };
  }
}

export function checkText(text: unknown, field = 'text'): asserts text is string {
  if (typeof text !== 'string') throw new OpenlerError('validation_failed', `${field} must be a string`, { field });
  if (text.length > maxTextLength) {
    throw new OpenlerError('payload_too_large', `${field} has ${text.length} characters; the limit is ${maxTextLength}`, { field });
  }
}
