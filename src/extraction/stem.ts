/**
 * A small English suffix stemmer for matching inflected mentions ("managed
 * budgets" against Budget Management). It is applied to skill labels and to
 * text alike, so the stems only need to agree, not to be real words.
 */
const rules: Array<[string, string]> = [
  ['izations', 'iz'], ['ization', 'iz'], ['isations', 'iz'], ['isation', 'iz'],
  ['yzing', 'yz'], ['ysing', 'yz'], ['yzed', 'yz'], ['ysed', 'yz'], ['yzes', 'yz'], ['yses', 'yz'], ['ysis', 'yz'], ['yze', 'yz'], ['yse', 'yz'],
  ['izing', 'iz'], ['ising', 'iz'], ['ized', 'iz'], ['ised', 'iz'], ['izes', 'iz'], ['ises', 'iz'], ['ize', 'iz'], ['ise', 'iz'],
  ['ations', 'at'], ['ation', 'at'], ['ating', 'at'], ['ated', 'at'], ['ates', 'at'], ['ate', 'at'],
  ['ments', ''], ['ment', ''],
  ['ings', ''], ['ing', ''],
  ['ies', 'y'], ['ied', 'y'],
  ['ed', ''],
  ['es', ''],
  ['s', ''],
];

export function stem(word: string): string {
  if (word.length <= 3) return word;
  const last = word.charCodeAt(word.length - 1);
  // Only plain words of letters are stemmed: "c++", "3d", "node.js" stay as they are.
  if (!/^[a-z]+$/.test(word)) return word;
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    if (suffix === 's' && (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is'))) return word;
    if (suffix === 'es' && !/(?:ss|x|z|ch|sh)es$/.test(word)) continue;
    const base = word.slice(0, word.length - suffix.length) + replacement;
    if (base.length < 4) return word;
    return dropFinalE(undouble(base));
  }
  return last === 101 /* e */ ? dropFinalE(word) : word;
}

/** "planning" -> "plann" -> "plan", so that it meets "plan". */
function undouble(base: string): string {
  const n = base.length;
  if (n >= 4 && base[n - 1] === base[n - 2] && !'lsz'.includes(base[n - 1] as string)) return base.slice(0, -1);
  return base;
}

function dropFinalE(base: string): string {
  return base.length > 3 && base.endsWith('e') ? base.slice(0, -1) : base;
}
