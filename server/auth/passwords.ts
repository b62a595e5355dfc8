/** Password hashing with argon2id. */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * One spelling of a password however it was typed: "ñ" is one code point from one keyboard and "n" plus a combining
 * tilde from another (or pasted), and the person who set "contraseña" on one was refused it on the other.
 */
function canonical(password: string): string {
  return password.normalize('NFC');
}

/** argon2id hash of a password (of its canonical spelling). */
export function hashPassword(password: string): Promise<string> {
  return hash(canonical(password), OPTIONS);
}

// Verified against when the email is unknown, so both failures take the same path and time.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a password; with no stored hash it still does the work of one verification (two, as for a known person, when
 * the password has another spelling). A hash stored before passwords were canonical is also tried with the password
 * as typed.
 */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  const spellings = canonical(password) === password ? [password] : [canonical(password), password];
  if (!stored) {
    dummyHash ??= hash('enlace-dummy-password', OPTIONS);
    const dummy = await dummyHash;
    for (const spelling of spellings) await verify(dummy, spelling).catch(() => false);
    return false;
  }
  for (const spelling of spellings) if (await verify(stored, spelling).catch(() => false)) return true;
  return false;
}
