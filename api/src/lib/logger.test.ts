import { describe, expect, it } from 'vitest';
import { leaks, logLines, rememberSecret, resetLogCapture } from '../../test/log-capture.ts';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('the API log', () => {
  it('masks phone numbers in every string, however they are written', () => {
    const { logger, lines } = capture();
    logger.info({ sms: { to: '+84912345678', text: 'Mã của 0912 345 678' }, nested: [{ who: '0912345678' }] }, 'sent');
    expect(lines[0]).not.toMatch(/912.?345/);
    expect(JSON.parse(lines[0]!).sms.to).toBe('+84 91* *** 678');
  });

  it('redacts secrets by field name', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        token: 's3cr3t-token',
        user: { devCode: '482913', accountNumber: '0011001234567' },
        headers: { cookie: 'ns_session=x' },
      },
      'x',
    );
    expect(lines[0]).not.toMatch(/s3cr3t|482913|0011001234567|ns_session/);
  });

  it('logs a failed query without its parameters, keeping the SQLSTATE code', () => {
    const driver = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
      detail: 'Key (phone)=(+84912345678) already exists.',
      parameters: ['+84912345678', 'Nguyễn Văn A'],
    });
    // What drizzle throws: the SQL and the values in the message, the driver error as its cause.
    const wrapped = Object.assign(
      new Error(
        'Failed query: insert into "users" ("phone", "name") values ($1, $2)\nparams: +84912345678,Nguyễn Văn A',
        {
          cause: driver,
        },
      ),
      { name: 'DrizzleQueryError', query: 'insert …', params: ['+84912345678', 'Nguyễn Văn A'] },
    );
    const { logger, lines } = capture();
    logger.error({ requestId: 'r1', err: wrapped }, 'unhandled error');
    const line = lines[0]!;
    expect(line).not.toMatch(/912345678|Nguyễn Văn A/);
    const err = JSON.parse(line).err;
    expect(err).toMatchObject({
      type: 'DrizzleQueryError',
      message: 'Failed query: insert into "users" ("phone", "name") values ($1, $2) [params not logged]',
      cause: { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' },
    });
    expect(err.stack).toMatch(/^\s+at /);
  });
});

describe('the log leak check (tests/setup/log-leaks.ts)', () => {
  it('finds a remembered phone, code or token in a line, and not inside timestamps or masked forms', () => {
    resetLogCapture();
    rememberSecret('0912 345 678');
    rememberSecret('482913');
    rememberSecret('tok_abcdefghijklmnop');
    logLines.push(
      JSON.stringify({ time: 1_796_482_913_000, msg: 'request', path: '/api/v1/orders/ord_x', to: '+84 91* *** 678' }),
      JSON.stringify({ time: 1, msg: 'leak', to: '+84912345678' }),
      JSON.stringify({ time: 1, msg: 'leak', text: 'mã 482913' }),
      JSON.stringify({ time: 1, msg: 'leak', header: 'Bearer tok_abcdefghijklmnop' }),
    );
    expect(leaks().map((l) => JSON.parse(l.line).msg)).toEqual(['leak', 'leak', 'leak']);
    resetLogCapture();
  });
});
