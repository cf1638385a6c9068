// htmlparser2 with a bound on nesting. Its Parser keeps the open elements with
// Array.unshift, so each start tag costs as much as the depth: a 10 MiB upload
// of unclosed tags (`<b><b><b>…`) would take hours. Past `maxMarkupDepth` open
// elements the parse is cut and a fresh parser goes on from the next byte, so
// the cost stays linear; the handler is told to forget its open elements.
// (Browsers bound the depth of the tree too, at 512 in Chromium.)
import { Parser, type ParserOptions } from 'htmlparser2';

export const maxMarkupDepth = 512;

export interface MarkupHandler {
  open(name: string, attributes: Record<string, string>): void;
  /** Every opened element is closed, explicitly or implied (void elements at once). */
  close(name: string): void;
  text(text: string): void;
  /** Parsing starts over after a cut: every element counts as closed, with no close events. */
  restart(): void;
}

/** Parses HTML or XML, calling the handler for elements and text, in time linear in the input. */
export function parseMarkup(markup: string, handler: MarkupHandler, options: ParserOptions): void {
  let offset = 0;
  while (offset < markup.length) {
    let depth = 0;
    let cut = -1;
    const parser: Parser = new Parser(
      {
        onopentag(name, attributes) {
          depth += 1;
          handler.open(name, attributes);
          if (depth >= maxMarkupDepth && cut === -1) {
            // endIndex is the tag's closing '>'; pausing stops the tokenizer right after this tag.
            cut = parser.endIndex + 1;
            parser.pause();
          }
        },
        onclosetag(name) {
          depth -= 1;
          handler.close(name);
        },
        ontext(text) {
          handler.text(text);
        },
      },
      options,
    );
    parser.write(offset === 0 ? markup : markup.slice(offset));
    if (cut === -1) {
      parser.end();
      return;
    }
    offset += cut;
    handler.restart();
  }
}
