import { Parser } from 'htmlparser2';
import { OpenlerError } from '../../common/errors.js';
import { MAX_SVG_DEPTH } from './limits.js';

/**
 * One pass over an SVG document with htmlparser2 in XML mode: where its root
 * `<svg>` start tag is, and every `credential` element in the Open Badges 3.0
 * namespace (whatever prefix binds it), with its `verify` attribute and text
 * (CDATA and entities decoded). The document must be a whole SVG: a root
 * element named svg, every element closed, nesting bounded.
 */

export const OPEN_BADGES_V3_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

export interface SvgRoot {
  /** The root element's name as written (usually `svg`). */
  name: string;
  /** Offsets of the start tag's `<` and `>`. */
  start: number;
  end: number;
  selfClosing: boolean;
  attributes: Record<string, string>;
}

export interface SvgCredentialElement {
  /** From the start tag's `<` to just past the end tag's `>`. */
  start: number;
  end: number;
  verify: string | undefined;
  text: string;
}

export interface SvgScan {
  root: SvgRoot;
  credentials: SvgCredentialElement[];
}

interface OpenElement {
  name: string;
  start: number;
  /** Namespace prefixes in scope (the parent's, plus this element's own xmlns:* declarations). */
  prefixes: ReadonlyMap<string, string>;
}

function damaged(message: string, offset?: number): OpenlerError {
  return new OpenlerError('unprocessable', `The SVG image is damaged: ${message}`, offset === undefined ? { field: 'image' } : { field: 'image', offset });
}

function notSvg(message: string): OpenlerError {
  return new OpenlerError('unsupported_media_type', `The image is not an SVG: ${message}`, { field: 'image' });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? '' : name.slice(0, colon);
}

function scopeOf(parent: ReadonlyMap<string, string>, attributes: Record<string, string>): ReadonlyMap<string, string> {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      scope ??= new Map(parent);
      scope.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), value);
    }
  }
  return scope ?? parent;
}

export function scanSvg(text: string): SvgScan {
  let root: SvgRoot | undefined;
  const credentials: SvgCredentialElement[] = [];
  const open: OpenElement[] = [];
  let current: { element: OpenElement; verify: string | undefined; text: string[] } | undefined;
  let ended = false;
  let strayText = false;

  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (open.length >= MAX_SVG_DEPTH) throw damaged(`elements are nested more than ${MAX_SVG_DEPTH} deep`, parser.startIndex);
        const parent = open[open.length - 1];
        if (root === undefined) {
          if (strayText) throw notSvg('it has text before its first element');
          if (localName(name) !== 'svg') throw notSvg(`its root element is <${name}>, not <svg>`);
          const selfClosing = text[parser.endIndex - 1] === '/';
          root = { name, start: parser.startIndex, end: parser.endIndex, selfClosing, attributes };
        } else if (parent === undefined) {
          throw damaged(`an element <${name}> follows the closed root element`, parser.startIndex);
        }
        const element: OpenElement = { name, start: parser.startIndex, prefixes: scopeOf(parent?.prefixes ?? new Map(), attributes) };
        open.push(element);
        const isCredential = localName(name) === 'credential' && element.prefixes.get(prefixOf(name)) === OPEN_BADGES_V3_NAMESPACE;
        if (isCredential && current === undefined) current = { element, verify: attributes.verify, text: [] };
      },
      onclosetag(_name, isImplied) {
        const element = open.pop();
        if (element === undefined) return;
        // htmlparser2 closes an unclosed element by itself: fine for `<g/>` (closed at its own start tag), damage otherwise.
        if (isImplied && (ended || parser.startIndex !== element.start)) {
          const closer = text.slice(parser.startIndex, parser.endIndex + 1);
          throw damaged(ended ? `<${element.name}> is never closed (the file is truncated?)` : `<${element.name}> is not closed before ${closer}`, element.start);
        }
        if (current?.element === element) {
          credentials.push({ start: element.start, end: parser.endIndex + 1, verify: current.verify, text: current.text.join('') });
          current = undefined;
        }
      },
      ontext(data) {
        if (current !== undefined) current.text.push(data);
        else if (root === undefined && /[^\s\uFEFF]/.test(data)) strayText = true;
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(text);
  ended = true;
  parser.end();
  if (root === undefined) throw notSvg(strayText ? 'it is text, not markup' : 'it has no root element');
  return { root, credentials };
}
