import type { Database } from '../db/database.js';
import { OpenlerError } from '../common/errors.js';
import { diffReleases } from './changes.js';
import type { Library, LibraryVersion, Skill, SkillType, VersionChanges } from './model.js';
import {
  selectLastRevision, selectLibraries, selectPrevalenceAt, selectRedirects, selectRelationsAt, selectReleaseFingerprint, selectSkillsAt, selectVersions,
  type LibraryRow, type RedirectRow, type VersionRow,
} from './queries.js';
import { publishRelease, type LibraryDefinition, type PublishRequest, type PublishResult } from './releases.js';
import { SkillSearchIndex, type SearchResult } from './search-index.js';
import { rollUpPrevalence } from './prevalence.js';

/**
 * Who is asking: anonymous readers (null) see public libraries; an
 * organization also sees its own; the operator (the CLI, with the database
 * at hand) sees everything.
 */
export type Viewer = { orgId: string } | { operator: true } | null;
export const operator: Viewer = { operator: true };

export interface ReleaseSelector {
  library?: string | undefined;
  /** A version string, or `latest` / undefined for the newest release. */
  version?: string | undefined;
}

export interface ResolvedRelease {
  library: LibraryRow;
  version: VersionRow;
  isLatest: boolean;
}

export interface SkillAnswer {
  skill: Skill;
  library: string;
  version: string;
  /** Set when the requested ID was merged into this skill. */
  redirectedFrom?: string;
}

const cachedReleaseLimit = 8;

/**
 * The skills libraries as readers see them: releases resolved by name,
 * searched and looked up through in-memory indexes built from the database
 * and rebuilt when a library gains a release.
 */
export class SkillCatalog {
  readonly defaultLibrary: string;
  private libraries = new Map<string, LibraryRow>();
  private versions = new Map<string, VersionRow[]>();
  private redirects = new Map<string, Map<string, RedirectRow>>();
  private fingerprint = '';
  private readonly indexes = new Map<string, Promise<SkillSearchIndex>>();
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database, options: { defaultLibrary?: string } = {}) {
    this.defaultLibrary = options.defaultLibrary ?? 'openler';
  }

  /** Loads library and release metadata; call once before use and after outside changes. */
  async refresh(): Promise<void> {
    const [libraries, versions, fingerprint] = await Promise.all([selectLibraries(this.db), selectVersions(this.db), selectReleaseFingerprint(this.db)]);
    this.libraries = new Map(libraries.map((library) => [library.id, library]));
    const grouped = new Map<string, VersionRow[]>();
    for (const version of versions) {
      const list = grouped.get(version.library) ?? [];
      list.push(version);
      grouped.set(version.library, list);
    }
    this.versions = grouped;
    const redirects = new Map<string, Map<string, RedirectRow>>();
    for (const library of libraries) {
      const rows = await selectRedirects(this.db, library.id);
      redirects.set(library.id, new Map(rows.map((row) => [row.fromId, row])));
    }
    this.redirects = redirects;
    this.fingerprint = fingerprint;
  }

  /**
   * Notices releases published by other processes sharing the database (a
   * PostgreSQL server) by polling a cheap fingerprint.
   */
  watch(intervalMs: number): void {
    this.pollTimer = setInterval(() => {
      selectReleaseFingerprint(this.db)
        .then(async (fingerprint) => {
          if (fingerprint !== this.fingerprint) await this.refresh();
        })
        .catch(() => undefined);
    }, intervalMs);
    this.pollTimer.unref();
  }

  stop(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
  }

  listLibraries(viewer: Viewer): Library[] {
    return [...this.libraries.values()]
      .filter((library) => canRead(library, viewer))
      .map((library) => this.describeLibrary(library));
  }

  getLibrary(id: string, viewer: Viewer): Library {
    return this.describeLibrary(this.readableLibrary(id, viewer));
  }

  listVersions(libraryId: string, viewer: Viewer): LibraryVersion[] {
    const library = this.readableLibrary(libraryId, viewer);
    const versions = this.versions.get(library.id) ?? [];
    const latest = versions[versions.length - 1];
    return [...versions].reverse().map((version) => describeVersion(version, version === latest));
  }

  resolve(selector: ReleaseSelector, viewer: Viewer): ResolvedRelease {
    const library = this.readableLibrary(selector.library ?? this.defaultLibrary, viewer);
    const versions = this.versions.get(library.id) ?? [];
    const latest = versions[versions.length - 1];
    if (latest === undefined) throw new OpenlerError('not_found', `library ${library.id} has no release yet`, { field: 'version' });
    if (selector.version === undefined || selector.version === '' || selector.version === 'latest') return { library, version: latest, isLatest: true };
    const version = versions.find((candidate) => candidate.version === selector.version) ?? withoutLeadingV(versions, selector.version);
    if (version === undefined) {
      throw new OpenlerError('not_found', `library ${library.id} has no release ${selector.version}; it has ${versions.map((v) => v.version).join(', ')}`, { field: 'version' });
    }
    return { library, version, isLatest: version === latest };
  }

  describeRelease(release: ResolvedRelease): LibraryVersion {
    return describeVersion(release.version, release.isLatest);
  }

  /** The search index of a release, built on first use and kept for the releases read most recently. */
  async index(release: ResolvedRelease): Promise<SkillSearchIndex> {
    const key = `${release.library.id}@${release.version.seq}`;
    let index = this.indexes.get(key);
    if (index === undefined) {
      index = this.buildIndex(release.library.id, release.version.seq);
      index.catch(() => this.indexes.delete(key));
    } else {
      this.indexes.delete(key);
    }
    this.indexes.set(key, index);
    while (this.indexes.size > cachedReleaseLimit) {
      const oldest = this.indexes.keys().next().value as string;
      this.indexes.delete(oldest);
    }
    return index;
  }

  async search(
    selector: ReleaseSelector,
    query: { q?: string | undefined; type?: SkillType | undefined; category?: string | undefined; limit: number; offset: number },
    viewer: Viewer,
  ): Promise<SearchResult & { release: ResolvedRelease }> {
    const release = this.resolve(selector, viewer);
    const index = await this.index(release);
    return { ...index.search(query), release };
  }

  /** One skill by ID; a merged ID answers with its successor, an unknown one with close matches. */
  async getSkill(id: string, selector: ReleaseSelector, viewer: Viewer): Promise<SkillAnswer> {
    const release = this.resolve(selector, viewer);
    const index = await this.index(release);
    const found = index.get(id);
    const answer = { library: release.library.id, version: release.version.version };
    if (found !== undefined) return { ...answer, skill: found };
    const redirect = this.redirects.get(release.library.id)?.get(id);
    if (redirect !== undefined && redirect.seq <= release.version.seq) {
      const successor = index.get(redirect.toId);
      if (successor !== undefined) return { ...answer, skill: successor, redirectedFrom: id };
    }
    const retired = await selectLastRevision(this.db, release.library.id, id, release.version.seq);
    const suggestions = index.search({ q: retired?.name ?? idAsText(id), limit: 5, offset: 0 }).hits.map((hit) => ({ id: hit.skill.id, name: hit.skill.name }));
    const why = retired ? `skill ${id} (${retired.name}) was removed from library ${release.library.id} before release ${release.version.version}` : `no skill ${id} in library ${release.library.id} release ${release.version.version}`;
    throw new OpenlerError('not_found', why, { field: 'id', suggestions });
  }

  /** Many skills by ID, in the order asked; unknown IDs are listed apart. */
  async lookup(ids: readonly string[], selector: ReleaseSelector, viewer: Viewer): Promise<{ found: SkillAnswer[]; missing: string[] }> {
    const found: SkillAnswer[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      try {
        found.push(await this.getSkill(id, selector, viewer));
      } catch (error) {
        if (error instanceof OpenlerError && error.code === 'not_found' && error.details.field === 'id') missing.push(id);
        else throw error;
      }
    }
    return { found, missing };
  }

  async related(id: string, selector: ReleaseSelector, limit: number, viewer: Viewer): Promise<{ skill: SkillAnswer; related: Array<{ skill: Skill; relation: string }> }> {
    const answer = await this.getSkill(id, selector, viewer);
    const index = await this.index(this.resolve(selector, viewer));
    return { skill: answer, related: index.related(answer.skill.id, limit) };
  }

  /** The changes of a release against the one before it (or against `since`). */
  async changes(selector: ReleaseSelector, viewer: Viewer, since?: string): Promise<VersionChanges> {
    const release = this.resolve(selector, viewer);
    const versions = this.versions.get(release.library.id) ?? [];
    const previous = since === undefined
      ? versions.filter((version) => version.seq < release.version.seq).pop()
      : this.resolve({ library: release.library.id, version: since }, viewer).version;
    if (previous !== undefined && previous.seq >= release.version.seq) {
      throw new OpenlerError('bad_request', `release ${previous.version} is not older than ${release.version.version}`, { field: 'since' });
    }
    const [afterSkills, beforeSkills, redirects] = await Promise.all([
      selectSkillsAt(this.db, release.library.id, release.version.seq),
      previous ? selectSkillsAt(this.db, release.library.id, previous.seq) : Promise.resolve([]),
      selectRedirects(this.db, release.library.id),
    ]);
    return diffReleases(
      release.library.id,
      { version: previous?.version ?? null, seq: previous?.seq ?? 0, skills: beforeSkills },
      { version: release.version.version, seq: release.version.seq, skills: afterSkills },
      redirects,
    );
  }

  /** Every skill of a release, for exporters. */
  async skillsOf(selector: ReleaseSelector, viewer: Viewer): Promise<{ release: ResolvedRelease; index: SkillSearchIndex }> {
    const release = this.resolve(selector, viewer);
    return { release, index: await this.index(release) };
  }

  async relationsOf(release: ResolvedRelease) {
    return selectRelationsAt(this.db, release.library.id, release.version.seq);
  }

  /** Publishes a release and brings this catalog up to date with it. */
  async publish(request: PublishRequest): Promise<PublishResult> {
    this.requireWritable(request.library);
    const result = await publishRelease(this.db, request);
    if (result.status === 'published') await this.refresh();
    return result;
  }

  hasRelease(library: string, version: string): boolean {
    return (this.versions.get(library) ?? []).some((candidate) => candidate.version === version);
  }

  /**
   * Only its own organization writes a library. Another organization that may
   * read it (a public library) is refused; one that may not is told what a
   * read tells it, that there is no such library, so a write reveals no more
   * than a read does. (The release's transaction checks the owner again.)
   */
  private requireWritable(library: LibraryDefinition): void {
    const existing = this.libraries.get(library.id);
    if (existing === undefined || existing.orgId === library.orgId) return;
    this.readableLibrary(library.id, { orgId: library.orgId });
    throw new OpenlerError('forbidden', `library ${library.id} belongs to another organization`, { field: 'library' });
  }

  private readableLibrary(id: string, viewer: Viewer): LibraryRow {
    const library = this.libraries.get(id);
    if (library === undefined || !canRead(library, viewer)) {
      const known = this.listLibraries(viewer).map((l) => l.id).join(', ');
      throw new OpenlerError('not_found', `no library ${id}; libraries: ${known || 'none'}`, { field: 'library' });
    }
    return library;
  }

  private describeLibrary(library: LibraryRow): Library {
    const versions = this.versions.get(library.id) ?? [];
    return {
      id: library.id,
      name: library.name,
      description: library.description,
      license: library.license,
      source: library.source,
      url: library.url,
      visibility: library.visibility,
      latestVersion: versions[versions.length - 1]?.version ?? null,
      isDefault: library.id === this.defaultLibrary,
    };
  }

  private async buildIndex(library: string, seq: number): Promise<SkillSearchIndex> {
    const [skills, relations, prevalence] = await Promise.all([
      selectSkillsAt(this.db, library, seq),
      selectRelationsAt(this.db, library, seq),
      selectPrevalenceAt(this.db, library, seq),
    ]);
    return new SkillSearchIndex(skills, relations, rollUpPrevalence(prevalence, relations));
  }
}

function canRead(library: LibraryRow, viewer: Viewer): boolean {
  if (library.visibility === 'public' || viewer === null) return library.visibility === 'public';
  return 'operator' in viewer || viewer.orgId === library.orgId;
}

function describeVersion(version: VersionRow, isLatest: boolean): LibraryVersion {
  return {
    library: version.library,
    version: version.version,
    releasedAt: version.releasedAt.toISOString(),
    skillCount: version.skillCount,
    notes: version.notes,
    isLatest,
  };
}

/** An unknown ID read as words, to suggest skills: the last path segment of a URI, underscores as spaces. */
function idAsText(id: string): string {
  const tail = id.split(/[/#:]/).filter(Boolean).pop() ?? id;
  return tail.replace(/[_-]+/g, ' ');
}

/**
 * ESCO names its releases "v1.1.1" and people type "1.1.1" (or the other way
 * round): the one release that matches once a leading "v" is set aside, if
 * exactly one does. An exact name always wins, as the caller looks it up first.
 */
function withoutLeadingV<T extends { version: string }>(versions: readonly T[], asked: string): T | undefined {
  const bare = (version: string) => version.replace(/^v/i, '');
  const matches = versions.filter((candidate) => bare(candidate.version) === bare(asked));
  return matches.length === 1 ? matches[0] : undefined;
}
