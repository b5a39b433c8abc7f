import { randomBytes } from 'node:crypto';

// Crockford base32 without look-alikes: ids are read aloud over the phone and typed from receipts.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Random string from the 32-letter alphabet; 5 bits of entropy per character. */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

/**
 * Opaque, prefixed ids (`sel_…`, `usr_…`): the prefix tells a reader of a log what an id names,
 * and 20 random characters (100 bits) make them unguessable, so ids never leak counts.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(20)}`;
}
