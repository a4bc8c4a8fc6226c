/** Letters and digits people can read out without confusing them (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password from the browser's CSPRNG: 20 characters of 57, about 116 bits. */
export function generatePassword(length = 20): string {
  // rejection sampling keeps every character equally likely (256 is not a multiple of 57)
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}
