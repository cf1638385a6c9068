// PDF to text with PDF.js as bundled by unpdf: pure JavaScript, no native addon,
// no network, no install scripts. Loaded on the first PDF only, because loading
// it installs polyfills and a few globals (DOMMatrix, navigator, pdfjsLib) on Node 20.
import type * as Unpdf from 'unpdf';

let unpdf: Promise<typeof Unpdf> | undefined;

export type PdfResult = { text: string } | { problem: 'corrupt' | 'encrypted'; detail: string };

interface TextPiece {
  str?: string;
  hasEOL?: boolean;
}

/**
 * The text of every page. PDF.js already inserts a space item where glyphs
 * leave a gap and marks the last item of each line (`hasEOL`), so items are
 * concatenated as they come: adding spaces between items would split words
 * that change font midway ("Hel" + "lo"). Pages are separated by a blank line.
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfResult> {
  const { getResolvedPDFJS } = await (unpdf ??= import('unpdf'));
  const pdfjs = await getResolvedPDFJS();
  // PDF.js transfers (detaches) the buffer it is given: hand it a copy, never the caller's bytes.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = error instanceof Error ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'PasswordException') return { problem: 'encrypted', detail: 'it is password-protected' };
    return { problem: 'corrupt', detail: message };
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextPiece[]) {
        if (typeof item.str !== 'string') continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      page.cleanup();
      pages.push(
        text
          .split('\n')
          .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
          .join('\n')
          .trim(),
      );
    }
    return { text: pages.filter((page) => page !== '').join('\n\n') };
  } catch (error) {
    return { problem: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}
