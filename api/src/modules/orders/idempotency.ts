import { createHash } from 'node:crypto';

// The idempotency toolkit of commands that take an Idempotency-Key: the request's hash (the same
// request always hashes the same) and the stored answer's shape. The keys live in orders.repo.

/** JSON with object keys sorted, so the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The validated request (phones and provinces already normalised), hashed with the command's name. */
export function requestHashOf(command: string, input: unknown): string {
  return createHash('sha256')
    .update(`${command}\n${canonicalJson(input)}`)
    .digest('base64url');
}

export type CommandResponse<T> = { status: number; body: T };

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string };
    if (pg.code === '23505') return (pg.constraint_name ?? pg.constraint) === constraint;
  }
  return false;
}
