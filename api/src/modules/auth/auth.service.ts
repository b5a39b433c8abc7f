import type { Me, OtpRequest, OtpSent, Session, User, VerifyRequest } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { maskPhone, parseVnMobile } from '@nongsan/vn';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { linkMembershipsByPhone } from '../cooperatives/index.ts';
import {
  CODE_TTL_MS,
  codeMatches,
  codeState,
  generateCode,
  generateSessionToken,
  hashCode,
  hashToken,
  MAX_FAILED_ATTEMPTS,
} from './auth.crypto.ts';
import * as repo from './auth.repo.ts';
import { listSellerRolesOfUser } from './me.repo.ts';

const HOUR_MS = 3600_000;

type AuthDeps = Pick<Deps, 'db' | 'env' | 'sms' | 'clock' | 'logger'>;

async function enforceLimit(deps: AuthDeps, key: string, limit: number) {
  const now = deps.clock.now();
  const { hits, windowStart } = await repo.hitRateLimit(deps.db, key, now, HOUR_MS);
  if (hits > limit) {
    const retryAfter = Math.max(1, (windowStart.getTime() + HOUR_MS - now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', { message: 'too many sign-in codes requested; try later', retryAfter });
  }
}

/**
 * Sends a sign-in code. The answer is the same whether or not the phone has an account, so the
 * endpoint cannot be used to find out who sells here.
 */
export async function requestCode(deps: AuthDeps, input: OtpRequest, clientIp: string): Promise<OtpSent> {
  // The address limit is checked first: one address trying many phones is stopped before any is counted.
  await enforceLimit(deps, `otp:ip:${clientIp}`, deps.env.otp.perIpPerHour);
  await enforceLimit(deps, `otp:phone:${input.phone}`, deps.env.otp.perPhonePerHour);

  const now = deps.clock.now();
  const code = generateCode();
  const codeId = newId('otp');
  await repo.replaceSignInCode(deps.db, {
    id: codeId,
    phone: input.phone,
    codeHash: hashCode(codeId, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    requestIp: clientIp,
    createdAt: now,
  });
  try {
    await deps.sms.send({ to: input.phone, text: deps.env.sms.template.replace('{code}', code) });
  } catch (cause) {
    deps.logger.warn({ err: cause, to: maskPhone(input.phone) }, 'sms send failed');
    throw new AppError('SERVICE_UNAVAILABLE', { message: 'could not send the SMS; try again shortly', cause });
  }
  const showCode = !deps.env.isProduction && deps.sms.name === 'console';
  return {
    sentTo: maskPhone(input.phone),
    expiresInSeconds: CODE_TTL_MS / 1000,
    ...(showCode ? { devCode: code } : {}),
  };
}

/** Checks a code; on success creates the user if new and opens a session. */
export async function verifyCode(
  deps: AuthDeps,
  input: VerifyRequest,
  meta: { userAgent: string | null },
): Promise<Session> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const stored = await repo.findLiveCodeForUpdate(tx, input.phone, now);
    // Re-checked after the lock: a concurrent request may have used or killed the code meanwhile.
    if (!stored || codeState(stored, now) !== 'live') return { ok: false as const, attemptsLeft: 0 };
    if (!codeMatches(stored.id, input.code, stored.codeHash)) {
      // The failed try is committed (this transaction returns normally) so the limit holds.
      const failed = await repo.recordFailedAttempt(tx, stored.id);
      return { ok: false as const, attemptsLeft: Math.max(0, MAX_FAILED_ATTEMPTS - failed) };
    }
    if (!(await repo.consumeCode(tx, stored.id, now))) return { ok: false as const, attemptsLeft: 0 };

    const user = await repo.upsertUserByPhone(tx, input.phone, input.name, now);
    await linkMembershipsByPhone(tx, user.id, user.phone);
    const token = generateSessionToken();
    const expiresAt = new Date(now.getTime() + deps.env.session.ttlDays * 24 * HOUR_MS);
    await repo.insertSession(tx, {
      id: newId('ses'),
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
    });
    return { ok: true as const, session: { token, expiresAt: expiresAt.toISOString(), user: toUser(user) } };
  });
  if (!outcome.ok) {
    throw new AppError('INVALID_CODE', {
      message: outcome.attemptsLeft > 0 ? 'wrong code' : 'this code is no longer valid; request a new one',
      details: { attemptsLeft: outcome.attemptsLeft },
    });
  }
  return outcome.session;
}

export async function logout(deps: Pick<Deps, 'db' | 'clock'>, user: SessionUser): Promise<void> {
  await repo.revokeSession(deps.db, user.sessionId, deps.clock.now());
}

/** Resolves a bearer token or cookie value to the signed-in user, or null. */
export async function authenticate(
  deps: Pick<Deps, 'db' | 'clock' | 'env'>,
  token: string,
): Promise<SessionUser | null> {
  // Tokens are 43 base64url characters; anything else cannot be one of ours and costs no query.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await repo.findLiveSession(deps.db, hashToken(token), deps.clock.now());
  if (!found) return null;
  return { ...found, isOperator: isOperatorPhone(deps.env.adminPhones, found.phone) };
}

export function isOperatorPhone(adminPhones: readonly string[], phone: string): boolean {
  return adminPhones.some((p) => parseVnMobile(p) === phone);
}

export async function getMe(deps: Pick<Deps, 'db'>, sessionUser: SessionUser): Promise<Me> {
  const user = await repo.findUserById(deps.db, sessionUser.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const sellers = await listSellerRolesOfUser(deps.db, user.id);
  return { user: toUser(user), isOperator: sessionUser.isOperator, sellers };
}

function toUser(row: { id: string; phone: string; name: string | null; createdAt: Date }): User {
  return { id: row.id, phone: row.phone, name: row.name, createdAt: row.createdAt.toISOString() };
}
