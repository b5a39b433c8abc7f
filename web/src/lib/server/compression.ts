// Compression of what the storefront's server renders or forwards (pages, their __data.json, the
// /api/v1 proxy's JSON). Static files are compressed once at build time (adapter-node's
// `precompress`) and served as .br/.gz by the adapter before any hook runs; this is for the rest.
// Node's zlib rather than CompressionStream: Node 20's has no brotli. See decision 0024.
import { type BrotliCompress, constants, createBrotliCompress, createGzip, type Gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this many bytes the encoding's own overhead and the CPU are not worth it (a 401 envelope, a redirect). */
export const MIN_COMPRESS_BYTES = 1024;

// Types worth compressing: text and the structured formats. Photos (JPEG, WebP), PDFs and archives
// are compressed already; compressing them again costs CPU and saves nothing.
const COMPRESSIBLE_TYPE =
  /^(?:text\/|application\/(?:json|javascript|xml|manifest\+json|[a-z0-9.+-]+\+(?:json|xml))|image\/svg\+xml)/i;

/**
 * The encoding to answer a request with, from its Accept-Encoding (RFC 9110 §12.5.3): brotli when
 * accepted (it is 15–25 % smaller than gzip on HTML and JSON), else gzip, else none. A coding
 * listed with q=0 is refused; `*` stands for any coding not listed.
 */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number(value);
    }
    weights.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  const weightOf = (coding: Encoding) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

/** Whether a response's body is worth compressing for this request (before choosing an encoding). */
export function isCompressible(request: Request, response: Response): boolean {
  if (request.method === 'HEAD' || response.body === null) return false;
  // 204/304 have no body; 206 is a byte range of the identity body, and must stay one.
  if (response.status === 204 || response.status === 304 || response.status === 206) return false;
  const headers = response.headers;
  if (headers.has('content-encoding')) return false;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('cache-control') ?? '')) return false;
  if (!COMPRESSIBLE_TYPE.test(headers.get('content-type') ?? '')) return false;
  const length = headers.get('content-length');
  // A streamed body has no length: compressed, since it is usually a page with data still coming.
  if (length !== null && Number(length) < MIN_COMPRESS_BYTES) return false;
  return true;
}

function compressor(encoding: Encoding): BrotliCompress | Gzip {
  // Brotli quality 5 and gzip level 6: on a 2-core server quality 11 costs ~50× the time for ~8 %
  // fewer bytes; 5 is still smaller than gzip -9 on our pages. Static files get quality 11 at build.
  return encoding === 'br'
    ? createBrotliCompress({
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      })
    : createGzip({ level: 6 });
}

/**
 * A body compressed as it streams. Each chunk the source gives is flushed through at once, so a page
 * whose deferred data arrives later (SvelteKit streams promises) still reaches the browser in parts,
 * and a slow upstream never holds back what was already rendered.
 */
export function compressStream(source: ReadableStream<Uint8Array>, encoding: Encoding): ReadableStream<Uint8Array> {
  const zlib = compressor(encoding);
  const reader = source.getReader();
  let output: Uint8Array[] = [];
  let sourceDone = false;
  zlib.on('data', (chunk: Buffer) => output.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  const finished = new Promise<void>((resolve, reject) => {
    zlib.on('end', resolve);
    zlib.on('error', reject);
  });
  // An error is reported through pull(); this keeps an unread rejection from being "unhandled".
  finished.catch(() => {});

  /** One chunk of the source through the compressor and flushed out, or the end of the source. */
  async function feed(): Promise<void> {
    const { done, value } = await reader.read();
    if (done) {
      sourceDone = true;
      zlib.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      zlib.write(value, (error) => (error ? reject(error) : zlib.flush(() => resolve())));
    });
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Feed the source until compressed bytes come out; at its end, wait for the compressor's last bytes.
      while (output.length === 0) {
        if (sourceDone) {
          await finished;
          break;
        }
        await feed();
      }
      for (const chunk of output) controller.enqueue(chunk);
      output = [];
      if (sourceDone && zlib.readableEnded) controller.close();
    },
    cancel(reason) {
      zlib.destroy();
      return reader.cancel(reason);
    },
  });
}

/**
 * The response compressed for this request when that is worth it, else the response as it is.
 * Caches are told the answer depends on Accept-Encoding either way (a compressible body only).
 */
export function compressResponse(request: Request, response: Response): Response {
  if (!isCompressible(request, response)) return response;
  const headers = new Headers(response.headers);
  headers.append('vary', 'Accept-Encoding');
  const encoding = chooseEncoding(request.headers.get('accept-encoding'));
  if (!encoding || !response.body) return new Response(response.body, { status: response.status, headers });
  headers.set('content-encoding', encoding);
  headers.delete('content-length');
  // The bytes differ from the identity body's: a strong validator would now be a lie.
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  return new Response(compressStream(response.body, encoding), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
