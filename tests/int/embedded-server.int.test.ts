import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The embedded default as a new user runs it: the real server process on PGlite under a fresh
 * DATA_DIR, migrated and seeded on start, then signed in to over HTTP.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
    cwd: root,
    // No DATABASE_URL: the embedded default.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

// The first start migrates and seeds 68 listings with generated photos: ~20 s on a quiet machine,
// over a minute on two cores shared with other jobs. Wait up to the hook's own timeout.
async function waitReady(base: string, child: ChildProcess) {
  const deadline = Date.now() + 170_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

describe('the embedded default (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nongsan-embedded-'));
  let port = 0;
  let base = '';
  let server: ReturnType<typeof startServer>;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer({ API_PORT: String(port), DATA_DIR: dataDir });
    await waitReady(base, server.child);
  }, 180_000);

  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates, seeds, signs in and creates a farmer profile', async () => {
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', database: 'pglite' });
    const demo = await fetch(`${base}/api/v1/sellers/sel_demo_tancuong`);
    expect(((await demo.json()) as any).name).toBe('HTX Chè Tân Cương');

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${base}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const otp = (await (await post('/auth/otp', { phone: '0912 345 678' })).json()) as any;
    const session = (await (await post('/auth/verify', { phone: '0912345678', code: otp.devCode })).json()) as any;
    const created = await post(
      '/sellers',
      { kind: 'farmer', name: 'Vườn chè nhà Lan', province: 'Thai Nguyen' },
      session.token,
    );
    expect(created.status).toBe(201);
    const me = (await (
      await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${session.token}` } })
    ).json()) as any;
    expect(me.sellers).toEqual([expect.objectContaining({ name: 'Vườn chè nhà Lan', role: 'owner' })]);
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('NOT_FOUND');
  });

  it('shuts down gracefully on SIGTERM and keeps its data for the next start', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // Second start on the same data: migrations and seed are no-ops, the profile is still there.
    server = startServer({ API_PORT: String(port), DATA_DIR: dataDir });
    await waitReady(base, server.child);
    const otp = await fetch(`${base}/api/v1/auth/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '0912345678' }),
    });
    expect(otp.status).toBe(202);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  }, 180_000);

  it('refuses to start with a bad variable, naming it', async () => {
    const bad = startServer({ API_PORT: 'not-a-port', DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('API_PORT');
  });
});
