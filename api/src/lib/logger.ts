import { maskPhonesIn } from '@nongsan/vn';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout (or `destination`: tests collect the lines). What a log must
 * never carry, whoever writes the line:
 * - secrets by field name (session tokens, sign-in codes, bank account numbers): `[redacted]`;
 * - phone numbers anywhere in any string: masked to `+84 91* *** 678`;
 * - query parameters: an error is logged as its type, message, SQLSTATE code and stack, never
 *   its other fields (drizzle's "Failed query … params: …" carries the values of the query).
 * A PostgreSQL error's `code` (SQLSTATE, `23505`) stays readable: it is what an operator needs.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'api' },
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    formatters: { log: (object) => safeForLog(object) as Record<string, unknown> },
    // safeForLog already turned errors into plain, safe objects; pino's own serializer would
    // copy every enumerable field of an Error back in.
    serializers: { err: (value: unknown) => value },
  };
  return destination ? pino(options, destination) : pino(options);
}

const SECRET_FIELDS = ['token', 'authorization', 'cookie', 'otp', 'devCode', 'accountNumber', 'password'];
const REDACTED_FIELDS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

const MAX_DEPTH = 6;

/** The log object with phones masked in every string and errors reduced to what is safe to keep. */
function safeForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhonesIn(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return safeError(value, depth);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => safeForLog(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = safeForLog(item, depth + 1);
  return out;
}

type SafeError = { type: string; message: string; code?: string; stack?: string; cause?: SafeError };

/**
 * An error as the log keeps it: drizzle wraps a driver error in "Failed query: <sql>\nparams:
 * <values>", so only the part before `params:` of a message is kept, and of the stack only its
 * frames. The SQLSTATE of a PostgreSQL error is kept; other fields (`detail` repeats the values
 * of a violated key, `parameters`, `query`) are not.
 */
function safeError(error: Error, depth: number): SafeError {
  const code = (error as { code?: unknown }).code;
  const safe: SafeError = { type: error.name, message: maskPhonesIn(withoutParams(error.message)) };
  if (typeof code === 'string' && code.length <= 16) safe.code = code;
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '));
  if (frames && frames.length > 0) safe.stack = frames.join('\n');
  if (error.cause instanceof Error && depth < MAX_DEPTH) safe.cause = safeError(error.cause, depth + 1);
  return safe;
}

function withoutParams(message: string): string {
  const at = message.search(/\n?params:/);
  return at === -1 ? message : `${message.slice(0, at)} [params not logged]`;
}
