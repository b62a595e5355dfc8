/** Random passwords an admin can hand on: long enough for the server's rule, without look-alike characters. */
import { DEFAULT_LIMITS } from '../../../shared/constants.js';

// No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = Math.max(16, DEFAULT_LIMITS.passwordMinLength);

/** A new random password from the browser's cryptographic generator (rejection sampling keeps it uniform). */
export function generatePassword(length = LENGTH): string {
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}
