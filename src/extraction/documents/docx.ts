// DOCX to text: unzip word/document.xml with fflate and read its paragraphs
// (w:t runs; w:tab as a tab; w:br, w:cr and the end of each w:p as newlines).
import { unzipSync } from 'fflate';
import { parseMarkup } from './markup.js';

/** The most word/document.xml may unpack to: a guard against ZIP bombs far above any real document. */
export const maxDocumentXmlBytes = 64 * 1024 * 1024;

const mainPart = 'word/document.xml';

/** Property elements (w:pPr, w:rPr, w:sectPr, w:tblPr, ...): formatting, never text. */
const properties = /^w:\w+Pr$/;

export type DocxResult = { text: string } | { problem: 'corrupt' | 'missing' | 'too_large'; detail: string };

function unpackMainPart(bytes: Uint8Array): Uint8Array | DocxResult {
  let declaredSize = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== mainPart) return false;
        declaredSize = file.originalSize;
        return file.originalSize <= maxDocumentXmlBytes;
      },
    });
  } catch (error) {
    return { problem: 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
  if (declaredSize > maxDocumentXmlBytes) {
    return { problem: 'too_large', detail: `${mainPart} unpacks to ${declaredSize} bytes` };
  }
  return files[mainPart] ?? { problem: 'missing', detail: `no ${mainPart} in the archive` };
}

/** The text of the paragraphs of a WordprocessingML body. */
export function documentXmlText(xml: string): string {
  let out = '';
  let inRun = 0;
  let inText = 0;
  let skipping = 0;
  // Inside properties (w:pPr, w:rPr, ...) a w:tab is a tab stop, not a tab.
  let inProperties = 0;
  parseMarkup(
    xml,
    {
      open(name) {
        // mc:Fallback repeats the content of mc:Choice (text boxes, shapes) for older readers.
        if (name === 'mc:Fallback') skipping += 1;
        if (skipping > 0) return;
        if (properties.test(name)) inProperties += 1;
        else if (name === 'w:r') inRun += 1;
        else if (name === 'w:t') inText += 1;
        else if (inRun === 0 || inProperties > 0) return;
        else if (name === 'w:tab' || name === 'w:ptab') out += '\t';
        else if (name === 'w:br' || name === 'w:cr') out += '\n';
        else if (name === 'w:noBreakHyphen') out += '-';
      },
      close(name) {
        if (name === 'mc:Fallback') {
          skipping -= 1;
          return;
        }
        if (skipping > 0) return;
        if (properties.test(name)) inProperties -= 1;
        else if (name === 'w:r') inRun -= 1;
        else if (name === 'w:t') inText -= 1;
        else if (name === 'w:p') out += '\n';
      },
      text(text) {
        if (skipping === 0 && inText > 0) out += text;
      },
      restart() {
        inRun = 0;
        inText = 0;
        skipping = 0;
        inProperties = 0;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The text of a DOCX file, or what is wrong with it. */
export function docxText(bytes: Uint8Array): DocxResult {
  const unpacked = unpackMainPart(bytes);
  if (!(unpacked instanceof Uint8Array)) return unpacked;
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    return { problem: 'corrupt', detail: `${mainPart} is not UTF-8` };
  }
  if (!/<(\w+:)?document[\s>]/.test(xml.slice(0, 4096))) {
    return { problem: 'corrupt', detail: `${mainPart} is not a WordprocessingML document` };
  }
  return { text: documentXmlText(xml) };
}
