import { brotliDecompressSync, createBrotliDecompress, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, MIN_COMPRESS_BYTES } from '../../web/src/lib/server/compression.ts';

// The storefront server's dynamic compression (web/src/lib/server/compression.ts), with Node's real
// zlib: what comes out decodes to exactly what went in.

const page = `<!doctype html><html lang="vi"><body>${'<article class="card">Mật ong rừng Tam Đảo 250.000 đ</article>'.repeat(200)}</body></html>`;

function htmlResponse(body: ConstructorParameters<typeof Response>[0], headers: Record<string, string> = {}): Response {
  return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
}

function get(acceptEncoding?: string, method = 'GET'): Request {
  return new Request('http://127.0.0.1:3000/', {
    method,
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });
}

/** What a browser can show of a brotli stream that has not ended: its bytes decoded so far. */
function decodedSoFar(part: Buffer): Promise<string> {
  const decoder = createBrotliDecompress();
  const out: Buffer[] = [];
  decoder.on('data', (chunk: Buffer) => out.push(chunk));
  return new Promise((resolve) =>
    decoder.write(part, () => setImmediate(() => resolve(Buffer.concat(out).toString('utf8')))),
  );
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

describe('chooseEncoding: Accept-Encoding read as RFC 9110 says', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['identity', null],
    ['gzip;q=0, br;q=0', null],
    ['deflate', null],
    ['', null],
  ] as const)('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });

  it('no header: no compression', () => {
    expect(chooseEncoding(null)).toBeNull();
  });
});

describe('compressResponse', () => {
  it('brotli when asked for it: the body decodes to the page, smaller', async () => {
    const response = compressResponse(get('gzip, deflate, br'), htmlResponse(page));
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    const body = await bytesOf(response);
    expect(body.length).toBeLessThan(Buffer.byteLength(page) / 10);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(page);
  });

  it('gzip when brotli is not accepted, for JSON too', async () => {
    const json = JSON.stringify({
      hits: Array.from({ length: 50 }, (_, i) => ({ id: `lst_${i}`, title: 'Chè Tân Cương' })),
    });
    const response = compressResponse(
      get('gzip'),
      new Response(json, { headers: { 'content-type': 'application/json', 'content-length': String(json.length) } }),
    );
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-length')).toBeNull();
    expect(JSON.parse(gunzipSync(await bytesOf(response)).toString('utf8'))).toEqual(JSON.parse(json));
  });

  it('a streamed page keeps streaming: the first part arrives before the rest is written', async () => {
    const encoder = new TextEncoder();
    let sendRest: () => void = () => {};
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`<html><body>${'đầu trang '.repeat(300)}`));
        sendRest = () => {
          controller.enqueue(encoder.encode(`${'phần sau '.repeat(300)}</body></html>`));
          controller.close();
        };
      },
    });
    const response = compressResponse(get('br'), htmlResponse(source));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    // The source has not ended, yet compressed bytes of its first chunk come out already.
    const first = await reader.read();
    expect(first.done).toBe(false);
    const parts = [Buffer.from(first.value as Uint8Array)];
    expect(await decodedSoFar(parts[0] as Buffer)).toContain('đầu trang');
    sendRest();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(Buffer.from(value));
    }
    const text = brotliDecompressSync(Buffer.concat(parts)).toString('utf8');
    expect(text.startsWith('<html><body>đầu trang')).toBe(true);
    expect(text.endsWith('phần sau </body></html>')).toBe(true);
  });

  it('leaves alone: no Accept-Encoding, tiny bodies, photos, already-encoded bodies, HEAD, no-transform', async () => {
    const untouched = [
      compressResponse(get(), htmlResponse(page)),
      compressResponse(get('br'), htmlResponse('x'.repeat(10), { 'content-length': '10' })),
      compressResponse(
        get('br'),
        new Response(new Uint8Array(MIN_COMPRESS_BYTES * 4), { headers: { 'content-type': 'image/webp' } }),
      ),
      compressResponse(get('br'), htmlResponse(page, { 'content-encoding': 'gzip' })),
      compressResponse(get('br', 'HEAD'), htmlResponse(null)),
      compressResponse(get('br'), htmlResponse(page, { 'cache-control': 'private, no-transform' })),
    ];
    expect(untouched.map((r) => r.headers.get('content-encoding'))).toEqual([null, null, null, 'gzip', null, null]);
    expect(await untouched[0]?.text()).toBe(page);
    // A compressible body answered without compression still tells caches it depends on the header.
    expect(untouched[0]?.headers.get('vary')).toContain('Accept-Encoding');
  });

  it('a strong ETag becomes weak: the compressed bytes are not the identity bytes', () => {
    const response = compressResponse(get('br'), htmlResponse(page, { etag: '"abc"' }));
    expect(response.headers.get('etag')).toBe('W/"abc"');
  });

  it('keeps the status and every Set-Cookie header', async () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const response = compressResponse(
      get('gzip'),
      new Response(JSON.stringify({ error: { code: 'CONFLICT', message: 'x'.repeat(2000) } }), {
        status: 409,
        headers,
      }),
    );
    expect(response.status).toBe(409);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(JSON.parse(gunzipSync(await bytesOf(response)).toString()).error.code).toBe('CONFLICT');
  });
});
