// HTML to its visible text with htmlparser2 (pure JavaScript, forgiving, streaming):
// scripts, styles, the head and hidden elements go; block elements and <br> end lines.
import { parseMarkup } from './markup.js';

/** Elements whose content is never shown as text. */
const skipped = new Set(['head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'audio', 'video', 'map']);

/** Elements that start and end a line. */
const blocks = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
  'legend', 'li', 'main', 'menu', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'tr', 'ul', 'textarea', 'select',
]);

/** Table cells: separated by a space on their row. */
const cells = new Set(['td', 'th']);

/** The visible text of an HTML document or fragment. */
export function htmlText(html: string): string {
  // The output is kept as pieces plus its last character: reading the end of a
  // string built with += flattens it, which made long pages quadratic.
  const pieces: string[] = [];
  let last = '';
  const emit = (text: string) => {
    if (text === '') return;
    pieces.push(text);
    last = text[text.length - 1] as string;
  };
  // For each open element, whether it starts a skipped subtree.
  const skips: boolean[] = [];
  let skipping = 0;
  let preformatted = 0;

  const endsInSpace = () => last === '' || /\s/.test(last);
  const newline = () => {
    if (last !== '' && last !== '\n') emit('\n');
  };
  const space = () => {
    if (!endsInSpace()) emit(' ');
  };

  parseMarkup(
    html,
    {
      open(name, attributes) {
        const skip = skipped.has(name) || Object.hasOwn(attributes, 'hidden') || attributes['aria-hidden'] === 'true';
        skips.push(skip);
        if (skip) skipping += 1;
        if (skipping > 0) return;
        if (name === 'pre') preformatted += 1;
        if (blocks.has(name)) newline();
        else if (cells.has(name)) space();
      },
      close(name) {
        const skip = skips.pop();
        if (skip === undefined) return;
        if (skip) {
          skipping -= 1;
          return;
        }
        if (skipping > 0) return;
        if (name === 'pre') preformatted -= 1;
        if (name === 'br') emit('\n');
        else if (blocks.has(name)) newline();
        else if (cells.has(name)) space();
      },
      text(text) {
        if (skipping > 0) return;
        if (preformatted > 0) {
          emit(text.replace(/\r\n?/g, '\n'));
          return;
        }
        const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ').replace(/\u00a0/g, ' ');
        emit(endsInSpace() && collapsed.startsWith(' ') ? collapsed.slice(1) : collapsed);
      },
      restart() {
        skips.length = 0;
        skipping = 0;
        preformatted = 0;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  return pieces
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
