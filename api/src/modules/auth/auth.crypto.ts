import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_FAILED_ATTEMPTS = 5;

/** Six uniformly random digits from the OS CSPRNG (randomInt avoids modulo bias). */
export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * Codes are stored salted with their row id: a leaked table does not show codes at a glance.
 * (Six digits cannot resist an offline search; the real protections are the 5-minute life, the
 * 5-try limit and the hourly limits.)
 */
export function hashCode(codeId: string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('hex');
}

export function codeMatches(codeId: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(codeId, code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export type CodeState = 'live' | 'expired' | 'consumed' | 'dead';

export function codeState(
  code: { expiresAt: Date; consumedAt: Date | null; failedAttempts: number },
  now: Date,
): CodeState {
  if (code.consumedAt) return 'consumed';
  if (code.failedAttempts >= MAX_FAILED_ATTEMPTS) return 'dead';
  if (code.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'live';
}

/** Session tokens: 256 random bits; only their SHA-256 is stored, so a database leak signs no one in. */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
