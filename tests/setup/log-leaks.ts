import { afterAll, expect } from 'vitest';
import { leaks, logLines, resetLogCapture } from '../../api/test/log-capture.ts';

// Issue 13: the logs of a whole integration run carry no full phone number, sign-in code, session
// token or bank account number. Every test app logs at debug level into api/test/log-capture.ts;
// after each file, each line is searched for each secret that file's requests and answers carried.
afterAll(() => {
  const found = leaks();
  const lines = logLines.length;
  resetLogCapture();
  expect(found.slice(0, 5), `${found.length} of ${lines} log lines carry a secret`).toEqual([]);
});
