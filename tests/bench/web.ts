// Storefront weight and speed on a cheap phone: `pnpm bench:web` (issue 21, decision 25).
// Five pages (home, search "mat ong", a listing, the cart, the seller's listing form) are opened by
// Lighthouse (mobile, its simulated slow 4G and 4× CPU slowdown) in Debian's Chromium against the
// built storefront started as `pnpm start` starts it (node scripts/start.mjs, demo data), or against
// one already running (`--url http://127.0.0.1:3000`). From each run's network log it prints the
// JavaScript the page downloads (each script gzipped, whatever the server sent), the bytes that went
// over the wire, the performance score, LCP and TBT.
//   pnpm bench:web                  prints the table
//   pnpm bench:web --check          …and exits 1 when a budget is missed (not part of `pnpm test`)
//   pnpm bench:web --runs 3         Lighthouse runs per page (the median score's run is shown)
// Budgets: storefront pages ≤ 35 KB gzip JS, seller pages ≤ 60 KB; on home, search and listing a
// performance score ≥ 95, LCP ≤ 2.0 s and TBT ≤ 150 ms.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../chromium.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const check = args.includes('--check');
const runs = Math.max(1, Number(option('--runs') ?? 1));
const chromiumPath = CHROMIUM_PATH;

type Group = 'storefront' | 'seller';
type PageSpec = { name: string; path: string; group: Group; scored: boolean; cookie?: string };
type Measure = { jsGzip: number; transfer: number; score: number; lcpMs: number; tbtMs: number };

const BUDGET = {
  jsGzip: { storefront: 35 * 1024, seller: 60 * 1024 } satisfies Record<Group, number>,
  score: 95,
  lcpMs: 2000,
  tbtMs: 150,
};

const children: ChildProcess[] = [];
const scratchDirs: string[] = [];
/** Stops what the bench started, then removes its scratch directories (Chromium writes until it exits). */
async function stopAll(): Promise<void> {
  const exited = children
    .filter((child) => child.exitCode === null)
    .map((child) => new Promise((resolve) => child.once('exit', resolve)).then(() => undefined));
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}
process.on('SIGINT', () => {
  void stopAll().finally(() => process.exit(130));
});

async function waitFor(url: string, what: string, seconds = 120): Promise<void> {
  for (let i = 0; i < seconds * 5; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer ${url} in ${seconds} s`);
}

/** The storefront as `pnpm start` runs it, on its own ports and a fresh embedded database. */
async function startStorefront(): Promise<string> {
  const webPort = process.env.BENCH_WEB_PORT ?? '4390';
  const apiPort = process.env.BENCH_API_PORT ?? '4391';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nongsan-bench-web-'));
  scratchDirs.push(dataDir);
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: webPort,
      API_PORT: apiPort,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ORIGIN: `http://127.0.0.1:${webPort}`,
    },
  });
  children.push(child);
  const url = `http://127.0.0.1:${webPort}`;
  await waitFor(`${url}/`, 'the storefront');
  return url;
}

async function startChromium(): Promise<number> {
  const port = Number(process.env.BENCH_CHROME_PORT ?? 9393);
  const profile = mkdtempSync(path.join(tmpdir(), 'nongsan-bench-chromium-'));
  scratchDirs.push(profile);
  const child = spawn(
    chromiumPath,
    [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`],
    {
      stdio: 'ignore',
    },
  );
  children.push(child);
  await waitFor(`http://127.0.0.1:${port}/json/version`, 'Chromium', 30);
  return port;
}

/** A demo seller's session cookie, signed in through the storefront's /api/v1 as a browser would. */
async function signIn(base: string, phone: string): Promise<string> {
  const headers = { 'content-type': 'application/json', origin: base };
  const sent = await fetch(`${base}/api/v1/auth/otp`, { method: 'POST', headers, body: JSON.stringify({ phone }) });
  const { devCode } = (await sent.json()) as { devCode?: string };
  if (!devCode) throw new Error(`no development code for ${phone} (${sent.status}): is the server in production mode?`);
  const verified = await fetch(`${base}/api/v1/auth/verify`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ phone, code: devCode }),
  });
  const cookie = verified.headers.get('set-cookie')?.match(/ns_session=[^;]+/)?.[0];
  if (!cookie) throw new Error(`sign-in as ${phone} failed (${verified.status})`);
  return cookie;
}

async function firstHoneyListing(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/search?q=${encodeURIComponent('mat ong')}`);
  const body = (await res.json()) as { hits?: { id: string }[] };
  const id = body.hits?.[0]?.id;
  if (!id) throw new Error(`search "mat ong" found nothing (${res.status})`);
  return id;
}

type NetworkItem = { url: string; transferSize?: number; resourceType?: string; mimeType?: string };

async function measure(base: string, port: number, page: PageSpec): Promise<Measure> {
  const url = `${base}${page.path}`;
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
    },
    undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ??
    []) as NetworkItem[];
  let jsGzip = 0;
  let transfer = 0;
  for (const item of items) {
    transfer += item.transferSize ?? 0;
    if (item.resourceType !== 'Script' || !item.url.startsWith(base)) continue;
    // Gzipped here, so the figure is the same whether or not the server compresses.
    const body = Buffer.from(await (await fetch(item.url)).arrayBuffer());
    jsGzip += gzipSync(body).length;
  }
  return {
    jsGzip,
    transfer,
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const base = option('--url') ?? (await startStorefront());
  const port = await startChromium();
  const listingId = await firstHoneyListing(base);
  const sellerCookie = await signIn(base, '0912000001');
  const pages: PageSpec[] = [
    { name: 'home', path: '/', group: 'storefront', scored: true },
    {
      name: 'search "mat ong"',
      path: `/tim-kiem?q=${encodeURIComponent('mat ong')}`,
      group: 'storefront',
      scored: true,
    },
    { name: 'listing', path: `/san-pham/${listingId}`, group: 'storefront', scored: true },
    { name: 'cart', path: '/gio-hang', group: 'storefront', scored: false, cookie: `ns_cart=${listingId}~2` },
    { name: 'seller listing form', path: '/ban-hang/dang-ban', group: 'seller', scored: false, cookie: sellerCookie },
  ];

  // One warm-up load: the server's first render of each page compiles and caches.
  for (const page of pages) await fetch(`${base}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} });

  const rows: { page: PageSpec; m: Measure }[] = [];
  for (const page of pages) {
    const samples: Measure[] = [];
    for (let i = 0; i < runs; i++) samples.push(await measure(base, port, page));
    samples.sort((a, b) => a.score - b.score);
    const median = samples[Math.floor(samples.length / 2)];
    if (median) rows.push({ page, m: median });
  }

  const misses: string[] = [];
  console.log(`\nstorefront ${base} · Lighthouse ${runs} run(s) a page, mobile, simulated throttling\n`);
  console.log('| page | JS gzip | total transfer | Lighthouse perf | LCP | TBT |');
  console.log('|---|---|---|---|---|---|');
  for (const { page, m } of rows) {
    console.log(
      `| ${page.name} | ${kb(m.jsGzip)} | ${kb(m.transfer)} | ${m.score} | ${(m.lcpMs / 1000).toFixed(1)} s | ${m.tbtMs.toFixed(0)} ms |`,
    );
    const jsBudget = BUDGET.jsGzip[page.group];
    if (m.jsGzip > jsBudget) misses.push(`${page.name}: JS ${kb(m.jsGzip)} > ${kb(jsBudget)}`);
    if (!page.scored) continue;
    if (m.score < BUDGET.score) misses.push(`${page.name}: perf ${m.score} < ${BUDGET.score}`);
    if (m.lcpMs > BUDGET.lcpMs) misses.push(`${page.name}: LCP ${m.lcpMs.toFixed(0)} ms > ${BUDGET.lcpMs} ms`);
    if (m.tbtMs > BUDGET.tbtMs) misses.push(`${page.name}: TBT ${m.tbtMs.toFixed(0)} ms > ${BUDGET.tbtMs} ms`);
  }
  console.log(misses.length ? `\nover budget:\n  ${misses.join('\n  ')}` : '\nall within budget');
  if (check && misses.length) process.exitCode = 1;
}

try {
  await main();
} finally {
  await stopAll();
}
