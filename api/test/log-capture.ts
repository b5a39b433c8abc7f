import { parseVnMobile } from '@nongsan/vn';

// Every log line the test apps of one test file write, and the secrets that file's requests
// carried (phones, sign-in codes, session tokens, bank account numbers). After each integration
// file, tests/setup/log-leaks.ts looks for each secret in each line: a whole run's logs are
// checked, not a sample.

export const logLines: string[] = [];
const secrets = new Set<string>();

/** Where the test apps' logger writes (harness.ts). */
export const logDestination = {
  write(line: string) {
    logLines.push(line);
  },
};

const SECRET_KEYS = new Set(['phone', 'token', 'devCode', 'accountNumber']);

/** Records the secrets in a request or response body (by field name) so the logs can be checked for them. */
export function rememberSecrets(value: unknown, extraKeys: readonly string[] = []): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && (SECRET_KEYS.has(key) || extraKeys.includes(key))) rememberSecret(item);
    else rememberSecrets(item, extraKeys);
  }
}

/**
 * A phone is remembered as its 9 national digits (it may be logged as +84…, 84… or 0…); other
 * secrets as they are.
 */
export function rememberSecret(secret: string): void {
  const phone = parseVnMobile(secret);
  if (phone) secrets.add(`phone:${phone.slice(3)}`);
  else if (secret.length >= 6) secrets.add(secret);
}

/**
 * How a secret is found in a line. Digits only where no other digit touches them (a 6-digit code
 * is not "found" inside a timestamp); a phone also after +84, 84 or 0.
 */
function finder(secret: string): (line: string) => boolean {
  if (secret.startsWith('phone:')) {
    const pattern = new RegExp(`(?:^|\\D)(?:\\+?84|0)?${secret.slice(6)}(?!\\d)`);
    return (line) => pattern.test(line);
  }
  if (/^\d+$/.test(secret)) {
    const pattern = new RegExp(`(?<!\\d)${secret}(?!\\d)`);
    return (line) => pattern.test(line);
  }
  return (line) => line.includes(secret);
}

/** A line without the fields that are random by nature (time, request id), which could hold any digits. */
function comparable(line: string): string {
  try {
    const { time: _time, requestId: _requestId, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line);
    return JSON.stringify(rest);
  } catch {
    return line;
  }
}

/** The lines that contain a remembered secret, with the secret found. */
export function leaks(): { secret: string; line: string }[] {
  const finders = [...secrets].map((secret) => ({ secret, found: finder(secret) }));
  const leaked: { secret: string; line: string }[] = [];
  for (const raw of logLines) {
    const line = comparable(raw);
    for (const { secret, found } of finders) if (found(line)) leaked.push({ secret, line: raw });
  }
  return leaked;
}

export function resetLogCapture(): void {
  logLines.length = 0;
  secrets.clear();
}
