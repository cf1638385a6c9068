import { OpenlerError } from '../../common/errors.js';
import { credentialFromBakedText, credentialTextToBake, type BakedCredential } from './credential-text.js';
import { assertImageSize } from './limits.js';
import { OPEN_BADGES_V3_NAMESPACE, scanSvg, type SvgScan } from './svg-scan.js';

/**
 * Baked SVG badges (Open Badges 3.0, "Baked Badge" / SVG): the root `<svg>`
 * declares `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` and its
 * first child is `<openbadges:credential>`, holding either the credential's
 * JSON in CDATA or, for a VC-JWT, the compact JWS in a `verify` attribute.
 * Baking edits the text in place: the rest of the image stays as written.
 */

export { OPEN_BADGES_V3_NAMESPACE } from './svg-scan.js';

const PREFIX = 'openbadges';

interface Edit {
  start: number;
  end: number;
  text: string;
}

function svgText(input: string | Uint8Array): string {
  assertImageSize(typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length, 'The image');
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new OpenlerError('unsupported_media_type', 'The image is not an SVG: it is not UTF-8 text', { field: 'image' });
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** CDATA cannot contain `]]>`, so such a sequence is split over two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function credentialElement(credential: object | string): string {
  const { kind, text } = credentialTextToBake(credential);
  const name = `${PREFIX}:credential`;
  return kind === 'jwt' ? `<${name} verify="${escapeAttribute(text)}"></${name}>` : `<${name}>${cdata(text)}</${name}>`;
}

function applyEdits(text: string, edits: Edit[]): string {
  // Insertions (empty ranges) go before a replacement that starts at the same offset.
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let position = 0;
  for (const edit of ordered) {
    out += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return out + text.slice(position);
}

function namespaceEdits(scan: SvgScan, insertAt: number): Edit[] {
  const declared = scan.root.attributes[`xmlns:${PREFIX}`];
  if (declared === OPEN_BADGES_V3_NAMESPACE) return [];
  if (declared !== undefined) {
    throw new OpenlerError(
      'unprocessable',
      `The SVG already binds the prefix "${PREFIX}" to ${declared} (an Open Badges 2.0 baked image?); bake the credential into an unbaked image`,
      { field: 'image' },
    );
  }
  return [{ start: insertAt, end: insertAt, text: ` xmlns:${PREFIX}="${OPEN_BADGES_V3_NAMESPACE}"` }];
}

/**
 * The SVG with the credential baked in right after its `<svg>` start tag,
 * replacing any Open Badges 3.0 credential it held. The credential is an
 * object (written as JSON), JSON text, or a compact JWT.
 */
export function bakeSvg(svg: string | Uint8Array, credential: object | string): string {
  const element = credentialElement(credential);
  const text = svgText(svg);
  const scan = scanSvg(text);
  const { root } = scan;
  const edits: Edit[] = scan.credentials.map((found) => ({ start: found.start, end: found.end, text: '' }));
  if (root.selfClosing) {
    // `<svg .../>` becomes `<svg ...>` + credential + `</svg>`.
    const slash = root.end - 1;
    edits.push(...namespaceEdits(scan, slash), { start: slash, end: root.end + 1, text: `>${element}</${root.name}>` });
  } else {
    edits.push(...namespaceEdits(scan, root.end), { start: root.end + 1, end: root.end + 1, text: element });
  }
  const baked = applyEdits(text, edits);
  assertImageSize(Buffer.byteLength(baked, 'utf8'), 'The baked image');
  return baked;
}

/** The text baked into an SVG (JSON or a compact JWT), or undefined when it holds none. */
export function extractSvgCredentialText(svg: string | Uint8Array): string | undefined {
  const first = scanSvg(svgText(svg)).credentials[0];
  if (first === undefined) return undefined;
  return first.verify !== undefined && first.verify.trim() !== '' ? first.verify : first.text;
}

/**
 * The credential baked into an SVG: the JSON object, or the compact JWT as a
 * string; undefined when the image has no Open Badges 3.0 credential element.
 */
export function readBakedSvg(svg: string | Uint8Array): BakedCredential | undefined {
  const text = extractSvgCredentialText(svg);
  return text === undefined ? undefined : credentialFromBakedText(text, 'the SVG');
}
