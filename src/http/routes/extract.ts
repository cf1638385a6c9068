import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Context } from '../../context.js';
import type { ExtractedSkill, TraceEntry } from '../../extraction/extractor.js';
import { maxTextLength } from '../../extraction/service.js';
import { documentText, maxDocumentBytes } from '../../extraction/documents/index.js';
import { viewerOf } from '../auth.js';
import { baseUrlOf } from '../links.js';
import { multipartBoundary, uploadedFile } from '../multipart.js';
import { Problem } from '../problem.js';

const defaultThreshold = 0.5;
const defaultMode = 'full';
const Span = Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String(), kind: Type.String() });
const ExtractedSkillSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  mention: Type.Union([Type.Literal('literal'), Type.Literal('implicit')]),
  spans: Type.Array(Span),
});
const TraceSchema = Type.Object({
  skillId: Type.String(), name: Type.String(), span: Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() }),
  kind: Type.String(), confidence: Type.Number(), kept: Type.Boolean(), reason: Type.String(),
});
const Options = {
  library: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  version: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  // Optional with a default: Ajv fills it in (useDefaults), and OpenAPI does not call it required.
  confidenceThreshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: defaultThreshold })),
  mode: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('literal')], { default: defaultMode })),
};
const Trace = Type.Optional(Type.Boolean({ default: false, description: 'Also answer every candidate considered, kept or not, with the reason' }));
const ExtractBody = Type.Object({ text: Type.String({ description: `at most ${maxTextLength} characters (413 beyond)` }), trace: Trace, ...Options });
const ExtractResponse = Type.Object({
  data: Type.Array(ExtractedSkillSchema),
  meta: Type.Object({ library: Type.String(), version: Type.String(), confidenceThreshold: Type.Number(), mode: Type.String() }),
  trace: Type.Optional(Type.Array(TraceSchema)),
});
const BatchBody = Type.Object({
  documents: Type.Array(Type.Object({ id: Type.String({ maxLength: 200 }), text: Type.String({ description: `at most ${maxTextLength} characters (413 beyond)` }) }), { minItems: 1, maxItems: 1000 }),
  ...Options,
});
const problems = { 400: Problem, 404: Problem, 413: Problem, 415: Problem };

/**
 * The request body of /v1/extract/file, per content type. The bytes arrive as a
 * Buffer whatever their type, so these schemas only document: none has a type a
 * Buffer would fail, and the document readers say what is wrong with a file.
 */
const fileBytes = (description: string) => ({ schema: { description } });
const documentBody = {
  content: {
    'application/pdf': fileBytes('A PDF document'),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': fileBytes('A DOCX document'),
    'text/plain': fileBytes('Plain text'),
    'text/markdown': fileBytes('Markdown'),
    'text/html': fileBytes('An HTML page'),
    'application/octet-stream': fileBytes('Any of these formats, recognised from its bytes and ?filename='),
    'multipart/form-data': {
      schema: {
        type: 'object',
        description: 'A form (curl -F file=@resume.pdf) with the file in a field named file (else the first part with a filename)',
        properties: { file: { description: 'The document file', contentMediaType: 'application/octet-stream' } },
      },
    },
  },
};

const present = (entry: ExtractedSkill) => ({ id: entry.skill.id, name: entry.skill.name, type: entry.skill.type, confidence: entry.confidence, mention: entry.mention, spans: entry.spans });

/** Skill extraction: /v1/extract, its batch form, and the Lightcast-compatible paths. */
export function extractRoutes(app: FastifyInstance, context: Context): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { extraction } = context;
  const bodyLimit = 4 * maxTextLength + 64 * 1024;

  api.post('/v1/extract', {
    bodyLimit,
    schema: {
      tags: ['extraction'],
      summary: 'Extract skills from text',
      description: `Skills of the chosen library release, ranked by confidence, with the character spans that evidence them. Texts up to ${maxTextLength} characters. mode=literal finds named mentions only; full also finds skills a sentence describes without naming them.`,
      body: ExtractBody,
      response: { 200: ExtractResponse, ...problems },
    },
  }, async (request) => {
    const { text, library, version, trace = false } = request.body;
    const { confidenceThreshold = defaultThreshold, mode = defaultMode } = request.body;
    const result = await extraction.extract({ text, library, version, confidenceThreshold, mode, trace }, viewerOf(request));
    return {
      data: result.skills.map(present),
      meta: { library: result.library, version: result.version, confidenceThreshold, mode },
      ...(result.trace ? { trace: result.trace } : {}),
    };
  });

  api.post('/v1/extract/batch', {
    bodyLimit: 64 * 1024 * 1024,
    schema: {
      tags: ['extraction'],
      summary: 'Extract skills from many documents',
      description: 'Up to 1,000 documents per call; results come back in the order given, each with its id. Large batches run on worker threads, one per core.',
      body: BatchBody,
      response: {
        200: Type.Object({
          data: Type.Array(Type.Object({ id: Type.String(), skills: Type.Array(ExtractedSkillSchema) })),
          meta: Type.Object({ library: Type.String(), version: Type.String(), documents: Type.Integer() }),
        }),
        ...problems,
      },
    },
  }, async (request) => {
    const { documents, library, version } = request.body;
    const { confidenceThreshold = defaultThreshold, mode = defaultMode } = request.body;
    const { release, results } = await extraction.extractBatch(documents.map((document) => document.text), { library, version }, { confidenceThreshold, mode }, viewerOf(request));
    const data = documents.map((document, index) => ({ id: document.id, skills: (results[index] ?? []).map(present) }));
    return { data, meta: { library: release.library.id, version: release.version.version, documents: documents.length } };
  });

  // A document as it is (text, Markdown, HTML, PDF, DOCX): the body is the file's bytes.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxDocumentBytes }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<TypeBoxTypeProvider>().post('/v1/extract/file', {
      schema: {
        tags: ['extraction'],
        summary: 'Extract skills from a document file',
        description: `The body is the file itself (or a multipart/form-data form with the file in a field named file), up to ${maxDocumentBytes / 1048576} MiB: plain text, Markdown, HTML, PDF or DOCX, recognised from its bytes, its Content-Type and ?filename=. An unreadable or unknown binary file gets 415 or 422 naming it. Spans are offsets in the extracted text, which the answer includes.`,
        querystring: Type.Object({ filename: Type.Optional(Type.String({ maxLength: 255 })), trace: Trace, ...Options }),
        body: documentBody,
        response: {
          200: Type.Object({
            data: Type.Array(ExtractedSkillSchema),
            meta: Type.Object({ library: Type.String(), version: Type.String(), confidenceThreshold: Type.Number(), mode: Type.String(), format: Type.String(), text: Type.String() }),
            trace: Type.Optional(Type.Array(TraceSchema)),
          }),
          ...problems,
          422: Problem,
        },
      },
    }, async (request) => {
      const { filename, library, version, trace = false } = request.query;
      const { confidenceThreshold = defaultThreshold, mode = defaultMode } = request.query;
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const boundary = multipartBoundary(request.headers['content-type']);
      // A browser form or `curl -F file=@...` wraps the file; its own name and type are in the part.
      const upload = boundary === undefined ? { bytes: body, ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}) } : uploadedFile(body, boundary);
      const name = filename ?? upload.filename;
      const document = await documentText({ bytes: upload.bytes, ...(name ? { filename: name } : {}), ...(upload.contentType ? { contentType: upload.contentType } : {}) });
      const result = await extraction.extract({ text: document.text, library, version, confidenceThreshold, mode, trace }, viewerOf(request));
      return {
        data: result.skills.map(present),
        meta: { library: result.library, version: result.version, confidenceThreshold, mode, format: document.format, text: document.text },
        ...(result.trace ? { trace: result.trace } : {}),
      };
    });
  });

  // The Lightcast Open Skills API's extraction paths and shapes.
  const LightcastBody = Type.Object({ text: Type.String({ description: `at most ${maxTextLength} characters (413 beyond)` }), confidenceThreshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: defaultThreshold })) });
  const lightcastSkill = (request: FastifyRequest, entry: ExtractedSkill) => ({
    id: entry.skill.id,
    name: entry.skill.name,
    type: { id: { specialized: 'ST1', common: 'ST2', certification: 'ST3' }[entry.skill.type], name: { specialized: 'Specialized Skill', common: 'Common Skill', certification: 'Certification' }[entry.skill.type] },
    infoUrl: `${baseUrlOf(request)}/v1/skills/${encodeURIComponent(entry.skill.id)}`,
  });
  const lightcastParams = Type.Object({ version: Type.String({ minLength: 1, maxLength: 64 }) });
  const lightcastQuery = Type.Object({
    library: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    confidenceThreshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: `For a text/plain body (default ${defaultThreshold})` })),
  });
  // As Lightcast does, the text may come as JSON ({text, confidenceThreshold}) or as the plain text itself.
  const lightcastBody = { content: { 'application/json': { schema: LightcastBody }, 'text/plain': { schema: Type.String({ description: `The text itself, at most ${maxTextLength} characters` }) } } };
  const lightcastInput = (body: unknown, query: Static<typeof lightcastQuery>): Static<typeof LightcastBody> =>
    typeof body === 'string' ? { text: body, confidenceThreshold: query.confidenceThreshold ?? defaultThreshold } : (body as Static<typeof LightcastBody>);

  api.post('/skills/versions/:version/extract', {
    bodyLimit,
    schema: { tags: ['lightcast-compatible'], summary: 'Extract skills (Lightcast shape)', params: lightcastParams, querystring: lightcastQuery, body: lightcastBody, response: { 200: Type.Unknown(), ...problems } },
  }, async (request) => {
    const input = lightcastInput(request.body, request.query);
    const result = await extraction.extract({ text: input.text, confidenceThreshold: input.confidenceThreshold, library: request.query.library, version: request.params.version }, viewerOf(request));
    return { data: result.skills.map((entry) => ({ skill: lightcastSkill(request, entry), confidence: entry.confidence })) };
  });

  api.post('/skills/versions/:version/extract/trace', {
    bodyLimit,
    schema: { tags: ['lightcast-compatible'], summary: 'Extract skills with the evidence (Lightcast shape)', params: lightcastParams, querystring: lightcastQuery, body: lightcastBody, response: { 200: Type.Unknown(), ...problems } },
  }, async (request) => {
    const input = lightcastInput(request.body, request.query);
    const result = await extraction.extract({ text: input.text, confidenceThreshold: input.confidenceThreshold, library: request.query.library, version: request.params.version, trace: true }, viewerOf(request));
    return {
      data: {
        skills: result.skills.map((entry) => ({ skill: lightcastSkill(request, entry), confidence: entry.confidence })),
        trace: (result.trace ?? []).filter((entry: TraceEntry) => entry.kept).map((entry: TraceEntry) => ({
          surfaceForm: { value: entry.span.text, sourceStart: entry.span.start, sourceEnd: entry.span.end },
          classificationData: { skills: [{ skill: { id: entry.skillId, name: entry.name }, confidence: entry.confidence }] },
        })),
      },
    };
  });
}
