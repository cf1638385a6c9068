import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Context } from '../../context.js';
import type { ResolvedRelease } from '../../skills/catalog.js';
import type { Skill, SkillType } from '../../skills/model.js';
import { OpenlerError } from '../../common/errors.js';
import { viewerOf } from '../auth.js';
import { baseUrlOf } from '../links.js';
import { Problem } from '../problem.js';

/**
 * The paths and response shapes of the Lightcast Open Skills API, so a client
 * written for it works against openler by changing its base URL. `latest` is
 * accepted as a version; `?library=` reaches libraries other than the default.
 */
const typeIds: Record<SkillType, { id: string; name: string }> = {
  specialized: { id: 'ST1', name: 'Specialized Skill' },
  common: { id: 'ST2', name: 'Common Skill' },
  certification: { id: 'ST3', name: 'Certification' },
};
const typeById = new Map(Object.entries(typeIds).map(([type, { id }]) => [id, type as SkillType]));
const allFields = ['id', 'name', 'type', 'infoUrl', 'category', 'subcategory', 'description', 'descriptionSource', 'isSoftware', 'isLanguage', 'tags', 'removedDescription'];
const defaultListFields = ['id', 'name', 'type', 'infoUrl'];

const VersionParams = Type.Object({ version: Type.String({ minLength: 1, maxLength: 64 }) });
const LibraryQuery = { library: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) };
const FieldsQuery = {
  typeIds: Type.Optional(Type.String({ maxLength: 100, description: 'Comma-separated: ST1 (specialized), ST2 (common), ST3 (certification)' })),
  fields: Type.Optional(Type.String({ maxLength: 300, description: `Comma-separated: ${allFields.join(', ')}` })),
};
const IdsBody = Type.Object({ ids: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 1000 }) });
// Answers vary with ?fields=, so they are serialised as they are.
const problems = { 200: Type.Unknown(), 400: Problem, 404: Problem };

export function lightcastRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { catalog } = context;
  const tags = ['lightcast-compatible'];
  const attributions = (release: ResolvedRelease) => [{ name: release.library.name, text: `${release.library.name} ${release.version.version}${release.library.license ? `, licensed ${release.library.license}` : ''}` }];

  const present = (request: FastifyRequest, skill: Skill, fields: readonly string[]) => {
    const category = skill.category ? { id: stableId(skill.category), name: skill.category } : null;
    const full: Record<string, unknown> = {
      id: skill.id,
      name: skill.name,
      type: typeIds[skill.type],
      infoUrl: `${baseUrlOf(request)}/v1/skills/${encodeURIComponent(skill.id)}`,
      category,
      subcategory: skill.subcategory ? { id: stableId(`${skill.category}/${skill.subcategory}`), name: skill.subcategory } : null,
      description: skill.description || null,
      descriptionSource: skill.description ? skill.source : null,
      isSoftware: skill.isSoftware,
      isLanguage: skill.isLanguage,
      tags: [...skill.aliases.map((value) => ({ key: 'alias', value })), ...skill.tags.map((value) => ({ key: 'tag', value }))],
      removedDescription: null,
    };
    return Object.fromEntries(fields.map((field) => [field, full[field]]));
  };

  api.get('/skills/status', { schema: { tags, summary: 'Service status' } }, async () => ({ data: { message: 'Service is healthy', healthy: true } }));

  api.get('/skills/meta', { schema: { tags, summary: 'Taxonomy metadata', querystring: Type.Object(LibraryQuery), response: problems } }, async (request) => {
    const release = catalog.resolve({ library: request.query.library }, viewerOf(request));
    return { data: { attribution: { title: release.library.name, body: release.library.description }, latestVersion: release.version.version } };
  });

  api.get('/skills/versions', { schema: { tags, summary: 'Releases, newest first', querystring: Type.Object(LibraryQuery), response: problems } }, async (request) => ({
    data: catalog.listVersions(request.query.library ?? catalog.defaultLibrary, viewerOf(request)).map((version) => version.version),
  }));

  api.get('/skills/versions/:version', { schema: { tags, summary: 'Release metadata', params: VersionParams, querystring: Type.Object(LibraryQuery), response: problems } }, async (request) => {
    const release = catalog.resolve({ library: request.query.library, version: request.params.version }, viewerOf(request));
    const changes = await catalog.changes({ library: release.library.id, version: release.version.version }, viewerOf(request));
    return {
      data: {
        version: release.version.version,
        skillCount: release.version.skillCount,
        removedSkillCount: changes.removals.length + changes.consolidations.reduce((sum, entry) => sum + entry.mergedIds.length, 0),
        fields: allFields,
        types: Object.values(typeIds),
      },
    };
  });

  api.get('/skills/versions/:version/types', { schema: { tags, summary: 'Skill types', params: VersionParams, response: problems } }, async () => ({ data: Object.values(typeIds) }));

  api.get('/skills/versions/:version/changes', { schema: { tags, summary: 'Changes against the previous release', params: VersionParams, querystring: Type.Object(LibraryQuery), response: problems } }, async (request) => {
    const changes = await catalog.changes({ library: request.query.library, version: request.params.version }, viewerOf(request));
    return {
      data: {
        additions: changes.additions,
        removals: changes.removals,
        renames: changes.renames.map((rename) => ({ id: rename.id, name: rename.newName, oldName: rename.oldName })),
        consolidations: changes.consolidations.map((entry) => ({ id: entry.id, name: entry.name, consolidatedIds: entry.mergedIds.map((merged) => merged.id) })),
      },
    };
  });

  api.get('/skills/versions/:version/skills', {
    schema: {
      tags,
      summary: 'List or search skills',
      params: VersionParams,
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })), ...FieldsQuery, ...LibraryQuery }),
      response: problems,
    },
  }, async (request) => {
    const { q, limit, library } = request.query;
    const types = parseTypeIds(request.query.typeIds);
    const fields = parseFields(request.query.fields, defaultListFields);
    const release = catalog.resolve({ library, version: request.params.version }, viewerOf(request));
    const index = await catalog.index(release);
    const max = limit ?? (q ? 100 : index.size);
    const hits = index.search({ q, limit: types ? index.size : max, offset: 0 }).hits
      .filter((hit) => !types || types.has(hit.skill.type))
      .slice(0, max);
    return { attributions: attributions(release), data: hits.map((hit) => present(request, hit.skill, fields)) };
  });

  api.get('/skills/versions/:version/skills/:id', {
    schema: { tags, summary: 'One skill', params: Type.Object({ version: VersionParams.properties.version, id: Type.String({ minLength: 1, maxLength: 500 }) }), querystring: Type.Object(LibraryQuery), response: problems },
  }, async (request) => {
    const selector = { library: request.query.library, version: request.params.version };
    const release = catalog.resolve(selector, viewerOf(request));
    const answer = await catalog.getSkill(request.params.id, selector, viewerOf(request));
    const data = present(request, answer.skill, allFields);
    if (answer.redirectedFrom) data.removedDescription = `${answer.redirectedFrom} was consolidated into ${answer.skill.id} (${answer.skill.name})`;
    return { attributions: attributions(release), data };
  });

  api.post('/skills/versions/:version/skills', {
    schema: { tags, summary: 'Many skills by ID', params: VersionParams, querystring: Type.Object({ ...FieldsQuery, ...LibraryQuery }), body: IdsBody, response: problems },
  }, async (request) => {
    const selector = { library: request.query.library, version: request.params.version };
    const release = catalog.resolve(selector, viewerOf(request));
    const types = parseTypeIds(request.query.typeIds);
    const fields = parseFields(request.query.fields, allFields);
    const { found } = await catalog.lookup(request.body.ids, selector, viewerOf(request));
    return { attributions: attributions(release), data: found.filter((answer) => !types || types.has(answer.skill.type)).map((answer) => present(request, answer.skill, fields)) };
  });

  api.post('/skills/versions/:version/related', {
    schema: {
      tags,
      summary: 'Skills related to the given ones',
      params: VersionParams,
      querystring: Type.Object(LibraryQuery),
      body: Type.Object({ ids: IdsBody.properties.ids, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), fields: Type.Optional(Type.Array(Type.String())) }),
      response: problems,
    },
  }, async (request) => {
    const selector = { library: request.query.library, version: request.params.version };
    const limit = request.body.limit ?? 10;
    const fields = parseFields(request.body.fields?.join(','), defaultListFields);
    const asked = new Set(request.body.ids);
    const seen = new Set<string>();
    const merged: Skill[] = [];
    const lists = await Promise.all(request.body.ids.map((id) => catalog.related(id, selector, limit, viewerOf(request)).then((answer) => answer.related.map((entry) => entry.skill))));
    // Interleave the lists so each asked skill contributes its closest relations first.
    for (let rank = 0; merged.length < limit && lists.some((list) => rank < list.length); rank += 1) {
      for (const list of lists) {
        const skill = list[rank];
        if (skill && !asked.has(skill.id) && !seen.has(skill.id) && merged.length < limit) {
          seen.add(skill.id);
          merged.push(skill);
        }
      }
    }
    return { data: merged.map((skill) => present(request, skill, fields)) };
  });
}

function parseTypeIds(value: string | undefined): Set<SkillType> | undefined {
  if (!value) return undefined;
  const types = new Set<SkillType>();
  for (const id of value.split(',').map((part) => part.trim().toUpperCase()).filter(Boolean)) {
    const type = typeById.get(id);
    if (type === undefined) throw new OpenlerError('validation_failed', `typeIds: unknown type ${id}; use ST1, ST2 or ST3`, { field: 'typeIds' });
    types.add(type);
  }
  return types;
}

function parseFields(value: string | undefined, fallback: readonly string[]): string[] {
  if (!value) return [...fallback];
  const fields = value.split(',').map((part) => part.trim()).filter(Boolean);
  for (const field of fields) {
    if (!allFields.includes(field)) throw new OpenlerError('validation_failed', `fields: unknown field ${field}; fields: ${allFields.join(', ')}`, { field: 'fields' });
  }
  return fields;
}

/** A small stable number for a category name, as Lightcast clients expect numeric category IDs. */
function stableId(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0) % 1_000_000;
}
