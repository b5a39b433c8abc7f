import { describe, expect, it } from 'vitest';
import {
  CODE_TTL_MS,
  codeMatches,
  codeState,
  generateCode,
  generateSessionToken,
  hashCode,
  hashToken,
} from './auth.crypto.ts';

describe('sign-in codes', () => {
  it('are six digits, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1950);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('are stored hashed with their id as salt', () => {
    const hash = hashCode('otp_a', '123456');
    expect(hash).not.toContain('123456');
    expect(hash).not.toBe(hashCode('otp_b', '123456'));
    expect(codeMatches('otp_a', '123456', hash)).toBe(true);
    expect(codeMatches('otp_a', '123457', hash)).toBe(false);
    expect(codeMatches('otp_b', '123456', hash)).toBe(false);
  });

  it('live for five minutes, once, for five wrong tries', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const fresh = { expiresAt: new Date(now.getTime() + CODE_TTL_MS), consumedAt: null, failedAttempts: 0 };
    expect(codeState(fresh, now)).toBe('live');
    expect(codeState(fresh, new Date(now.getTime() + CODE_TTL_MS - 1))).toBe('live');
    expect(codeState(fresh, new Date(now.getTime() + CODE_TTL_MS))).toBe('expired');
    expect(codeState({ ...fresh, consumedAt: now }, now)).toBe('consumed');
    expect(codeState({ ...fresh, failedAttempts: 4 }, now)).toBe('live');
    expect(codeState({ ...fresh, failedAttempts: 5 }, now)).toBe('dead');
  });
});

describe('session tokens', () => {
  it('are long random strings stored only as a hash', () => {
    const token = generateSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateSessionToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});
