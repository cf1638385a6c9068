import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import { requireScope } from '../../orgs/service.js';
import { exportFormats, exportMediaTypes, exportRelease, type ExportFormat } from '../../skills/exporters/export.js';
import { readSkillsCsv } from '../../skills/importers/csv.js';
import { readSkillsDocument } from '../../skills/importers/json.js';
import { Library, LibraryVersion, Skill, SkillType, VersionChanges } from '../../skills/model.js';
import { OpenlerError } from '../../common/errors.js';
import { viewerOf } from '../auth.js';
import { Problem } from '../problem.js';
import { baseUrlOf, paginationLinks } from '../links.js';

const ReleaseQuery = {
  library: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Library ID; default: the default library' })),
  version: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Release; default: latest' })),
};

const defaultSearchLimit = 20;
const defaultRelatedLimit = 10;

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words, a prefix while typing, an alias or abbreviation; typos are tolerated' })),
  type: Type.Optional(SkillType),
  category: Type.Optional(Type.String({ maxLength: 200 })),
  // Optional with a default: Ajv fills it in (useDefaults), and OpenAPI does not call it required.
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: defaultSearchLimit })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  ...ReleaseQuery,
});

const ReleaseInfo = Type.Object({ library: Type.String(), version: Type.String() });
const SkillHit = Type.Object({ ...Skill.properties, score: Type.Number(), matched: Type.String() });
const SearchResponse = Type.Object({
  data: Type.Array(SkillHit),
  meta: Type.Object({ library: Type.String(), version: Type.String(), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
});
const SkillResponse = Type.Object({
  data: Skill,
  meta: Type.Object({ ...ReleaseInfo.properties, redirectedFrom: Type.Optional(Type.String({ description: 'The ID asked for, merged into this skill' })) }),
});
const LookupBody = Type.Object({ ids: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 1000 }) });
const LookupResponse = Type.Object({
  data: Type.Array(Type.Object({ ...Skill.properties, redirectedFrom: Type.Optional(Type.String()) })),
  meta: Type.Object({ ...ReleaseInfo.properties, missing: Type.Array(Type.String()) }),
});
const RelatedResponse = Type.Object({
  data: Type.Array(Type.Object({ ...Skill.properties, relation: Type.String() })),
  meta: Type.Object({ ...ReleaseInfo.properties, skill: Type.Object({ id: Type.String(), name: Type.String() }) }),
});
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 500 }) });
const LibraryParams = Type.Object({ library: Type.String({ minLength: 1, maxLength: 64 }) });
const VersionParams = Type.Object({ library: Type.String({ minLength: 1, maxLength: 64 }), version: Type.String({ minLength: 1, maxLength: 64 }) });
const problems = { 400: Problem, 404: Problem };

/** A skill's JSON without its closing brace, made once per skill object (releases are immutable). */
const skillJsonCache = new WeakMap<Skill, string>();
function skillJson(skill: Skill): string {
  let json = skillJsonCache.get(skill);
  if (json === undefined) {
    const { id, name, type, category, subcategory, description, isSoftware, isLanguage, aliases, tags, source, status } = skill;
    json = JSON.stringify({ id, name, type, category, subcategory, description, isSoftware, isLanguage, aliases, tags, source, status }).slice(0, -1);
    skillJsonCache.set(skill, json);
  }
  return json;
}

/** The skills library API: /v1/skills and /v1/libraries. */
export function skillRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog } = context;

  api.get('/v1/skills', {
    schema: {
      tags: ['skills'],
      summary: 'Search skills',
      description: 'Ranks exact names, then prefixes (autocomplete), aliases and abbreviations, then word and typo-tolerant matches. Without q, lists skills by name. X-Total-Count and Link headers page through the results.',
      querystring: SearchQuery,
      response: { 200: SearchResponse, ...problems },
    },
  }, async (request, reply) => {
    const { q, type, category, library, version } = request.query;
    const { limit = defaultSearchLimit, offset = 0 } = request.query;
    const result = await catalog.search({ library, version }, { q, type, category, limit, offset }, viewerOf(request));
    reply.header('X-Total-Count', String(result.total));
    const link = paginationLinks(request, result.total, limit, offset);
    if (link) reply.header('Link', link);
    // The hot path: each skill's JSON is written once and reused, so an answer is a few string joins.
    const data = result.hits.map((hit) => `${skillJson(hit.skill)},"score":${hit.score},"matched":${JSON.stringify(hit.matched)}}`);
    const meta = JSON.stringify({ library: result.release.library.id, version: result.release.version.version, total: result.total, limit, offset });
    // Sent as text: the response schema documents the shape, and the text already has it.
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(`{"data":[${data.join(',')}],"meta":${meta}}`);
  });

  api.get('/v1/skills/:id', {
    schema: {
      tags: ['skills'],
      summary: 'Get a skill by ID',
      description: 'A merged ID answers with its successor and names the old ID in meta.redirectedFrom; an unknown ID answers 404 with close matches.',
      params: IdParams,
      querystring: Type.Object(ReleaseQuery),
      response: { 200: SkillResponse, ...problems },
    },
  }, async (request, reply) => {
    const answer = await catalog.getSkill(request.params.id, request.query, viewerOf(request));
    if (answer.redirectedFrom) reply.header('Content-Location', `/v1/skills/${encodeURIComponent(answer.skill.id)}`);
    return { data: answer.skill, meta: { library: answer.library, version: answer.version, ...(answer.redirectedFrom ? { redirectedFrom: answer.redirectedFrom } : {}) } };
  });

  api.post('/v1/skills/lookup', {
    schema: {
      tags: ['skills'],
      summary: 'Look up many skills by ID',
      querystring: Type.Object(ReleaseQuery),
      body: LookupBody,
      response: { 200: LookupResponse, ...problems },
    },
  }, async (request) => {
    const release = catalog.resolve(request.query, viewerOf(request));
    const { found, missing } = await catalog.lookup(request.body.ids, request.query, viewerOf(request));
    return {
      data: found.map((answer) => ({ ...answer.skill, ...(answer.redirectedFrom ? { redirectedFrom: answer.redirectedFrom } : {}) })),
      meta: { library: release.library.id, version: release.version.version, missing },
    };
  });

  api.get('/v1/skills/:id/related', {
    schema: {
      tags: ['skills'],
      summary: 'Skills related to a skill',
      description: "The release's own relations first (for ESCO: broader, narrower, essential, optional), then the closest skills of the same subcategory.",
      params: IdParams,
      querystring: Type.Object({ ...ReleaseQuery, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: defaultRelatedLimit })) }),
      response: { 200: RelatedResponse, ...problems },
    },
  }, async (request) => {
    const { skill, related } = await catalog.related(request.params.id, request.query, request.query.limit ?? defaultRelatedLimit, viewerOf(request));
    return {
      data: related.map(({ skill: other, relation }) => ({ ...other, relation })),
      meta: { library: skill.library, version: skill.version, skill: { id: skill.skill.id, name: skill.skill.name } },
    };
  });

  api.get('/v1/libraries', {
    schema: { tags: ['libraries'], summary: 'Libraries you can read', response: { 200: Type.Object({ data: Type.Array(Library) }) } },
  }, async (request) => ({ data: catalog.listLibraries(viewerOf(request)) }));

  api.get('/v1/libraries/:library', {
    schema: { tags: ['libraries'], summary: 'One library', params: LibraryParams, response: { 200: Type.Object({ data: Library }), ...problems } },
  }, async (request) => ({ data: catalog.getLibrary(request.params.library, viewerOf(request)) }));

  api.get('/v1/libraries/:library/versions', {
    schema: { tags: ['libraries'], summary: "A library's releases, newest first", params: LibraryParams, response: { 200: Type.Object({ data: Type.Array(LibraryVersion) }), ...problems } },
  }, async (request) => ({ data: catalog.listVersions(request.params.library, viewerOf(request)) }));

  api.get('/v1/libraries/:library/versions/:version/changes', {
    schema: {
      tags: ['libraries'],
      summary: 'What a release changed',
      description: 'Additions, removals, renames, consolidations (merges) and updates against the previous release, or against `since`.',
      params: VersionParams,
      querystring: Type.Object({ since: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
      response: { 200: Type.Object({ data: VersionChanges }), ...problems },
    },
  }, async (request) => ({
    data: await catalog.changes({ library: request.params.library, version: request.params.version }, viewerOf(request), request.query.since),
  }));

  api.get('/v1/libraries/:library/versions/:version/export', {
    schema: {
      tags: ['libraries'],
      summary: 'Download a release',
      description: 'json (re-importable), csv (the documented CSV format) or rsd (Open Skills Network Rich Skill Descriptors, JSON-LD).',
      params: VersionParams,
      querystring: Type.Object({ format: Type.Optional(Type.Union(exportFormats.map((f) => Type.Literal(f)), { default: 'json' })) }),
      response: { 200: Type.Unknown(), ...problems },
    },
  }, async (request, reply) => {
    const format = (request.query.format as ExportFormat | undefined) ?? 'json';
    const { release, index } = await catalog.skillsOf({ library: request.params.library, version: request.params.version }, viewerOf(request));
    const body = exportRelease(format, {
      library: release.library,
      version: catalog.describeRelease(release),
      skills: index.skills,
      relations: await catalog.relationsOf(release),
      baseUrl: baseUrlOf(request),
    });
    const extension = format === 'rsd' ? 'jsonld' : format;
    return reply
      .type(exportMediaTypes[format])
      .header('Content-Disposition', `attachment; filename="${release.library.id}-${release.version.version}.${extension}"`)
      .send(body);
  });

  api.post('/v1/libraries/:library/versions', {
    bodyLimit: 64 * 1024 * 1024,
    schema: {
      tags: ['libraries'],
      summary: "Publish a release of your organization's library",
      description: 'Needs an API key with skills:write. The body is the JSON export format, or text/csv in the documented CSV format with ?version=. Publishing the same version again with the same content is a no-op; releases are immutable.',
      params: LibraryParams,
      querystring: Type.Object({
        version: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        name: Type.Optional(Type.String({ maxLength: 200 })),
        visibility: Type.Optional(Type.Union([Type.Literal('private'), Type.Literal('public')], { default: 'private' })),
        notes: Type.Optional(Type.String({ maxLength: 2000 })),
      }),
      // Documents the two accepted forms; the importers check the content and say what is wrong.
      body: {
        content: {
          'application/json': { schema: Type.Unknown({ description: 'The JSON export format: {"version"?, "skills": [...], "relations"?, "merges"?}, or an array of skills' }) },
          'text/csv': { schema: Type.String({ description: 'The documented CSV format, one skill a row; give the release as ?version=' }) },
        },
      },
      response: { 200: PublishResponse, 201: PublishResponse, ...problems, 401: Problem, 403: Problem, 409: Problem, 413: Problem, 415: Problem },
    },
  }, async (request: FastifyRequest<{ Params: { library: string }; Querystring: { version?: string; name?: string; visibility?: 'private' | 'public'; notes?: string } }>, reply: FastifyReply) => {
    const principal = requireScope(request.principal, 'skills:write');
    const contentType = String(request.headers['content-type'] ?? '');
    let parsed: { version?: string; content: ReturnType<typeof readSkillsCsv> };
    if (contentType.startsWith('text/csv')) parsed = { ...(request.query.version ? { version: request.query.version } : {}), content: readSkillsCsv(String(request.body), request.params.library) };
    else parsed = readSkillsDocument(request.body, request.params.library);
    const version = request.query.version ?? parsed.version;
    if (!version) throw new OpenlerError('validation_failed', 'version is required (query parameter or "version" in the body)', { field: 'version' });
    const result = await catalog.publish({
      library: { id: request.params.library, orgId: principal.orgId, name: request.query.name ?? request.params.library, source: request.params.library, visibility: request.query.visibility ?? 'private' },
      version,
      ...(request.query.notes ? { notes: request.query.notes } : {}),
      content: parsed.content,
    });
    return reply.status(result.status === 'published' ? 201 : 200).send({ data: result });
  });
}

const PublishResponse = Type.Object({
  data: Type.Object({
    library: Type.String(),
    version: Type.String(),
    status: Type.Union([Type.Literal('published'), Type.Literal('unchanged')]),
    skills: Type.Integer(),
    added: Type.Integer(),
    changed: Type.Integer(),
    removed: Type.Integer(),
    merged: Type.Integer(),
    relations: Type.Integer(),
  }),
});
