/**
 * Base58 with the Bitcoin alphabet, the `z` of multibase: how Multikey public
 * and secret keys are written (z6Mk..., zrv...). Keys are a few dozen bytes, so
 * the plain big-number conversion is fast enough.
 */
const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let encoded = '';
  while (value > 0n) {
    encoded = alphabet.charAt(Number(value % 58n)) + encoded;
    value /= 58n;
  }
  // Each leading zero byte is written as the alphabet's zero, '1'.
  for (const byte of bytes) {
    if (byte !== 0) break;
    encoded = `1${encoded}`;
  }
  return encoded;
}

export function decodeBase58btc(text: string): Uint8Array {
  let value = 0n;
  for (const character of text) {
    const digit = alphabet.indexOf(character);
    if (digit < 0) throw new TypeError(`Not base58btc: ${JSON.stringify(character)}`);
    value = value * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (value > 0n) {
    body.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  let leadingZeros = 0;
  while (text.charAt(leadingZeros) === '1') leadingZeros += 1;
  return Uint8Array.from([...new Array<number>(leadingZeros).fill(0), ...body]);
}
