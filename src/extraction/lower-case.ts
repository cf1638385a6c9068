/**
 * Lower-casing one UTF-16 code at a time, so that the scanner reads a text
 * once and never makes a lower-cased copy of it. Code by code it agrees with
 * `String#toLowerCase` over the whole text, except for the few codes whose
 * lower case depends on their neighbours or is not one code: capital sigma
 * (its final form), capital I with a dot (two codes) and surrogates (a pair
 * lowers as one character). For those it answers `noCodeLowerCase`, and the
 * caller lower-cases the whole text instead.
 */
export const noCodeLowerCase = -1;

/** The lower case of each ASCII code. */
export const asciiLowerCase = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) asciiLowerCase[code] = code >= 65 && code <= 90 ? code + 32 : code;

/** Lower case of the codes from 128 up, learnt on first sight: 0 not yet known, else the code + 1 (0 for `noCodeLowerCase`). */
const learnt = new Int32Array(0x10000);

/** The lower case of one UTF-16 code, or `noCodeLowerCase`. */
export function lowerCaseCode(code: number): number {
  if (code < 128) return asciiLowerCase[code] as number;
  const known = learnt[code] as number;
  return known !== 0 ? known - 1 : learn(code);
}

function learn(code: number): number {
  let lower = noCodeLowerCase;
  if (code !== 0x3a3 && (code < 0xd800 || code > 0xdfff)) {
    const lowered = String.fromCharCode(code).toLowerCase();
    if (lowered.length === 1) lower = lowered.charCodeAt(0);
  }
  learnt[code] = lower + 1;
  return lower;
}

/** The whole text lower-cased with its offsets kept: a code whose lower case is longer stays as it is. */
export function lowerCaseKeepingOffsets(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (char) => (char.toLowerCase().length === char.length ? char.toLowerCase() : char)).join('');
}
