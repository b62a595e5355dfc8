/** The shape check forms make before sending an email address (the server validates it fully). */

/** Whether `value` has the shape of an address (something@something.tld), so a typo is marked at its field. */
export function looksLikeEmail(value: string): boolean {
  return /^\S+@\S+\.\S+$/.test(value.trim());
}
