// Markdown to plain text, line by line: the markup goes, the words and the
// line structure stay (one output line per input line, so line numbers hold).
// Every pattern here runs in linear time on a line of any length (a 10 MiB
// upload may be one line): no bracket or emphasis scan can run past the next
// opener, and trailing whitespace is trimmed with trimEnd, not /\s+$/. Inline
// markup is stripped in pieces of at most `maxInlineChunk` characters, which
// also bounds the regex engine's backtracking stack.
import { decodeHTML } from 'entities';

const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const atxHeading = /^ {0,3}#{1,6}(?=\s|$)/;
const setextUnderline = /^ {0,3}(=+|-+)\s*$/;
const blockquote = /^ {0,3}>\s?/;
const listMarker = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+|$)/;
const taskBox = /^\[[ xX]\]\s+/;
const referenceDefinition = /^ {0,3}\[(?!\^)[^[\]]+\]:\s*\S/;
const footnoteDefinition = /^ {0,3}\[\^[^[\]]+\]:\s*/;

/** `---`, `* * *` or `___`: three or more of one character, spaces allowed. */
function isThematicBreak(line: string): boolean {
  if (!/^ {0,3}[-*_]/.test(line)) return false;
  const compact = line.replace(/\s+/g, '');
  return compact.length >= 3 && /^(?:-+|\*+|_+)$/.test(compact);
}

/** A table's delimiter row: `| --- | :-: |`, a pipe required. */
function isTableDelimiter(line: string): boolean {
  if (!line.includes('|') || !line.includes('-')) return false;
  let compact = line.replace(/\s+/g, '');
  if (compact.startsWith('|')) compact = compact.slice(1);
  if (compact.endsWith('|')) compact = compact.slice(0, -1);
  return compact.split('|').every((cell) => /^:?-+:?$/.test(cell));
}

type LineKind = 'fence' | 'code' | 'delimiter' | 'row' | 'text';

/** Marks fenced code, fence lines and table rows (a header row, its delimiter row, then rows up to a blank line). */
function lineKinds(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let fence: { char: string; length: number } | undefined;
  let inTable = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) {
        fence = undefined;
        kinds.push('fence');
      } else {
        kinds.push('code');
      }
      continue;
    }
    const open = fenceOpen.exec(line);
    if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) {
      fence = { char: open[1][0] as string, length: open[1].length };
      inTable = false;
      kinds.push('fence');
      continue;
    }
    if (inTable && line.trim() !== '' && line.includes('|')) {
      kinds.push('row');
      continue;
    }
    inTable = false;
    const previous = lines[i - 1];
    if (kinds[i - 1] === 'text' && previous?.includes('|') && isTableDelimiter(line)) {
      kinds[i - 1] = 'row';
      kinds.push('delimiter');
      inTable = true;
      continue;
    }
    kinds.push('text');
  }
  return kinds;
}

/**
 * Splits a line into inline code spans (kept as their content) and the rest.
 * As in CommonMark, a run of N backticks opens a span that the next run of
 * exactly N backticks closes; a run without such a closer is literal text.
 */
function inlineSegments(line: string): Array<{ code: boolean; text: string }> {
  const runs: Array<{ start: number; length: number; escaped: boolean }> = [];
  for (let i = line.indexOf('`'); i !== -1; i = line.indexOf('`', i)) {
    const start = i;
    while (line[i] === '`') i += 1;
    runs.push({ start, length: i - start, escaped: start > 0 && line[start - 1] === '\\' });
  }
  // For each run length, the indexes of the runs of that length, in order.
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => byLength.get(run.length)?.push(index) ?? byLength.set(run.length, [index]));
  const cursor = new Map<number, number>();
  const segments: Array<{ code: boolean; text: string }> = [];
  let last = 0;
  for (let index = 0; index < runs.length; index += 1) {
    const open = runs[index] as { start: number; length: number; escaped: boolean };
    // A backslash before a backtick run keeps it from opening a span (it may still close one).
    if (open.escaped) continue;
    const sameLength = byLength.get(open.length) as number[];
    let at = cursor.get(open.length) ?? 0;
    while (at < sameLength.length && (sameLength[at] as number) <= index) at += 1;
    cursor.set(open.length, at);
    const closeIndex = sameLength[at];
    if (closeIndex === undefined) continue;
    const close = runs[closeIndex] as { start: number; length: number; escaped: boolean };
    segments.push({ code: false, text: line.slice(last, open.start) });
    let content = line.slice(open.start + open.length, close.start);
    if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ')) content = content.slice(1, -1);
    segments.push({ code: true, text: content });
    last = close.start + close.length;
    index = closeIndex;
  }
  segments.push({ code: false, text: line.slice(last) });
  return segments;
}

/** Removes HTML comments that open and close on the line. */
function removeComments(text: string): string {
  let out = '';
  let last = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', last)) {
    const close = text.indexOf('-->', open + 4);
    if (close === -1) break;
    out += text.slice(last, open);
    last = close + 3;
  }
  return out + text.slice(last);
}

// Link text holds no brackets and titles no parentheses, so a scan stops at the next opener.
const linkDestination = String.raw`[^()\s]*(?:\([^()\s]*\)[^()\s]*)?(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?`;
const image = new RegExp(String.raw`!\[([^[\]]*)\]\(\s*${linkDestination}\s*\)`, 'g');
const link = new RegExp(String.raw`\[([^[\]]*)\]\(\s*${linkDestination}\s*\)`, 'g');
const referenceLink = /!?\[([^[\]]+)\]\[[^[\]]*\]/g;
const footnoteReference = /\[\^[^[\]]+\]/g;
const angleBrackets = /<([^<>\s]+)>/g;
const htmlTag = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
// Emphasis content cannot run past the next delimiter of its kind.
const starStrong = /(?<!\\)\*\*(?=\S)((?:[^*]|\*(?!\*))*?[^\s\\])\*\*/g;
const underscoreStrong = /(?<![\w\\])__(?=\S)((?:[^_]|_(?!_))*?[^\s\\])__(?!\w)/g;
const strike = /~~(?=\S)((?:[^~]|~(?!~))*?[^\s\\])~~/g;
const starEmphasis = /(?<![*\\])\*(?=[^\s*])([^*]*?[^\s*\\])\*(?!\*)/g;
const underscoreEmphasis = /(?<![\w\\])_(?=[^\s_])([^_]*?[^\s_\\])_(?!\w)/g;

/** `<https://…>` and `<name@host.tld>` autolinks become their address; other angle brackets stay for the tag pass. */
function autolink(match: string, inner: string): string {
  if (/^(?:https?|ftp|mailto):/i.test(inner)) return inner;
  const at = inner.indexOf('@');
  if (at > 0 && inner.indexOf('@', at + 1) === -1 && inner.indexOf('.', at) > at + 1 && !inner.endsWith('.')) return inner;
  return match;
}
const escape = /\\([!-/:-@[-`{-~])/g;

/** Characters that start some inline markup; text without any is left as it is. */
const inlineMarkup = /[*_~[<&\\]/;

function stripInline(text: string): string {
  if (!inlineMarkup.test(text)) return text;
  return decodeHTML(
    removeComments(text)
      .replace(image, '$1')
      .replace(link, '$1')
      .replace(referenceLink, '$1')
      .replace(footnoteReference, '')
      .replace(angleBrackets, autolink)
      .replace(htmlTag, (tag) => (/^<br\b/i.test(tag) ? ' ' : ''))
      .replace(starStrong, '$1')
      .replace(underscoreStrong, '$1')
      .replace(strike, '$1')
      .replace(starEmphasis, '$1')
      .replace(underscoreEmphasis, '$1')
      .replace(escape, '$1'),
  );
}

function inlineChunk(text: string): string {
  return inlineSegments(text)
    .map((segment) => (segment.code ? segment.text : stripInline(segment.text)))
    .join('');
}

/** Inline markup spans longer than this on one line may be left as they are. */
const maxInlineChunk = 8192;

function inline(line: string): string {
  if (line.length <= maxInlineChunk) return inlineChunk(line);
  let out = '';
  for (let start = 0; start < line.length; ) {
    let end = Math.min(start + maxInlineChunk, line.length);
    if (end < line.length) {
      // Cut at a space where there is one in the second half of the piece (searching that half only).
      const half = start + maxInlineChunk / 2;
      const space = line.slice(half, end).lastIndexOf(' ');
      if (space !== -1) end = half + space;
    }
    out += inlineChunk(line.slice(start, end));
    start = end;
  }
  return out;
}

/** The cells of a table row, pipes gone (a pipe escaped as `\|` or inside a code span stays). */
function tableCells(line: string): string {
  const cells: string[] = [];
  let start = 0;
  let inCode = false;
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    if (code === 0x5c /* backslash */ && line.charCodeAt(i + 1) === 0x7c) i += 1;
    else if (code === 0x60 /* backtick */) inCode = !inCode;
    else if (code === 0x7c /* pipe */ && !inCode) {
      cells.push(line.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(line.slice(start));
  const trimmed = cells.map((cell) => cell.replaceAll('\\|', '|').trim());
  if (trimmed[0] === '') trimmed.shift();
  if (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return inline(trimmed.join(' '));
}

/** A heading's text without its optional closing sequence: ` Title ##` -> ` Title` (but `C#` stays). */
function withoutClosingHashes(heading: string): string {
  const trimmed = heading.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end -= 1;
  if (end === trimmed.length) return trimmed;
  if (end === 0) return '';
  return /\s/.test(trimmed[end - 1] as string) ? trimmed.slice(0, end) : trimmed;
}

function blockLine(original: string, previousKind: LineKind | undefined, previousLine: string | undefined): string {
  let line = original;
  if (isThematicBreak(line)) return '';
  if (setextUnderline.test(line) && previousKind === 'text' && previousLine !== undefined && previousLine.trim() !== '') return '';
  if (referenceDefinition.test(line)) return '';
  for (let guard = 0; guard < 16 && blockquote.test(line); guard += 1) line = line.replace(blockquote, '');
  for (let guard = 0; guard < 16 && listMarker.test(line); guard += 1) line = line.replace(listMarker, '');
  line = line.replace(taskBox, '').replace(footnoteDefinition, '');
  if (atxHeading.test(line)) line = withoutClosingHashes(line.replace(atxHeading, ''));
  // Trailing double spaces or a backslash mark a hard line break.
  line = line.trimEnd();
  if (line.endsWith('\\')) line = line.slice(0, -1);
  return inline(line).trim();
}

/** The text of a Markdown document, without its markup, one output line per input line. */
export function markdownText(markdown: string): string {
  const lines = markdown.split('\n');
  const kinds = lineKinds(lines);
  return lines
    .map((line, i) => {
      const kind = kinds[i];
      if (kind === 'code') return line;
      if (kind === 'fence' || kind === 'delimiter') return '';
      if (kind === 'row') return tableCells(line);
      return blockLine(line, kinds[i - 1], lines[i - 1]);
    })
    .join('\n');
}
