/**
 * Text normalisation shared by indexing and querying: lower case, accents
 * folded, split into tokens that keep the symbols skill names rely on
 * ("c++", "c#", ".net", "node.js").
 */
const tokenPattern = /[\p{L}\p{N}+#.]+/gu;
const combiningMarks = /[\u0300-\u036f]/g;

export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(combiningMarks, '').toLowerCase();
}

/** Tokens of a text, in order. Dots survive only inside a token or before a word (".net"). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldCase(text).matchAll(tokenPattern)) {
    let token = match[0];
    while (token.endsWith('.')) token = token.slice(0, -1);
    while (token.startsWith('.') && !/^\.\p{L}/u.test(token)) token = token.slice(1);
    if (token.length > 0 && /[\p{L}\p{N}]/u.test(token)) tokens.push(token);
  }
  return tokens;
}

/** The key two labels share when they read the same: their tokens joined by one space. */
export function labelKey(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * Extra spellings of a token under which it is also found: "node.js" as
 * "nodejs", so either way of writing it matches.
 */
export function tokenVariants(token: string): string[] {
  const squashed = token.replace(/\./g, '');
  return squashed !== token && squashed.length > 1 ? [squashed] : [];
}

/**
 * Optimal-string-alignment distance between a and b (edits, with adjacent
 * transpositions counting one), or maxDistance + 1 once it is known to exceed it.
 */
export function editDistance(a: string, b: string, maxDistance: number): number {
  if (Math.abs(a.length - b.length) > maxDistance) return maxDistance + 1;
  const width = b.length + 1;
  let previousPrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (previousPrevious[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > maxDistance) return maxDistance + 1;
    [previousPrevious, previous, current] = [previous, current, previousPrevious];
  }
  return previous[b.length] as number;
}

/** How many typos a query token of this length may carry. */
export function allowedTypos(token: string): number {
  if (token.length < 4 || /\d/.test(token)) return 0;
  return token.length < 8 ? 1 : 2;
}
