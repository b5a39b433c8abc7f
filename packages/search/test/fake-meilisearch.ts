// A local HTTP server that answers as Meilisearch does (its documented routes, task objects and
// error bodies), just enough for the Meilisearch engine's error paths to be tested with the real
// client over real HTTP: no Meilisearch server can be installed on the development machines. It
// stores nothing: writes succeed as tasks, searches find nothing, unless a test sets an answer with
// `on()`. Exported as `@nongsan/search/fake-meilisearch`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeRequest = { method: string; path: string; body: unknown };

/** An answer: a status with a JSON or raw body, or `hang` (never answers) or `drop` (closes the socket). */
export type FakeAnswer = { status: number; json?: unknown; body?: string; contentType?: string } | 'hang' | 'drop';

type Rule = {
  method: string;
  path: RegExp;
  answer: (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;
  times: number;
};

export type FakeMeilisearch = {
  url: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /** Answers the next `times` (default every) matching request so; later rules win. */
  on(
    method: string,
    path: RegExp,
    answer: FakeAnswer | ((request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>),
    times?: number,
  ): void;
  close(): Promise<void>;
};

/** An error answer in Meilisearch's documented shape (`message`, `code`, `type`, `link`). */
export function meiliError(
  status: number,
  code: string,
  type: 'invalid_request' | 'internal' | 'auth' | 'system',
  message: string,
): FakeAnswer {
  return { status, json: { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` } };
}

/** A proxy's error page in front of Meilisearch: HTML, not JSON. */
export const PROXY_ERROR_PAGE: FakeAnswer = {
  status: 502,
  contentType: 'text/html',
  body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
};

const TASK_TYPES: [string, RegExp, string][] = [
  ['POST', /^\/indexes$/, 'indexCreation'],
  ['PATCH', /^\/indexes\/[^/]+\/settings$/, 'settingsUpdate'],
  ['POST', /^\/indexes\/[^/]+\/documents$/, 'documentAdditionOrUpdate'],
  ['PUT', /^\/indexes\/[^/]+\/documents$/, 'documentAdditionOrUpdate'],
  ['POST', /^\/indexes\/[^/]+\/documents\/delete-batch$/, 'documentDeletion'],
  ['DELETE', /^\/indexes\/[^/]+\/documents$/, 'documentDeletion'],
  ['DELETE', /^\/indexes\/[^/]+$/, 'indexDeletion'],
];

const emptyResult = (query: Record<string, unknown>) => ({
  indexUid: query.indexUid,
  hits: [],
  query: query.q ?? '',
  processingTimeMs: 0,
  hitsPerPage: query.hitsPerPage ?? 20,
  page: query.page ?? 1,
  totalPages: 0,
  totalHits: 0,
  facetDistribution: {},
});

export async function startFakeMeilisearch(options: { version?: string } = {}): Promise<FakeMeilisearch> {
  const requests: FakeRequest[] = [];
  const rules: Rule[] = [];
  const tasks = new Map<number, { indexUid: string | null; type: string; enqueuedAt: string }>();

  /** Meilisearch's default answers: a v1.15 server whose every task succeeds and whose index is empty. */
  function defaultAnswer(request: FakeRequest): FakeAnswer {
    const { method, path } = request;
    if (method === 'GET' && path === '/version') {
      return {
        status: 200,
        json: {
          commitSha: 'f'.repeat(40),
          commitDate: '2025-06-02T00:00:00Z',
          pkgVersion: options.version ?? '1.15.2',
        },
      };
    }
    if (method === 'GET' && path === '/health') return { status: 200, json: { status: 'available' } };
    const taskType = TASK_TYPES.find(([m, p]) => m === method && p.test(path));
    if (taskType) {
      const uid = tasks.size;
      const indexUid =
        path === '/indexes' ? String((request.body as { uid?: string })?.uid) : (path.split('/')[2] ?? null);
      const enqueuedAt = new Date().toISOString();
      tasks.set(uid, { indexUid, type: taskType[2], enqueuedAt });
      return { status: 202, json: { taskUid: uid, indexUid, status: 'enqueued', type: taskType[2], enqueuedAt } };
    }
    const task = /^\/tasks\/(\d+)$/.exec(path);
    if (method === 'GET' && task) {
      const uid = Number(task[1]);
      const known = tasks.get(uid);
      if (!known) return meiliError(404, 'task_not_found', 'invalid_request', `Task \`${uid}\` not found.`);
      return { status: 200, json: taskObject(uid, known, 'succeeded') };
    }
    if (method === 'POST' && path === '/multi-search') {
      const queries = ((request.body as { queries?: Record<string, unknown>[] })?.queries ?? []).map(emptyResult);
      return { status: 200, json: { results: queries } };
    }
    const search = /^\/indexes\/([^/]+)\/search$/.exec(path);
    if (method === 'POST' && search)
      return { status: 200, json: emptyResult({ ...(request.body as object), indexUid: search[1] }) };
    return meiliError(
      404,
      'not_found',
      'invalid_request',
      `${method} ${path} is not a Meilisearch route this fake knows`,
    );
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {}
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, body };
    requests.push(request);
    const rule = [...rules]
      .reverse()
      .find((r) => r.times > 0 && r.method === request.method && r.path.test(request.path));
    if (rule) rule.times -= 1;
    const answer = rule ? await rule.answer(request) : defaultAnswer(request);
    if (answer === 'hang') return;
    if (answer === 'drop') {
      req.socket.destroy();
      return;
    }
    const payload = answer.body ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on: (method, path, answer, times = Number.POSITIVE_INFINITY) => {
      rules.push({ method, path, answer: typeof answer === 'function' ? answer : () => answer, times });
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A task object as `GET /tasks/:uid` answers it. */
export function taskObject(
  uid: number,
  task: { indexUid: string | null; type: string; enqueuedAt?: string },
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed',
  error: { message: string; code: string; type: string; link: string } | null = null,
) {
  const at = task.enqueuedAt ?? new Date().toISOString();
  const done = status === 'succeeded' || status === 'failed';
  return {
    uid,
    batchUid: uid,
    indexUid: task.indexUid,
    status,
    type: task.type,
    canceledBy: null,
    details: {},
    error,
    duration: done ? 'PT0.001S' : null,
    enqueuedAt: at,
    startedAt: status === 'enqueued' ? null : at,
    finishedAt: done ? at : null,
  };
}
