import { randomBytes } from 'node:crypto';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsonld, { type DocumentLoader } from 'jsonld';
import { canonize as canonizeDataset, type Literal, type Quad } from 'rdf-canonize';
import { ABSOLUTE_IRI, replaceLeaves, shapeOf, type DocumentShape } from './batch-shapes.js';

/**
 * RDFC-1.0 canonical N-Quads of JSON-LD documents, with the JSON-LD
 * processing (context resolution, expansion, conversion to RDF: nearly all of
 * the cost) done once per document shape instead of once per document.
 *
 * Compiling a shape: the document is converted to RDF with each group of
 * equal leaf strings replaced by a unique sentinel. A group whose sentinel
 * comes out whole, as a literal's value or as a node's IRI (never a type,
 * predicate, datatype or language, never inside a longer IRI), is a plain
 * pass-through and becomes a slot of the template; any other group (a term
 * read through @vocab, a prefixed name, a JSON literal, a coerced number...)
 * is kept as it is and becomes part of what the template matches, and the
 * probe is repeated until every remaining sentinel stands whole. The template
 * is then checked once against the full pipeline on the document that made it.
 *
 * Filling a template: each slot's sentinel is replaced by the document's
 * string, and rdf-canonize canonicalises the quads, so blank node labels and
 * quad order come out exactly as RDFC-1.0 makes them. A document is declined
 * (the caller takes the full pipeline) when a value would not pass through
 * as the template assumes: an IRI slot value that is not an absolute IRI,
 * that names a term of the contexts, or that equals an IRI the template holds
 * as a constant (the nodes would merge), and a literal slot value equal to a
 * constant literal of the same node and property (the two would collapse).
 * Equal values among the slots themselves are part of the shape, so the
 * template has merged and collapsed exactly those.
 */

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
/** Templates kept per canonicaliser, and per shape key (a key whose fixed values keep changing is no batch). */
const MAX_TEMPLATES = 512;
const MAX_TEMPLATES_PER_KEY = 8;
/** Shapes that failed to compile this often are left to the full pipeline. */
const MAX_REFUSALS = 3;

type Position = 'subject' | 'object' | 'graph';

interface Substitution {
  position: Position;
  group: number;
  /** For a literal: its subject, predicate, graph, datatype and language, which a constant literal of the same value would duplicate. */
  literalKey?: string;
}

interface Template {
  /** Groups the template holds as they were: a document matches only with the same values there. */
  fixed: Array<{ group: number; value: string }>;
  quads: Quad[];
  /** The quads holding slots, and what goes where. */
  edits: Array<{ quad: number; substitutions: Substitution[] }>;
  /** The groups that stand as IRIs somewhere. */
  iris: number[];
  /** The IRIs the template holds as constants: a slot equal to one would merge nodes the template keeps apart. */
  iriConstants: ReadonlySet<string>;
  /** The constant literals, by literalKey and value: a slot literal equal to one would collapse into it. */
  literalConstants: ReadonlySet<string>;
  /** Every term the document's contexts define (an IRI slot equal to one could be read as the term). */
  terms: ReadonlySet<string>;
}

export interface TemplateStats {
  /** Documents canonicalised through a template. */
  fast: number;
  /** Templates compiled. */
  compiled: number;
  /** Documents declined (left to the full pipeline). */
  declined: number;
}

/** The canonicalisation the eddsa-rdfc-2022 cryptosuite applies, with the same options. */
export function canonizeFully(document: object, documentLoader: DocumentLoader): Promise<string> {
  return eddsaRdfc2022.canonize(document, { documentLoader, base: null, safe: true });
}

function toRdf(document: object, documentLoader: DocumentLoader): Promise<Quad[]> {
  // The cryptosuite's own conversion options (see its canonize): only the JSON-LD half, without canonicalisation.
  return jsonld.toRDF(document, { documentLoader, base: null, safe: true, rdfDirection: 'i18n-datatype', produceGeneralizedRdf: false }) as Promise<Quad[]>;
}

function canonizeQuads(quads: readonly Quad[]): Promise<string> {
  return canonizeDataset(quads, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

/** The quads of a document of this template's shape, or undefined when one of its values would not pass through as a slot. */
function fill(template: Template, shape: DocumentShape): Quad[] | undefined {
  const { leaves } = shape;
  for (const group of template.iris) {
    const value = leaves[group] as string;
    if (!ABSOLUTE_IRI.test(value) || template.terms.has(value) || template.iriConstants.has(value)) return undefined;
  }
  const quads = template.quads.slice();
  for (const edit of template.edits) {
    const quad = { ...(template.quads[edit.quad] as Quad) };
    for (const { position, group, literalKey } of edit.substitutions) {
      const value = leaves[group] as string;
      if (position === 'subject') {
        quad.subject = { termType: 'NamedNode', value };
      } else if (position === 'graph') {
        quad.graph = { termType: 'NamedNode', value };
      } else if (literalKey === undefined) {
        quad.object = { termType: 'NamedNode', value };
      } else {
        if (template.literalConstants.has(`${literalKey}\u0000${value}`)) return undefined;
        quad.object = { ...(quad.object as Literal), value };
      }
    }
    quads[edit.quad] = quad;
  }
  return quads;
}

export class TemplateCanonicalizer {
  readonly stats: TemplateStats = { fast: 0, compiled: 0, declined: 0 };
  private readonly templates = new Map<string, Template[]>();
  private templateCount = 0;
  private readonly refusals = new Map<string, number>();
  private readonly compiling = new Map<string, Promise<Template | undefined>>();
  /** Sentinels carry a random marker, so no real value is mistaken for one. */
  private readonly marker = `oplr${randomBytes(6).toString('hex')}g`;
  private readonly sentinelPattern = new RegExp(`${this.marker}(\\d+)_`, 'g');

  constructor(private readonly documentLoader: DocumentLoader) {}

  /**
   * The canonical N-Quads of a JSON-LD document, exactly as the
   * eddsa-rdfc-2022 cryptosuite computes them, or undefined when the document
   * is not one a template can take: the caller then runs the full pipeline
   * (which also reports what is wrong with a broken document).
   */
  async canonize(document: Record<string, unknown>): Promise<string | undefined> {
    const shape = shapeOf(document);
    if (shape === undefined) return this.decline();
    const template = this.find(shape) ?? await this.compileOnce(document, shape);
    const quads = template === undefined ? undefined : fill(template, shape);
    if (quads === undefined) return this.decline();
    this.stats.fast += 1;
    return canonizeQuads(quads);
  }

  private decline(): undefined {
    this.stats.declined += 1;
    return undefined;
  }

  private find(shape: DocumentShape): Template | undefined {
    return this.templates.get(shape.key)?.find((template) => template.fixed.every(({ group, value }) => shape.leaves[group] === value));
  }

  private async compileOnce(document: Record<string, unknown>, shape: DocumentShape): Promise<Template | undefined> {
    const pending = this.compiling.get(shape.key);
    if (pending !== undefined) {
      await pending;
      const found = this.find(shape);
      if (found !== undefined) return found;
    }
    if ((this.refusals.get(shape.key) ?? 0) >= MAX_REFUSALS) return undefined;
    const work = this.compile(document, shape).catch(() => undefined);
    this.compiling.set(shape.key, work);
    try {
      const template = await work;
      if (template === undefined) {
        if (this.refusals.size >= MAX_TEMPLATES) this.refusals.clear();
        this.refusals.set(shape.key, (this.refusals.get(shape.key) ?? 0) + 1);
        return undefined;
      }
      this.remember(shape.key, template);
      return template;
    } finally {
      if (this.compiling.get(shape.key) === work) this.compiling.delete(shape.key);
    }
  }

  private remember(key: string, template: Template): void {
    if (this.templateCount >= MAX_TEMPLATES) {
      this.templates.clear();
      this.templateCount = 0;
    }
    const list = this.templates.get(key) ?? [];
    if (list.length >= MAX_TEMPLATES_PER_KEY) {
      list.shift();
      this.templateCount -= 1;
    }
    list.push(template);
    this.templates.set(key, list);
    this.templateCount += 1;
    this.stats.compiled += 1;
  }

  private sentinel(group: number, value: string): string {
    // A string read as an IRI keeps its scheme, so a prefix the contexts define is expanded as it would be.
    const scheme = ABSOLUTE_IRI.exec(value)?.[1];
    return scheme === undefined ? `${this.marker}${group}_` : `${scheme}:${this.marker}${group}_`;
  }

  private probe(document: object, shape: DocumentShape, replaced: (group: number) => boolean): Promise<Quad[]> {
    const probeDocument = replaceLeaves(document, (leaf, value) => {
      const group = shape.groupOf[leaf] as number;
      return replaced(group) ? this.sentinel(group, value) : value;
    });
    return toRdf(probeDocument as object, this.documentLoader);
  }

  private async compile(document: Record<string, unknown>, shape: DocumentShape): Promise<Template | undefined> {
    // The full pipeline first: a document it rejects has no template, and its output is what the template must reproduce.
    const expected = await canonizeFully(document, this.documentLoader);
    const groups = [...new Set(shape.groupOf)];
    if (groups.some((group) => (shape.leaves[group] as string).includes(this.marker))) return undefined;
    const fixed = new Set<number>();
    let quads: Quad[] | undefined;
    let isolated = false;
    while (quads === undefined) {
      let probed: Quad[];
      try {
        probed = await this.probe(document, shape, (group) => !fixed.has(group));
      } catch {
        // Some sentinel makes the document invalid (a term that must be one, a relative IRI): find which, once.
        if (isolated) return undefined;
        isolated = true;
        for (const group of await this.breaking(document, shape, groups.filter((group) => !fixed.has(group)))) fixed.add(group);
        continue;
      }
      const misread = this.misread(probed, shape, groups, fixed);
      if (misread.size === 0) quads = probed;
      for (const group of misread) fixed.add(group);
    }
    const template = await this.build(document, shape, quads, groups, fixed);
    const filled = fill(template, shape);
    if (filled === undefined || await canonizeQuads(filled) !== expected) return undefined;
    return template;
  }

  /** The groups whose sentinel alone makes the document invalid, found by halving a set that does. */
  private async breaking(document: object, shape: DocumentShape, failing: readonly number[]): Promise<number[]> {
    if (failing.length <= 1) return [...failing];
    const half = Math.ceil(failing.length / 2);
    const found: number[] = [];
    for (const part of [failing.slice(0, half), failing.slice(half)]) {
      const members = new Set(part);
      try {
        await this.probe(document, shape, (group) => members.has(group));
      } catch {
        found.push(...await this.breaking(document, shape, part));
      }
    }
    return found;
  }

  /** The groups whose sentinel does not stand whole where a passed-through string would. */
  private misread(quads: readonly Quad[], shape: DocumentShape, groups: readonly number[], fixed: ReadonlySet<number>): Set<number> {
    const seen = new Set<number>();
    const misread = new Set<number>();
    const check = (text: string, mayStand: boolean): void => {
      if (!text.includes(this.marker)) return;
      for (const match of text.matchAll(this.sentinelPattern)) {
        const group = Number(match[1]);
        if (mayStand && text === this.sentinel(group, shape.leaves[group] ?? '')) seen.add(group);
        else misread.add(group);
      }
    };
    for (const quad of quads) {
      check(quad.subject.value, quad.subject.termType === 'NamedNode');
      check(quad.predicate.value, false);
      const { object } = quad;
      if (object.termType === 'Literal') {
        check(object.value, true);
        check(object.datatype.value, false);
        check(object.language ?? '', false);
      } else {
        check(object.value, object.termType === 'NamedNode' && quad.predicate.value !== RDF_TYPE);
      }
      check(quad.graph.value, quad.graph.termType === 'NamedNode');
    }
    for (const group of groups) {
      if (!fixed.has(group) && !seen.has(group)) misread.add(group);
    }
    return misread;
  }

  private async build(document: object, shape: DocumentShape, quads: Quad[], groups: readonly number[], fixed: ReadonlySet<number>): Promise<Template> {
    const slots = new Map<string, number>();
    for (const group of groups) {
      if (!fixed.has(group)) slots.set(this.sentinel(group, shape.leaves[group] as string), group);
    }
    // Who a term is in the template: a slot by its group, anything else by itself.
    const identity = (term: Quad[Position]): string => {
      const group = term.termType === 'NamedNode' ? slots.get(term.value) : undefined;
      return group === undefined ? `${term.termType}:${term.value}` : `slot:${group}`;
    };
    const literalKeyOf = (quad: Quad, literal: Literal): string =>
      [identity(quad.subject), quad.predicate.value, identity(quad.graph), literal.datatype.value, literal.language ?? ''].join('\u0000');
    const edits: Template['edits'] = [];
    const iriConstants = new Set<string>();
    const literalConstants = new Set<string>();
    const iris = new Set<number>();
    quads.forEach((quad, index) => {
      const substitutions: Substitution[] = [];
      const visit = (position: Position, term: Quad[Position]): void => {
        if (term.termType !== 'NamedNode' && term.termType !== 'Literal') return;
        const group = slots.get(term.value);
        if (group !== undefined) {
          substitutions.push(term.termType === 'Literal' ? { position, group, literalKey: literalKeyOf(quad, term) } : { position, group });
          if (term.termType === 'NamedNode') iris.add(group);
        } else if (term.termType === 'Literal') {
          literalConstants.add(`${literalKeyOf(quad, term)}\u0000${term.value}`);
        } else {
          iriConstants.add(term.value);
        }
      };
      visit('subject', quad.subject);
      visit('object', quad.object);
      visit('graph', quad.graph);
      if (substitutions.length > 0) edits.push({ quad: index, substitutions });
    });
    return {
      fixed: [...fixed].map((group) => ({ group, value: shape.leaves[group] as string })),
      quads,
      edits,
      iris: [...iris],
      iriConstants,
      literalConstants,
      terms: iris.size === 0 ? new Set() : await this.contextTerms(document),
    };
  }

  /** Every key of every context the document uses, loaded ones and scoped ones included: a superset of its terms. */
  private async contextTerms(document: unknown): Promise<Set<string>> {
    const terms = new Set<string>();
    const loaded = new Set<string>();
    const visitContext = async (context: unknown): Promise<void> => {
      if (typeof context === 'string') {
        if (loaded.has(context)) return;
        loaded.add(context);
        const remote = (await this.documentLoader(context)).document as unknown;
        const body = typeof remote === 'string' ? JSON.parse(remote) as unknown : remote;
        if (typeof body !== 'object' || body === null) throw new Error(`The context ${context} is not a JSON object`);
        await visitContext((body as Record<string, unknown>)['@context']);
      } else if (Array.isArray(context)) {
        for (const item of context) await visitContext(item);
      } else if (typeof context === 'object' && context !== null) {
        for (const [key, definition] of Object.entries(context)) {
          terms.add(key);
          if (key === '@import') await visitContext(definition);
          else if (typeof definition === 'object' && definition !== null && '@context' in definition) await visitContext((definition as Record<string, unknown>)['@context']);
        }
      }
    };
    const visitDocument = async (value: unknown): Promise<void> => {
      if (Array.isArray(value)) {
        for (const item of value) await visitDocument(item);
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          if (key === '@context') await visitContext(item);
          else await visitDocument(item);
        }
      }
    };
    await visitDocument(document);
    return terms;
  }
}
