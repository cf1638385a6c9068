import { functionWords } from './lexicon.js';
import type { ScannedText } from './scan.js';

/**
 * The units the semantic layer reads, as token starts ending with the count:
 * sentences, split further at a line that starts a new item. A bullet, a
 * list item, a heading or a table row written without a full stop begins
 * its own line with a capital, a digit or a bullet ("EDUCATION / BSN, State
 * University", "- Design APIs / - Write tests"): read together, the lines
 * would describe one mixture of skills. A line that carries on a sentence
 * wrapped in the middle ("experience with / Python", "data, / Spark") does
 * not start a unit.
 */
export function describedUnits(text: string, scanned: ScannedText): number[] {
  const { sentenceStarts, starts, ends, words, count } = scanned;
  const units: number[] = [];
  let next = 0;
  for (let token = 0; token < count; token += 1) {
    if (next < sentenceStarts.length && sentenceStarts[next] === token) {
      units.push(token);
      next += 1;
    } else {
      const item = newItemAt(text, ends[token - 1] as number, starts[token] as number);
      if (item === bulleted || (item === capitalised && !functionWords.has(words[token - 1] as string))) units.push(token);
    }
  }
  if (units.length === 0 || units[0] !== 0) units.unshift(0);
  units.push(count);
  return units;
}

const noItem = 0;
/** A line break before a capital or a digit: a new item, unless the line before ends in a word that carries on ("with / Python"). */
const capitalised = 1;
/** A line break and a bullet ("-", "*", "+", "•", "–"): a new item whatever came before. */
const bulleted = 2;

/** What the gap [from, to) between two tokens says: a line break that starts a new item, and how surely. None after a comma or hyphen. */
function newItemAt(text: string, from: number, to: number): number {
  let lineBreak = -1;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      lineBreak = i;
      break;
    }
    if (code === 44 || code === 45) return noItem;
  }
  if (lineBreak < 0) return noItem;
  for (let i = lineBreak + 1; i < to; i += 1) {
    const gap = text.charCodeAt(i);
    if (gap === 45 || gap === 42 || gap === 43 || gap === 8226 || gap === 8211 || gap === 9679 || gap === 9642) return bulleted;
  }
  const code = text.charCodeAt(to);
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90)) return capitalised;
  if (code > 127 && text.charAt(to) !== text.charAt(to).toLowerCase()) return capitalised;
  return noItem;
}
